import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { runSunlight } from '../helpers/cli';
import { expectNoAxeViolations } from './axe';

const port = Number(process.env.E2E_PORT ?? 4411);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/sunlight-e2e-${port}`;
const PASSWORD = 'e2e supervisor passphrase';

/** One account per browser project (desktop, phone), created with the CLI as an administrator would. */
test.beforeAll(async ({}, testInfo) => {
  for (const name of [`e2e.${testInfo.project.name}`, `lock.${testInfo.project.name}`]) {
    const r = await runSunlight(
      ['supervisor', 'create', '--username', name],
      { SUNLIGHT_DATA_DIR: dataDir, DATABASE_URL: '' },
      `${PASSWORD}\n`,
    );
    if (r.code !== 0 && !r.stderr.includes('已存在')) throw new Error(`supervisor create failed: ${r.stderr}`);
  }
});

test('a supervisor signs in, opens an alert, opens a case from it and closes it', async ({ page }, testInfo) => {
  // Eight pages, each checked with axe: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(120_000);
  await page.goto('/supervision');
  await expect(page).toHaveURL(/\/supervision\/login\?next=%2Fsupervision$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录执法监督工作台');
  await expectNoAxeViolations(page);
  await page.getByLabel('用户名').fill(`e2e.${testInfo.project.name}`);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('执法总览');
  await expect(page.getByRole('img', { name: /检查、登记、评价和处罚决定数/ })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: '监督工作台' }).getByRole('link', { name: '智慧预警' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('智慧预警');
  await expectNoAxeViolations(page);
  const first = page.locator('.sv-alert__title a').first();
  const title = (await first.textContent())!.trim();
  // Other tests issue certificates on this portal meanwhile, so an alert's counts may grow between the
  // list and the detail page (on a weekend every one of them is "outside working hours"): same alert,
  // any numbers.
  const pattern = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+');
  const sameAlert = new RegExp(`^${pattern}$`);
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sameAlert);
  await expect(page.getByRole('heading', { name: '预警依据的记录' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: /立案督办/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('立案督办');
  await expect(page.getByLabel('标题')).toHaveValue(sameAlert);
  await page.getByLabel('承办人').selectOption(`e2e.${testInfo.project.name}`);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '立案' }).click();

  await expect(page).toHaveURL(/\/supervision\/cases\/GD-\d{4}-\d{6}\?created=1$/);
  await expect(page.getByRole('status')).toContainText('已立案');
  await expect(page.getByRole('heading', { name: '依据的预警（立案时快照）' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('说明（可不填）').fill('已通知该机关提供检查记录。');
  await page.getByRole('button', { name: '开始核查' }).click();
  await expect(page.getByRole('status')).toContainText('核查中');

  // 办结 without a result is refused with an error that points at the field
  await page.getByRole('button', { name: '办结' }).click();
  await expect(page.getByRole('alert')).toContainText('请填写办结意见');
  await expectNoAxeViolations(page);
  await page.getByLabel('办结意见').fill('核查属实，已责令该机关整改并纳入评议考核。');
  await page.getByRole('button', { name: '办结' }).click();

  await expect(page.getByRole('status')).toContainText('已办结');
  await expect(page.getByText('核查属实，已责令该机关整改并纳入评议考核。').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '办结' })).toHaveCount(0);
  const history = page.locator('#table-history');
  await expect(history).toContainText('新建工单');
  await expect(history).toContainText('待处理 → 核查中');
  await expect(history).toContainText('核查中 → 已办结');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/supervision\/login\?loggedout=1$/);
  await expect(page.getByRole('status')).toContainText('您已退出登录');
});

/** One test per page: each page is checked on its own, so a slow page does not use up the others' time. */
for (const [path, heading] of [
  ['/supervision/cases', '督办工单'],
  ['/supervision/assessment', '评议考核'],
  ['/supervision/audit', '审计日志'],
  ['/supervision/accounts', '账号'],
  ['/supervision?from=2026-01-01&to=2026-01-20', '执法总览'],
  ['/supervision', '执法总览'],
  ['/supervision/feedback', '评价与反映'],
  ['/supervision/feedback?view=reports', '评价与反映'],
] as const) {
  test(`the workspace page ${path} is accessible and fits the screen`, async ({ page }, testInfo) => {
    await page.goto('/supervision/login');
    await page.getByLabel('用户名').fill(`e2e.${testInfo.project.name}`);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('执法总览');
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('an evaluation leads to its inspection file, which is accessible and fits the screen', async ({
  page,
}, testInfo) => {
  await page.goto('/supervision/login');
  await page.getByLabel('用户名').fill(`e2e.${testInfo.project.name}`);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.goto('/supervision/feedback?maxRating=2');
  const first = page.locator('#table-evaluations tbody tr').first().getByRole('link').first();
  const certificate = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`检查档案 ${certificate}`);
  await expect(page.getByRole('heading', { name: '事后评价' })).toBeVisible();
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('after wrong passwords the page says to wait, why and until when (429), and the form still works', async ({
  page,
}, testInfo) => {
  // One address per project (the server trusts X-Forwarded-For here), so the delay is this test's own.
  await page.setExtraHTTPHeaders({
    'x-forwarded-for': testInfo.project.name === 'desktop' ? '198.51.100.1' : '198.51.100.2',
  });
  await page.goto('/supervision/login');
  let last = 200;
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('用户名').fill(`lock.${testInfo.project.name}`);
    await page.getByLabel('密码').fill('not the password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/supervision/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '登录' }).click(),
    ]);
    last = response.status();
  }
  expect(last).toBe(429);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('登录尝试过于频繁');
  await expect(alert).toContainText(/请于\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）\s*之后再试（约 \d+ 秒后）/);
  await expect(page.getByLabel('用户名')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('脱敏审核: a held decision is released from the workspace at 320px, accessible', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const created = await runSunlight(['token', 'create', '--agency', 'market'], {
    SUNLIGHT_DATA_DIR: dataDir,
    DATABASE_URL: '',
  });
  expect(created.code, created.stderr).toBe(0);
  const record = JSON.parse(
    fs.readFileSync(new URL('../../content/examples/disclosure.json', import.meta.url), 'utf8'),
  );
  const decisionNo = `滨江市监罚〔2026〕${testInfo.project.name === 'desktop' ? 8971 : 8972}号`;
  const pushed = await request.post('/api/v1/ingest/disclosures', {
    headers: { authorization: `Bearer ${created.stdout.trim()}` },
    data: { ...record, decisionNo, remarks: '另记：1234 5678 901' },
  });
  expect([202, 200]).toContain(pushed.status());
  const { id } = (await pushed.json()) as { id: string };

  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto('/supervision/login');
  await page.getByLabel('用户名').fill(`e2e.${testInfo.project.name}`);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.goto('/supervision/reviews');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('脱敏审核');
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const section = page.getByRole('region', { name: new RegExp(decisionNo.replace(/[〔〕]/g, '.')) });
  await section.getByLabel('备注').fill('另记：现场数字已核实，与个人无关。');
  await section.getByRole('button', { name: '核对无误，发布' }).click();
  await expect(page.getByRole('status')).toContainText(id);
  expect((await request.get(`/api/v1/disclosures/${id}`)).status()).toBe(200);
});

/**
 * Issue 25's evidence: the overview and an alert as a supervisor sees them on a laptop (1366 px) and a phone
 * (390 px), kept in test-results/supervision/ with the run. The fresh sample shows every alert type in the
 * last 30 days.
 */
test('@desktop the overview and an alert at 1366 and 390 px, with every alert type on a fresh install', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/supervision/login');
  await page.getByLabel('用户名').fill(`e2e.${testInfo.project.name}`);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('执法总览');

  const today = await page.evaluate(() => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/supervision/alerts?from=${from}&to=${today}`);
  const byRule = page.getByRole('list', { name: '按预警类型筛选' }).getByRole('link');
  const labels = (await byRule.allTextContents()).map((t) => t.trim()).filter((t) => !t.startsWith('全部'));
  expect(labels).toHaveLength(10);
  for (const label of labels) expect(label, `${label}: no alert of this type in the last 30 days`).not.toMatch(/\s0$/);
  const alert = new URL((await page.locator('.sv-alert__title a').first().getAttribute('href'))!, page.url()).href;

  const dir = `${testInfo.project.outputDir}/supervision`;
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [name, url] of [
      ['overview', '/supervision'],
      ['alert', alert],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (name === 'overview') await expect(page.getByRole('heading', { name: '今日待办' })).toBeVisible();
      else await expect(page.getByRole('heading', { name: '预警依据的记录' })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
      const file = `${dir}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`${name}-${width}`, { path: file, contentType: 'image/png' });
    }
  }
});
