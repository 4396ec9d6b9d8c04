import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { makeCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { runSunlight } from '../helpers/cli';
import { createToken } from '../helpers/ingest';
import { issueForFreshEnterprise } from '../helpers/inspections';
import { ROOT } from '../helpers/server';
import { qrGif, writeQrY4m } from '../helpers/y4m';
import { expectNoAxeViolations } from './axe';

/**
 * The mini-program's h5 build, served by playwright.config.ts's second web server against the
 * portal with its sample data, driven in Chromium: (a) manual entry → result; (b) a real scan through
 * Chromium's fake camera; (c) an evaluation made while the API is unreachable, delivered exactly once
 * after it returns. Plus the album picker, a foreign QR code, 320 px and large-font layouts, axe.
 */
const port = Number(process.env.E2E_PORT ?? 4411);
const mpPort = Number(process.env.E2E_MP_PORT ?? port + 1);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/sunlight-e2e-${port}`;
const api = `http://127.0.0.1:${port}`;
const app = `http://127.0.0.1:${mpPort}`;
const built = fs.existsSync(path.join(ROOT, 'miniprogram/dist/h5/index.html'));

let market: string;
test.beforeAll(async () => {
  if (!built) throw new Error('miniprogram/dist/h5 is missing: run `npm run mp:h5` first (npm test builds it).');
  market = await createToken(dataDir, 'market');
});

const issue = () => issueForFreshEnterprise(api, market, '小程序测试');

/**
 * The business's enrolment code, as the operator prints it with the CLI (handed over out of band — the
 * inspecting agency never has one).
 */
async function enrolmentCode(creditCode: string): Promise<string> {
  const r = await runSunlight(['business', 'enrol', creditCode], { SUNLIGHT_DATA_DIR: dataDir, DATABASE_URL: '' });
  if (r.code !== 0) throw new Error(`business enrol failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Binds this phone to the business on a check-in or evaluation form. */
async function bindDevice(form: Locator, creditCode: string) {
  await form.getByTestId('enrolment-code').fill(await enrolmentCode(creditCode));
  await form.getByTestId('bind-device').click();
  await expect(form.getByTestId('business-identity')).toContainText(creditCode);
}

/** The page on top of Taro's h5 page stack (earlier pages stay in the DOM, hidden). */
const screen = (page: Page): Locator => page.locator('.taro_page.taro_page_show').last();

async function expectResult(page: Page, no: string, status: string, headline: string) {
  const s = screen(page);
  await expect(s.getByTestId('certificate-no')).toHaveText(no, { timeout: 20_000 });
  await expect(s.locator('.status')).toHaveAttribute('data-status', status, { timeout: 20_000 });
  await expect(s.locator('.status-headline')).toHaveText(headline);
}

test('(a) manual entry of a certificate number shows the verification result', async ({ page }) => {
  const cert = await issue();
  const details = (await (await fetch(`${api}/api/v1/certificates/${cert.certificateNo}`)).json()) as {
    agency: { name: string };
    inspectors: { name: string; certificateNo: string }[];
  };
  await page.goto(`${app}/`);
  await page.getByRole('button', { name: '手动输入检查证编号' }).click();
  const input = screen(page).getByTestId('certificate-no');
  // A typo is caught on the phone by the check digit, before any lookup.
  const typo = cert.certificateNo.slice(0, -1) + String((Number(cert.certificateNo.slice(-1)) + 1) % 10);
  await input.fill(typo);
  await screen(page).getByRole('button', { name: '查询' }).click();
  await expect(screen(page).getByRole('alert')).toContainText('校验位');
  // Typed loosely: lower case, no hyphens.
  await input.fill(cert.certificateNo.toLowerCase().replace(/-/g, ''));
  await screen(page).getByRole('button', { name: '查询' }).click();
  await expectResult(page, cert.certificateNo, 'valid', '真实有效的电子检查证');
  const s = screen(page);
  await expect(s.getByTestId('verify-mode')).toContainText('已联网按编号查询');
  await expect(s.getByText(details.agency.name)).toBeVisible();
  for (const p of details.inspectors) {
    await expect(s.getByText(p.name, { exact: true })).toBeVisible();
    await expect(s.getByText(p.certificateNo)).toBeVisible();
  }
  // A number typed by hand cannot rate: the token from the QR code is needed.
  await expect(s.getByText('手动输入的编号只能查询')).toBeVisible();

  // A well-formed number this system never issued is not genuine.
  await page.goto(`${app}/#/verify/scan/index?mode=manual`);
  await screen(page).getByTestId('certificate-no').fill(makeCertificateNo(2026, 9_999_999));
  await screen(page).getByRole('button', { name: '查询' }).click();
  await expectResult(page, makeCertificateNo(2026, 9_999_999), 'not_genuine', '不是真实的电子检查证');

  // A verify link pasted whole (from a chat or the browser) carries the signature: check-in opens.
  await page.goto(`${app}/#/verify/scan/index?mode=manual`);
  await screen(page).getByTestId('certificate-no').fill(cert.verifyUrl);
  await expect(screen(page).getByTestId('certificate-no')).toHaveValue(cert.verifyUrl);
  await screen(page).getByRole('button', { name: '查询' }).click();
  await expectResult(page, cert.certificateNo, 'valid', '真实有效的电子检查证');
  await expect(screen(page).getByTestId('open-checkin')).toBeVisible();
});

test('(b) scanning a real certificate QR code with the camera (Chromium fake camera)', async ({}, testInfo) => {
  const cert = await issue();
  const y4m = path.join(os.tmpdir(), `sunlight-qr-${cert.certificateNo}-${process.pid}.y4m`);
  writeQrY4m(y4m, cert.verifyUrl);
  const launch = testInfo.project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      hasTouch: true,
      isMobile: true,
    });
    await context.grantPermissions(['camera'], { origin: app });
    const page = await context.newPage();
    await page.goto(`${app}/`);
    await page.getByRole('button', { name: /扫码核验检查/ }).click();
    await expect(screen(page).getByTestId('camera')).toBeVisible();
    await expectResult(page, cert.certificateNo, 'valid', '真实有效的电子检查证');
    await expect(screen(page).getByTestId('verify-mode')).toContainText('已联网核验：签名');
    // Scanned with its token: this phone may now check in and rate.
    await expect(screen(page).getByRole('button', { name: /事后评价/ })).toBeVisible();
    await context.close();
  } finally {
    await browser.close();
    fs.rmSync(y4m, { force: true });
  }
});

test('(c) an evaluation made while the API is unreachable is kept, then delivered exactly once', async ({
  page,
  context,
}) => {
  const cert = await issue();
  const posts: number[] = [];
  let aborted = 0;
  const sentBodies: string[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && r.url().includes(`/certificates/${cert.certificateNo}/evaluations`)) {
      posts.push(r.status());
      sentBodies.push(r.request().postData() ?? '');
    }
  });

  // The QR code opened the app (as WeChat does with the scanned URL); the token is stored on the phone.
  await page.goto(`${app}/#/verify/result/index?no=${cert.certificateNo}&t=${cert.token}`);
  await expectResult(page, cert.certificateNo, 'valid', '真实有效的电子检查证');
  await screen(page)
    .getByRole('button', { name: /事后评价/ })
    .click();
  const form = screen(page);
  await expect(form.getByTestId('anonymity')).toContainText('被检查机关看不到是谁');
  for (const [dim, n] of [
    ['lawfulness', 4],
    ['courtesy', 5],
    ['integrity', 5],
    ['efficiency', 3],
    ['overall', 4],
  ] as const) {
    await form.getByTestId(`rate-${dim}-${n}`).click();
  }
  await form.getByTestId('problem-repeated').click();
  await form.getByTestId('comment').fill('一个月内第二次检查同一事项。');
  // Not the credit code (anyone can read it off the licence) but this phone's bound business identity:
  // a wrong enrolment code binds nothing.
  await form.getByTestId('enrolment-code').fill('2222-3333-4444-5555');
  await form.getByTestId('bind-device').click();
  await expect(form.getByText(/登记码无效/)).toBeVisible();
  await bindDevice(form, cert.creditCode);

  // The portal becomes unreachable.
  await context.route(`${api}/**`, (route) => {
    aborted++;
    return route.abort('connectionrefused');
  });
  await form.getByRole('button', { name: '提交评价' }).click();
  const state = form.getByTestId('submission-state');
  await expect(state).toHaveAttribute('data-state', 'pending');
  await expect(state).toContainText('已保存，待发送');
  // Retried with backoff while it stays unreachable.
  await expect.poll(() => aborted, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await expect(state).toContainText('已尝试');

  // The app is closed and opened again: the submission is still waiting on the phone.
  await page.goto(`${app}/`);
  await expect(screen(page).getByTestId('pending-banner')).toContainText('1 条');
  await page.getByRole('button', { name: '我的检查记录' }).click();
  const record = screen(page).getByTestId('record').filter({ hasText: cert.certificateNo });
  await expect(record.getByTestId('record-evaluation')).toHaveText('事后评价：已保存，待发送');

  // The portal is back, and so is the network: the app sends it by itself.
  await context.unroute(`${api}/**`);
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(record.getByTestId('record-evaluation')).toHaveText('事后评价：已提交', { timeout: 20_000 });

  // Exactly once: one accepted POST, and the supervisor sees one evaluation, never revised.
  expect(posts.filter((s) => s === 201)).toHaveLength(1);
  // Sent with the device's proof, which the stored queue never held.
  expect(sentBodies.at(-1)).toMatch(/"proof":"slb1\./);
  const stored = await page.evaluate(() => localStorage.getItem('sunlight.queue'));
  expect(stored).toContain(cert.certificateNo);
  expect(stored).not.toContain('slb1.');
  const list = await runSunlight(['evaluations', 'list', '--agency', 'market'], {
    SUNLIGHT_DATA_DIR: dataDir,
    DATABASE_URL: '',
  });
  expect(list.code, list.stderr).toBe(0);
  const lines = list.stdout.split('\n').filter((l) => l.includes(cert.certificateNo));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('规范执法4');
  expect(lines[0]).not.toMatch(/修改\d+次/); // revisions: 1
});

test('反映问题 without a certificate: filed from the app, receipt and progress shown, in 我的检查记录 too', async ({
  page,
}) => {
  await page.goto(`${app}/`);
  await page.getByRole('button', { name: '反映问题（无需检查证）' }).click();
  const form = screen(page);
  await form.getByRole('button', { name: '提交反映' }).click();
  await expect(form.getByText('请选择遇到了什么问题').first()).toBeVisible();
  await form.getByTestId('kind-multi_agency').click();
  await expect(form.getByTestId('agency').locator('option', { hasText: '不清楚' })).toHaveCount(1);
  await form.getByTestId('agency').selectOption({ label: '不清楚' });
  await form.getByTestId('place').fill('示例路18号 示例物流公司');
  await form.getByTestId('description').fill('同一周内三个不同部门先后来检查消防和安全生产，内容大致相同。');
  await form.getByRole('button', { name: '提交反映' }).click();
  const state = form.getByTestId('submission-state');
  await expect(state).toContainText('已受理，回执编号 FY', { timeout: 20_000 });
  const receipt = /FY\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec((await state.textContent()) ?? '')![0];
  await form.getByTestId('open-receipt').click();
  await expect(screen(page).getByTestId('receipt')).toContainText('已受理');
  await expectNoAxeViolations(page);
  await page.goto(`${app}/#/pages/records/index`);
  await expect(screen(page).getByTestId('report-record').first()).toContainText(receipt);
});

/** A real 1×1 PNG as a phone app writes it: with an eXIf chunk holding a GPS position; `pad` bytes of text. */
function phonePng(pad = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('eXIf', Buffer.from('MM\0*GPS 31.23N 121.47E', 'latin1')),
    ...(pad ? [chunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(pad, 0x41)]))] : []),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 200, 30, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('反映问题 with a photo from the web version: checked when chosen, sent after the report, counted on the receipt', async ({
  page,
}) => {
  await page.goto(`${app}/#/report/new/index`);
  const form = screen(page);
  await form.getByTestId('kind-no_code').click();
  await form.getByTestId('agency').selectOption({ label: '不清楚' });
  await form.getByTestId('place').fill('示例路66号 示例便利店');
  await form.getByTestId('description').fill(`两名检查人员进店检查，没有出示执法证，也没有电子检查证。${Date.now()}`);

  const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    const chooser = page.waitForEvent('filechooser');
    await form.getByTestId('add-photo').click();
    await (await chooser).setFiles(file);
  };
  // Too large for the browser's storage: refused when chosen, naming the photo, the size and the fix.
  await choose({ name: 'big.png', mimeType: 'image/png', buffer: phonePng(1_200_000) });
  await expect(form.getByRole('alert').filter({ hasText: '第1张照片有 1.2 MB，超过了 1.0 MB' })).toBeVisible();
  await expect(form.getByTestId('add-photo')).toHaveText('添加照片（已选0张）');

  await choose({ name: 'shop.png', mimeType: 'image/png', buffer: phonePng() });
  await expect(form.getByTestId('add-photo')).toHaveText('添加照片（已选1张）');
  await expect(form.getByRole('img', { name: '第1张照片' })).toBeVisible();
  // Kept in the browser's storage, so a closed tab does not lose it before it is sent.
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sunlight.photo.')).length),
  ).toBe(1);
  await expectNoAxeViolations(page);

  const photoPosts: number[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && /\/api\/v1\/reports\/[^/]+\/photos$/.test(r.url()))
      photoPosts.push(r.status());
  });
  await form.getByRole('button', { name: '提交反映' }).click();
  await expect(form.getByTestId('submission-state')).toContainText('已受理，回执编号 FY', { timeout: 20_000 });
  await expect(form.getByTestId('photo-progress')).toContainText('照片：已送达 1 张', { timeout: 20_000 });
  expect(photoPosts).toEqual([201]);
  // Sent: the bytes are no longer kept.
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sunlight.photo.')).length),
  ).toBe(0);

  await form.getByTestId('open-receipt').click();
  await expect(screen(page).getByTestId('receipt-photos')).toHaveText('已送达 1 张');
});

test('从相册选择: a picture of our QR code verifies, then 事中登记; any other QR code gets a clear message', async ({
  page,
}) => {
  const cert = await issue();
  await page.goto(`${app}/#/verify/scan/index?mode=manual`);
  const picker = screen(page).locator('input[type=file]');
  await picker.setInputFiles({
    name: 'wechat-pay.gif',
    mimeType: 'image/gif',
    buffer: qrGif('wxp://f2f0Ab1Cd2Ef3Gh4'),
  });
  await expect(screen(page).getByTestId('scan-message')).toContainText('这不是电子检查证的二维码');
  await picker.setInputFiles({
    name: 'fake.gif',
    mimeType: 'image/gif',
    buffer: qrGif(`https://evil.example.com/verify/${cert.certificateNo}?t=${cert.token}`),
  });
  await expect(screen(page).getByTestId('scan-message')).toContainText('不是本系统签发的电子检查证');
  await picker.setInputFiles({
    name: 'blank.gif',
    mimeType: 'image/gif',
    buffer: Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'),
  });
  await expect(screen(page).getByTestId('scan-message')).toContainText('没有找到二维码');
  await picker.setInputFiles({ name: 'certificate.gif', mimeType: 'image/gif', buffer: qrGif(cert.verifyUrl) });
  await expectResult(page, cert.certificateNo, 'valid', '真实有效的电子检查证');

  // 事中登记 with the scanned token, online: stored by the portal at once.
  await screen(page)
    .getByRole('button', { name: /事中登记/ })
    .click();
  const form = screen(page);
  await form.getByRole('button', { name: '出示了' }).click();
  // A phone not bound to the business cannot check in: nothing is sent in its name.
  await form.getByRole('button', { name: '提交登记' }).click();
  await expect(form.getByText('请先绑定企业身份').first()).toBeVisible();
  await bindDevice(form, cert.creditCode);
  await form.getByRole('button', { name: '提交登记' }).click();
  await expect(form.getByTestId('submission-state')).toHaveAttribute('data-state', 'sent');
  await expect(form.getByTestId('submission-state')).toContainText('已提交');
  await expect(form.getByTestId('submission-state')).toContainText('已登记');
});

test('offline: a scanned certificate is verified by signature against the cached keys, and says so', async ({
  page,
  context,
}) => {
  const cert = await issue();
  await page.goto(`${app}/`);
  // The app fetched the JWKS at launch (online): now the portal cannot be reached.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('sunlight.jwks')), { timeout: 10_000 })
    .toContain('Ed25519');
  await context.route(`${api}/**`, (route) => route.abort('internetdisconnected'));
  await page.goto(`${app}/#/verify/result/index?no=${cert.certificateNo}&t=${cert.token}`);
  await expectResult(page, cert.certificateNo, 'valid', '真实有效的电子检查证');
  await expect(screen(page).locator('.status')).toHaveAttribute('data-mode', 'offline');
  await expect(screen(page).getByTestId('verify-mode')).toContainText('离线核验');
  // A tampered token is caught offline too.
  const [h, p, sig] = cert.token.split('.');
  const forged = `${h}.${p}.${sig!.slice(0, -4)}${sig!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  await page.goto(`${app}/#/verify/result/index?no=${cert.certificateNo}&t=${forged}`);
  await expect(screen(page).locator('.status')).toHaveAttribute('data-status', 'not_genuine', { timeout: 20_000 });
});

test('公示查询: search with a filter and open a record', async ({ page }) => {
  await page.goto(`${app}/`);
  await page.getByRole('button', { name: '公示查询' }).click();
  const s = screen(page);
  await expect(s.getByTestId('search-total')).toContainText('共');
  const direct = (await (
    await fetch(`${api}/api/v1/disclosures?q=${encodeURIComponent('食品')}&field=${encodeURIComponent('市场监管')}`)
  ).json()) as { total: number };
  await s.getByTestId('search-q').fill('食品');
  await s.getByRole('button', { name: '搜索' }).click();
  await s.getByTestId('filter-field').selectOption('市场监管');
  // The same total as the portal's API for the same query model.
  await expect(s.getByTestId('search-total')).toHaveText(`共 ${direct.total} 条`);
  await expect(s.getByTestId('search-hit').first()).toBeVisible();
  const first = s.getByTestId('search-hit').first();
  const party = (await first.locator('span').first().innerText()).trim();
  await first.click();
  await expect(screen(page).getByTestId('disclosure-title')).toHaveText(party);
  await expect(screen(page).getByText('决定书文号')).toBeVisible();
});

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('old phones and large fonts: 320 px wide, 200 % text, large tap targets, no axe violations', async ({
  browser,
}) => {
  const cert = await issue();
  const context: BrowserContext = await browser.newContext({ viewport: { width: 320, height: 568 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const pages = [
    `${app}/`,
    `${app}/#/verify/scan/index?mode=manual`,
    `${app}/#/verify/result/index?no=${cert.certificateNo}&t=${cert.token}`,
    `${app}/#/verify/evaluate/index?no=${cert.certificateNo}`,
  ];
  for (const url of pages) {
    await page.goto(url);
    await expect(screen(page).locator('.h1').first()).toBeVisible();
    await page.waitForTimeout(300);
    await noHorizontalOverflow(page);
    for (const box of await screen(page)
      .locator('button:visible')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThanOrEqual(44);
    }
    await expectNoAxeViolations(page);
    // The system font size doubled (what "largest text" does): still no sideways scrolling.
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await page.waitForTimeout(200);
    await noHorizontalOverflow(page);
  }
  await context.close();
});

test('h5 first load: JavaScript transferred to show the home screen', async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  const files: string[] = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    files.push(`${r.url().replace(app, '')} ${body.length}`);
  });
  await page.goto(`${app}/`);
  await expect(page.getByRole('button', { name: /扫码核验检查/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  testInfo.annotations.push({
    type: 'h5 first-load JS',
    description: `${bytes} bytes (${(bytes / 1024).toFixed(1)} KB, uncompressed): ${files.join(', ')}`,
  });
  console.log(`h5 first-load JS: ${bytes} bytes uncompressed in ${files.length} files`);
  expect(bytes).toBeLessThan(600 * 1024);
  await context.close();
});
