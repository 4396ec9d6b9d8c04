import { expect, type Page } from '@playwright/test';
import { runSunlight } from '../helpers/cli';

/**
 * Work orders for the page sweep (page-types.ts): a report filed against the market regulator, its work
 * order found in the audit log by a supervisor, and (for the agency's pages) handed to the market
 * regulator's account, whose session the page then holds.
 */
const port = Number(process.env.E2E_PORT ?? 4411);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/sunlight-e2e-${port}`;
const PASSWORD = 'e2e agency passphrase 2026';

async function ensureAccount(args: string[]) {
  const r = await runSunlight(
    ['supervisor', 'create', ...args],
    { SUNLIGHT_DATA_DIR: dataDir, DATABASE_URL: '' },
    `${PASSWORD}\n`,
  );
  if (r.code !== 0 && !r.stderr.includes('已存在')) throw new Error(`supervisor create failed: ${r.stderr}`);
}

async function signIn(page: Page, username: string) {
  await page.context().clearCookies();
  await page.goto('/supervision/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** A fresh report's work order, with a supervisor signed in; returns its path. */
export async function reportedOrder(page: Page): Promise<string> {
  await ensureAccount(['--username', 'sweep.sv', '--role', 'supervisor']);
  const res = await page.request.post('/api/v1/reports', {
    headers: { 'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    data: {
      clientId: crypto.randomUUID(),
      kind: 'no_code',
      agencyId: 'market',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      place: '示例路1号 示例超市',
      description: `检查人员没有出示执法证，也没有扫码。${crypto.randomUUID()}`,
      contact: '13912345678',
    },
  });
  expect(res.status()).toBe(201);
  const { receipt } = (await res.json()) as { receipt: string };
  await signIn(page, 'sweep.sv');
  await page.goto('/supervision/audit?action=case.create');
  const href = await page
    .locator('tr', { hasText: receipt })
    .locator('a[href^="/supervision/cases/"]')
    .first()
    .getAttribute('href');
  expect(href, `work order of ${receipt}`).toBeTruthy();
  return href!;
}

/** A work order handed to the market regulator's account, with that account signed in; returns its path. */
export async function handedOrder(page: Page): Promise<string> {
  await ensureAccount(['--username', 'sweep.market', '--role', 'agency', '--agency', 'market']);
  const casePath = await reportedOrder(page);
  await page.goto(casePath);
  await page.getByLabel('交办给（执法单位账号）').selectOption('sweep.market');
  await page.getByRole('button', { name: '交办', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('已交办');
  await signIn(page, 'sweep.market');
  return casePath.replace('/supervision/cases/', '/supervision/agency/cases/');
}
