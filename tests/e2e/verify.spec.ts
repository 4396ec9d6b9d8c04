import { expect, test, type Page } from '@playwright/test';
import { createToken } from '../helpers/ingest';
import { freshEnterprises, inspectionExample, type Issued } from '../helpers/inspections';
import { expectNoAxeViolations } from './axe';

const port = Number(process.env.E2E_PORT ?? 4411);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/sunlight-e2e-${port}`;
const base = `http://127.0.0.1:${port}`;

let market: string;
let valid: Issued;
let expired: Issued;
let revoked: Issued;
let drawId: string;

const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
const anyEnterprise = () => freshEnterprises[Math.floor(Math.random() * freshEnterprises.length)]!;

async function post(pathname: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${market}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${pathname} ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

const codes = new Map<string, string>();
async function issue(startMs?: number, lengthMs?: number): Promise<Issued> {
  const code = anyEnterprise();
  const cert = (await post(
    '/api/v1/ingest/inspections',
    inspectionExample({ enterpriseCreditCode: code }, startMs, lengthMs),
  )) as unknown as Issued;
  codes.set(cert.certificateNo, code);
  return cert;
}

test.beforeAll(async () => {
  market = await createToken(dataDir, 'market');
  expired = await issue(-3_600_000, 3_600_000 + 4000);
  valid = await issue();
  revoked = await issue();
  await post(`/api/v1/ingest/certificates/${revoked.certificateNo}/revoke`, { reason: '检查任务已取消（示例）' });
  const draw = await post('/api/v1/ingest/draws', { itemCodes: ['JCSX-000213'], enterpriseCount: 3 });
  drawId = String(draw.id);
  await post(`/api/v1/ingest/draws/${drawId}/reveal`, {});
  // Its window ends a few seconds after it was issued: wait until the portal says so, however slow the machine.
  const statusOf = async (cert: Issued) =>
    (
      (await (await fetch(`${base}/api/v1/certificates/${cert.certificateNo}?t=${cert.token}`)).json()) as {
        status: string;
      }
    ).status;
  await expect.poll(() => statusOf(expired), { timeout: 30_000, intervals: [250] }).toBe('expired');
});

async function expectStatus(page: Page, heading: string, tone: string, label: string) {
  const panel = page.locator('.verify-panel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(panel).toHaveClass(new RegExp(tone));
  await expect(panel).toContainText(`状态：${label}`);
}

test('a genuine certificate shows 真实有效 with agency, officers, items and their basis', async ({ page }) => {
  await page.goto(pathOf(valid.verifyUrl));
  await expectStatus(page, '真实有效的电子检查证', 'panel--success', '真实有效');
  await expect(page.getByText('数字签名已验证')).toBeVisible();
  await expect(page.getByRole('link', { name: '示例市滨江新区市场监督管理局' })).toBeVisible();
  const officers = page.getByRole('table');
  await expect(officers.getByRole('row')).toHaveCount(3);
  await expect(officers).toContainText('ZF9901');
  await expect(officers).toContainText('有效');
  await expect(page.locator('.verify-items__basis a').first()).toHaveAttribute('href', /^\/laws\/[A-Z]+-\d+#art-\d+$/);
  await expect(page.locator('main')).not.toContainText(codes.get(valid.certificateNo)!);
  // Reached by WeChat's or the phone's own camera: the page says how to check in and rate.
  const help = page.getByRole('region', { name: '被检查单位：登记和评价这次检查' });
  await expect(help).toContainText('“阳光执法”小程序');
  await expect(help).toContainText('事中登记');
  await expect(help).toContainText('不用微信');
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('an expired certificate shows 已过期 in yellow with words', async ({ page }) => {
  await page.goto(pathOf(expired.verifyUrl));
  await expectStatus(page, '检查证已过期', 'panel--warning', '已过期');
  await expect(page.getByText('您可以拒绝检查')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a revoked certificate shows 已撤销 in red, with the reason', async ({ page }) => {
  await page.goto(pathOf(revoked.verifyUrl));
  await expectStatus(page, '检查证已撤销', 'panel--error', '已撤销');
  await expect(page.getByText('检查任务已取消（示例）')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a forged token or an unknown number is 不是真实的电子检查证, with no details shown', async ({ page }) => {
  const [h, p, s] = valid.token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { exp: number };
  const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 * 30 })).toString('base64url');
  await page.goto(`/verify/${valid.certificateNo}?t=${h}.${forged}.${s}`);
  await expectStatus(page, '不是真实的电子检查证', 'panel--error', '不是真实的检查证');
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByText('签名验证失败')).toBeVisible();
  await expect(page.getByText('登记和评价这次检查')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto('/verify/JCZ-2026-9999999-3');
  await expectStatus(page, '不是真实的电子检查证', 'panel--error', '不是真实的检查证');
  await expect(page.getByText('本系统没有编号为')).toBeVisible();
});

test('/verify takes a number typed by hand and catches a mistyped check digit', async ({ page }) => {
  await page.goto('/verify');
  await expectNoAxeViolations(page);
  const wrong = valid.certificateNo.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
  await page.getByLabel('输入检查证编号').fill(wrong);
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page.getByRole('alert')).toContainText('校验位');
  await expectNoAxeViolations(page);
  await page.getByLabel('输入检查证编号').fill(valid.certificateNo.toLowerCase());
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${valid.certificateNo}$`));
  await expectStatus(page, '真实有效的电子检查证', 'panel--success', '真实有效');
  await expect(page.getByText('您是按编号查询的')).toBeVisible();
});

test('the agency’s printable certificate carries the QR code and is not indexed', async ({ page }) => {
  await page.goto(pathOf(valid.printUrl));
  await expect(page.getByRole('img', { name: /核验二维码/ })).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expectNoAxeViolations(page);
});

test('a draw page re-runs the draw in the browser and checks its seed came from a log head signed after the commitment', async ({
  page,
}) => {
  await page.goto(`/draws/${drawId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(drawId);
  await expect(page.getByText('信标（承诺之后的第一个签名树头）')).toBeVisible();
  await expect(page.getByText('结果与公布的完全一致')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.draw-check__list .tag--green')).toHaveCount(4);
  await expect(page.locator('.draw-check__list')).toContainText('承诺在揭晓前已记入公开日志');
  // The beacon's base64 root and the hashes wrap on the narrowest phone.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});
