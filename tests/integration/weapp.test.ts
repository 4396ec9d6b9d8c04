import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { Browser as SessionBrowser } from '../helpers/browser';
import { runSunlight } from '../helpers/cli';
import { createToken } from '../helpers/ingest';
import { issueForFreshEnterprise, type IssuedFor } from '../helpers/inspections';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { compiler, textOf, ViewLayer, WeChat, type PageHandle, type WeChatOptions } from '../helpers/wechat-runtime';

/**
 * The WeChat build (weapp) run in a stand-in of WeChat's runtime (tests/helpers/wechat-runtime.ts)
 * against a real portal: built here with the portal as its API base and the portal's public keys as
 * the bundled offline keys (what a deployment does), its WXML and WXSS compiled by WeChat's own
 * compilers, every page registered and drawn, and the business's journey through taps and typing:
 * scan → verify (online; offline with the bundled keys) → check in → rate → 我的检查记录, the offline
 * queue delivering once, and a link scanned by WeChat's own camera (query `q`) opening the journey.
 */

let server: RunningServer;
let market: string;
let out: string;
const build = { ok: false, log: '' };

beforeAll(async () => {
  server = await startServer(
    { SUNLIGHT_APP_URL: 'https://app.example.gov.cn/mp/' },
    { copyOf: inject('seededDataDir') },
  );
  market = await createToken(server.dataDir, 'market');
  const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).text();
  const jwksFile = path.join(server.dataDir, 'bundled-jwks.json');
  fs.writeFileSync(jwksFile, jwks);
  out = `dist/weapp-test-${process.pid}`;
  // Built asynchronously: a synchronous build would stall this process's event loop for a minute, and
  // the HTTP client would then reuse a keep-alive socket the portal closed meanwhile.
  await new Promise<void>((resolve) => {
    execFile(
      'npm',
      ['run', 'build:weapp', '-w', 'miniprogram'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          // vitest sets NODE_ENV=test, which would make Taro build a development bundle.
          NODE_ENV: 'production',
          SUNLIGHT_API_BASE: server.url,
          SUNLIGHT_BUNDLED_JWKS: jwksFile,
          SUNLIGHT_MP_OUTPUT: out,
        },
      },
      (error, stdout, stderr) => {
        build.ok = !error;
        build.log = `${stdout}\n${stderr}`;
        resolve();
      },
    );
  });
}, 480_000); // a portal start and a production build, on a busy machine

afterAll(async () => {
  await server?.stop();
  if (out) fs.rmSync(path.join(ROOT, 'miniprogram', out), { recursive: true, force: true });
});

const root = () => {
  if (!build.ok) throw new Error(`the weapp build failed:\n${build.log}`);
  return path.join(ROOT, 'miniprogram', out);
};

const issue = () => issueForFreshEnterprise(server.url, market, '微信测试');

/** Waits (settling WeChat's callbacks) until the open page shows `text`. */
async function until(wc: WeChat, what: () => boolean, explain: () => string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await wc.settle();
    if (what()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${explain()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const shows = async (wc: WeChat, route: string, text: string) =>
  until(
    wc,
    () => wc.pageStack().at(-1) === route && wc.currentPage().text().includes(text),
    () =>
      `expected ${route} to show "${text}"; stack ${wc.pageStack().join(' > ')}; shows: ${safeText(wc)}; errors: ${wc.errors.join('\n')}`,
  );

function safeText(wc: WeChat): string {
  try {
    return wc.currentPage().text();
  } catch (e) {
    return String(e);
  }
}

function session(persisted?: WeChatOptions['persisted']): WeChat {
  const wc = new WeChat({ root: root(), ...(persisted ? { persisted } : {}) });
  sessions.push(wc);
  return wc;
}
const sessions: WeChat[] = [];
afterAll(() => sessions.forEach((w) => w.close()));

/** Nothing went to console.error/warn or escaped a callback. */
const clean = (wc: WeChat) => expect(wc.errors).toEqual([]);

/**
 * The business's own phone is bound once with the one-time code the operator handed it (local enrolment
 * adapter, issue 16): typed into the check-in or evaluation screen the first time, as a person would.
 */
async function bindIfAsked(wc: WeChat, cert: IssuedFor) {
  if (!wc.currentPage().text().includes('绑定本机')) return;
  const enrol = await runSunlight(['business', 'enrol', cert.creditCode], {
    SUNLIGHT_DATA_DIR: server.dataDir,
    DATABASE_URL: '',
  });
  if (enrol.code !== 0) throw new Error(`business enrol failed: ${enrol.stderr}`);
  await act(wc, (p) => p.type('如 7KQ2', enrol.stdout.trim()));
  await act(wc, (p) => p.tap('绑定本机'));
  await until(
    wc,
    () => wc.currentPage().text().includes('本机已绑定'),
    () => `the device was not bound: ${safeText(wc)}`,
  );
}

/** What the person types and taps on the check-in and evaluation screens. */
async function checkIn(wc: WeChat, cert: IssuedFor) {
  // A person acts on what the screen shows: let each tap's render land before the next.
  await bindIfAsked(wc, cert);
  await act(wc, (p) => p.tap('出示了'));
  await act(wc, (p) => p.tap('提交登记'));
}

async function evaluate(wc: WeChat, cert: IssuedFor) {
  await bindIfAsked(wc, cert);
  for (let d = 0; d < 5; d++) await act(wc, (p) => p.tapNth('5', d));
  await act(wc, (p) => p.type('请勿填写身份证号', '检查人员出示了证件，程序规范。'));
  await act(wc, (p) => p.tap('提交评价'));
}

async function act(wc: WeChat, fn: (p: PageHandle) => unknown) {
  fn(wc.currentPage());
  await wc.settle();
}

/** Chooses the first body in the agency picker, as a person does once the list from the portal has arrived. */
const pickFirstAgency = (wc: WeChat) =>
  until(
    wc,
    () => {
      const picker = wc.currentPage().findAll((n) => n.tag === 'wx-picker' && textOf(n).includes('请选择'))[0];
      if (picker) wc.currentPage().dispatch(picker, 'change', { value: 0 });
      return !wc.currentPage().text().includes('请选择 ▾');
    },
    () => 'the agency picker never took a choice: is the list of bodies empty?',
  );

const seg = (marker: number, payload: string | Uint8Array) => {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : Buffer.from(payload);
  return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
};
/** A JPEG as a phone's camera writes it: JFIF, then EXIF with the GPS position; `n` makes each one distinct. */
const phoneJpeg = (n: number) =>
  new Uint8Array(
    Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      seg(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
      seg(0xe1, 'Exif\0\0MM\0*GPSLatitude=31.2304N GPSLongitude=121.4737E'),
      seg(0xdb, new Uint8Array(65).fill(n)),
      seg(0xc0, new Uint8Array([8, 0, 16, 0, 32, 1, 1, 0x11, 0])),
      seg(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
      Buffer.from([0x12, n, 0x56, 0xff, 0x00, 0x78]),
      Buffer.from([0xff, 0xd9]),
    ]),
  );

const posts = (wc: WeChat, no: string, kind: 'checkins' | 'evaluations') =>
  wc.requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/api/v1/certificates/${no}/${kind}`));

describe('weapp in a WeChat runtime stand-in', () => {
  test("WeChat's own compilers: every WXML compiles (wcc) and draws, every WXSS compiles (wcsc)", () => {
    const view = new ViewLayer(root());
    expect(view.compiledBytes).toBeGreaterThan(10_000);
    const css = compiler().wxssToJs(root());
    expect(css).toContain('wxssMap');
    // Codes and dates never break inside a token (the stylesheet WeChat compiled says so).
    const app = fs.readFileSync(path.join(root(), 'app.wxss'), 'utf8');
    expect(app).toMatch(/\.mono,\s*\.nowrap\s*\{[^}]*white-space:\s*nowrap/);
    expect(app).not.toMatch(/break-all/);
  });

  test('the app registers; every page and subpackage page registers, loads, shows and draws', async () => {
    const cert = await issue();
    const wc = session();
    const app = wc.launch();
    expect(typeof app.onLaunch).toBe('function');
    expect(wc.loadAllPages().sort()).toEqual(wc.allPages().sort());
    expect(wc.allPages()).toHaveLength(10);
    const expected: Record<string, [string, string]> = {
      'pages/index/index': ['pages/index/index', '扫码核验检查'],
      'pages/records/index': ['pages/records/index', '我的检查记录'],
      'pages/search/index': ['pages/search/index', '公示查询'],
      'verify/scan/index': ['verify/scan/index?mode=manual', '输入检查证编号'],
      'verify/result/index': [`verify/result/index?no=${cert.certificateNo}&t=${cert.token}`, '真实有效'],
      'verify/checkin/index': [`verify/checkin/index?no=${cert.certificateNo}`, '检查人员是否出示了执法证件'],
      'verify/evaluate/index': [`verify/evaluate/index?no=${cert.certificateNo}`, '遇到的问题'],
      'disclosure/detail/index': ['disclosure/detail/index?id=unknown', '公示'],
      'report/new/index': ['report/new/index', '遇到了什么问题'],
      'report/receipt/index': ['report/receipt/index?receipt=FY20260101-00000-00000', '反映办理进度'],
    };
    for (const route of wc.allPages()) {
      const [url, text] = expected[route]!;
      wc.relaunch(url);
      await shows(wc, route, text);
      expect(wc.currentPage().renders).toBeGreaterThan(0);
    }
    expect(wc.view().warnings).toEqual([]);
    clean(wc);
  });

  test('journey: scanCode → verified online → check in → rate → 我的检查记录 shows both, sent', async () => {
    const cert = await issue();
    const wc = session();
    wc.launch();
    await shows(wc, 'pages/index/index', '扫码核验检查');
    wc.scanQueue.push(cert.verifyUrl);
    wc.currentPage().tap('扫码核验检查');
    await shows(wc, 'verify/result/index', '真实有效');
    const result = wc.currentPage();
    expect(result.text()).not.toContain('离线核验');
    // The certificate number is drawn as one unbreakable code.
    const no = result.findAll((n) => textOf(n) === cert.certificateNo && n.tag === 'wx-text');
    expect(no.some((n) => String(n.attr.class).split(' ').includes('mono'))).toBe(true);

    result.tap('事中登记');
    await shows(wc, 'verify/checkin/index', '提交登记');
    await checkIn(wc, cert);
    await shows(wc, 'verify/checkin/index', '已提交');
    expect(posts(wc, cert.certificateNo, 'checkins').map((r) => r.status)).toEqual([201]);

    // The next step is offered: rate now (the check-in screen is replaced).
    wc.currentPage().tap('现在评价这次检查');
    await shows(wc, 'verify/evaluate/index', '提交评价');
    expect(wc.pageStack()).toEqual(['pages/index/index', 'verify/result/index', 'verify/evaluate/index']);
    await evaluate(wc, cert);
    await shows(wc, 'verify/evaluate/index', '已提交');
    expect(posts(wc, cert.certificateNo, 'evaluations').map((r) => r.status)).toEqual([201]);

    wc.currentPage().tap('返回我的检查记录');
    await shows(wc, 'pages/records/index', cert.certificateNo);
    const records = wc.currentPage().text();
    expect(records).toContain('事中登记：已提交');
    expect(records).toContain('事后评价：已提交');
    expect(records).toContain('真实有效');
    // Codes and dates are drawn as unbreakable tokens (.mono, .nowrap: white-space: nowrap).
    const rec = wc.currentPage();
    const classOf = (re: RegExp) =>
      rec.findAll((n) => n.tag === 'wx-text' && re.test(textOf(n))).map((n) => String(n.attr.class));
    expect(classOf(new RegExp(`^${cert.certificateNo}$`))).toEqual(['mono']);
    expect(classOf(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)).toEqual(['nowrap']);
    clean(wc);
  });

  test('offline: verified with the bundled keys, check-in saved, delivered exactly once when the network returns', async () => {
    const cert = await issue();
    const wc = session();
    wc.setOnline(false);
    wc.launch();
    await shows(wc, 'pages/index/index', '扫码核验检查');
    wc.scanQueue.push(cert.verifyUrl);
    wc.currentPage().tap('扫码核验检查');
    await shows(wc, 'verify/result/index', '离线核验');
    expect(wc.currentPage().text()).toContain('真实有效');
    // Never online: no keys were cached, so the keys bundled at build time verified the signature.
    expect(wc.storage.has('sunlight.jwks')).toBe(false);
    // Every request so far failed the way WeChat fails them offline.
    expect(wc.requests.length).toBeGreaterThan(0);
    for (const r of wc.requests) expect(r.errMsg).toBe('request:fail net::ERR_INTERNET_DISCONNECTED');

    wc.currentPage().tap('事中登记');
    await shows(wc, 'verify/checkin/index', '提交登记');
    // Binding the phone to the business needs the network once (a bar of signal at the door); the
    // check-in itself is then sent from a dead spot inside.
    wc.setOnline(true);
    await bindIfAsked(wc, cert);
    wc.setOnline(false);
    await checkIn(wc, cert);
    await shows(wc, 'verify/checkin/index', '已保存，待发送');
    expect(posts(wc, cert.certificateNo, 'checkins').every((r) => r.status === undefined)).toBe(true);

    wc.setOnline(true); // wx.onNetworkStatusChange → the queue flushes
    await shows(wc, 'verify/checkin/index', '已提交');
    wc.hideAndShow(); // another trigger (onAppShow) must not send it again, nor any retry it schedules
    await wc.idle();
    const delivered = posts(wc, cert.certificateNo, 'checkins').filter((r) => r.status !== undefined);
    expect(delivered.map((r) => r.status)).toEqual([201]);
    wc.currentPage().tap('返回我的检查记录');
    await shows(wc, 'pages/records/index', '事中登记：已提交');
    clean(wc);
  });

  test('反映问题 without a certificate, from a dead spot: saved, sent once when the network returns, receipt and progress shown', async () => {
    const wc = session();
    wc.launch();
    await shows(wc, 'pages/index/index', '反映问题');
    wc.currentPage().tap('反映问题（无需检查证）');
    await shows(wc, 'report/new/index', '遇到了什么问题');
    // The published list of bodies arrives from the portal for the picker.
    await until(
      wc,
      () => wc.requests.some((r) => r.url.endsWith('/api/v1/agencies') && r.status === 200),
      () => `no agency list: ${wc.requests.map((r) => r.url).join(', ')}`,
    );
    await act(wc, (p) => p.tap('提交反映'));
    await shows(wc, 'report/new/index', '请选择遇到了什么问题');

    await act(wc, (p) => p.tap('入企未亮码/未亮证'));
    const pickers = wc.currentPage().findAll((n) => n.tag === 'wx-picker');
    const agencyPicker = pickers.find((n) => textOf(n).includes('请选择'))!;
    expect(agencyPicker, `pickers: ${pickers.map(textOf).join(' | ')}`).toBeDefined();
    await pickFirstAgency(wc);
    expect(wc.currentPage().text()).not.toContain('请选择 ▾');
    await act(wc, (p) => p.type('企业名称或街道门牌', '示例路88号 示例餐饮店'));
    await act(wc, (p) => p.type('写明经过', `两名检查人员进店检查，没有出示执法证，也没有电子检查证。${Date.now()}`));

    wc.setOnline(false);
    await act(wc, (p) => p.tap('提交反映'));
    await shows(wc, 'report/new/index', '已保存，待发送');
    const reportPosts = () => wc.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/reports'));
    expect(reportPosts().every((r) => r.status === undefined)).toBe(true);

    wc.setOnline(true);
    await shows(wc, 'report/new/index', '已受理，回执编号 FY');
    wc.hideAndShow();
    await wc.idle();
    expect(
      reportPosts()
        .filter((r) => r.status !== undefined)
        .map((r) => r.status),
    ).toEqual([201]);
    const receipt = /回执编号 (FY\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(wc.currentPage().text())![1]!;

    wc.currentPage().tap('查看办理进度');
    await shows(wc, 'report/receipt/index', '已受理');
    expect(wc.currentPage().text()).toContain(receipt);
    // The same receipt on the portal, read by anyone holding it: progress, never the reporter.
    const api = await (await fetch(`${server.url}/api/v1/reports/${receipt}`)).json();
    expect(api).toMatchObject({ receipt, kind: 'no_code', status: 'received' });
    clean(wc);
  });

  test('反映问题 with two photos, filed offline, the app closed and opened again: the report and both photos arrive, without EXIF', async () => {
    const persisted = { storage: new Map<string, string>(), userFiles: new Map<string, Uint8Array>() };
    const wc = session(persisted);
    wc.launch();
    await shows(wc, 'pages/index/index', '反映问题');
    wc.currentPage().tap('反映问题（无需检查证）');
    await shows(wc, 'report/new/index', '添加照片');
    await until(
      wc,
      () => wc.requests.some((r) => r.url.endsWith('/api/v1/agencies') && r.status === 200),
      () => `no agency list: ${wc.requests.map((r) => r.url).join(', ')}`,
    );
    await act(wc, (p) => p.tap('入企未亮码/未亮证'));
    await pickFirstAgency(wc);
    await act(wc, (p) => p.type('企业名称或街道门牌', '示例路99号 示例五金店'));
    await act(wc, (p) => p.type('写明经过', `检查人员进店后没有出示执法证，也没有电子检查证，拍了照片。${Date.now()}`));

    // Something that is not a photo is refused when chosen, naming it and the fix; nothing is kept.
    wc.mediaQueue.push([{ bytes: new TextEncoder().encode('GIF89a not a jpeg at all') }]);
    await act(wc, (p) => p.tap('添加照片'));
    await shows(wc, 'report/new/index', '第1张照片不是 JPEG 或 PNG 图片');
    expect(persisted.userFiles.size).toBe(0);

    // Two photos from the camera roll, with the GPS position the phone wrote into them.
    const refusedTemp = wc.tempFiles.size; // the refused file stays a temporary file until the app ends
    wc.mediaQueue.push([{ bytes: phoneJpeg(1) }, { bytes: phoneJpeg(2) }]);
    await act(wc, (p) => p.tap('添加照片'));
    await shows(wc, 'report/new/index', '已选2张');
    expect(wc.currentPage().findAll((n) => n.tag === 'wx-image')).toHaveLength(2);
    // Kept in the app's own folder (the temporary files were moved there).
    expect([...persisted.userFiles.keys()].every((k) => k.startsWith('wxfile://usr/'))).toBe(true);
    expect(persisted.userFiles.size).toBe(2);
    expect(wc.tempFiles.size).toBe(refusedTemp);
    // One removed and added again: still two, and the removed one's file is gone.
    await act(wc, (p) => p.tapNth('删除', 0));
    await shows(wc, 'report/new/index', '已选1张');
    expect(persisted.userFiles.size).toBe(1);
    wc.mediaQueue.push([{ bytes: phoneJpeg(1) }]);
    await act(wc, (p) => p.tap('添加照片'));
    await shows(wc, 'report/new/index', '已选2张');

    wc.setOnline(false);
    await act(wc, (p) => p.tap('提交反映'));
    await shows(wc, 'report/new/index', '还有 2 张待发送');
    expect(wc.requests.filter((r) => r.method === 'POST' && r.status !== undefined)).toEqual([]);
    // WeChat closes the app while the phone is still offline; the temporary files of that run are gone.
    wc.close();

    const again = session(persisted);
    again.online = false;
    again.launch();
    // Offline, the app keeps a retry timer: settle (not idle) before the network returns.
    await again.settle();
    again.setOnline(true);
    await again.idle();
    const posted = again.requests.filter((r) => r.method === 'POST' && r.status !== undefined);
    expect(posted.map((r) => [r.url.replace(server.url, ''), r.status])).toEqual([
      ['/api/v1/reports', 201],
      [expect.stringMatching(/^\/api\/v1\/reports\/FY\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}\/photos$/), 201],
      [expect.stringMatching(/\/photos$/), 201],
    ]);
    const receipt = /reports\/([^/]+)\/photos/.exec(posted[1]!.url)![1]!;
    // Sent, the photos' files are released.
    expect(persisted.userFiles.size).toBe(0);

    again.relaunch(`report/receipt/index?receipt=${receipt}`);
    await shows(again, 'report/receipt/index', '已送达 2 张');
    expect(again.currentPage().text()).not.toContain('待发送');

    // On the portal: both photos, stored without the EXIF block and its GPS position.
    const PASSWORD = 'weapp photos passphrase 2026';
    const made = await runSunlight(
      ['supervisor', 'create', '--username', 'sv.weapp', '--role', 'supervisor'],
      { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: '' },
      `${PASSWORD}\n`,
    );
    expect(made.code, made.stderr).toBe(0);
    const b = new SessionBrowser(() => server.url, PASSWORD);
    expect((await b.login('sv.weapp')).status).toBe(303);
    for (const seq of [1, 2]) {
      const photo = await b.get(`/supervision/reports/${receipt}/photos/${seq}`);
      expect(photo.status).toBe(200);
      const stored = Buffer.from(await photo.arrayBuffer()).toString('latin1');
      expect(stored).toContain('JFIF');
      expect(stored).not.toMatch(/Exif|GPS|31\.2304/);
    }
    expect((await b.get(`/supervision/reports/${receipt}/photos/3`)).status).toBe(404);
    clean(again);
  });

  test("WeChat's own camera (扫普通链接二维码打开小程序): the link in `q` opens the result, check-in and rating", async () => {
    const cert = await issue();
    const wc = session();
    wc.launch({
      path: 'pages/index/index',
      query: { q: encodeURIComponent(cert.verifyUrl), scancode_time: String(Math.floor(Date.now() / 1000)) },
      scene: 1011,
    });
    await shows(wc, 'verify/result/index', '真实有效');
    expect(wc.pageStack()).toEqual(['pages/index/index', 'verify/result/index']);
    wc.currentPage().tap('事中登记');
    await shows(wc, 'verify/checkin/index', '提交登记');
    await checkIn(wc, cert);
    await shows(wc, 'verify/checkin/index', '已提交');
    wc.currentPage().tap('现在评价这次检查');
    await shows(wc, 'verify/evaluate/index', '提交评价');
    await evaluate(wc, cert);
    await shows(wc, 'verify/evaluate/index', '已提交');
    clean(wc);
  });

  test('manual entry: a pasted verify link is kept whole and leads to check-in; a foreign link is refused', async () => {
    const cert = await issue();
    const wc = session();
    wc.launch();
    await shows(wc, 'pages/index/index', '手动输入检查证编号');
    wc.currentPage().tap('手动输入检查证编号');
    await shows(wc, 'verify/scan/index', '输入检查证编号');
    const scan = wc.currentPage();
    expect(scan.type('粘贴检查证链接', 'https://evil.example.com/verify/JCZ-2026-0000001-3?t=x')).toHaveLength(54);
    await wc.settle();
    scan.tap('查询');
    await shows(wc, 'verify/scan/index', '不是本系统签发的电子检查证');

    expect(scan.type('粘贴检查证链接', ` ${cert.verifyUrl} `)).toBe(` ${cert.verifyUrl} `);
    await wc.settle();
    expect(wc.currentPage().text()).toContain('已识别为检查证链接');
    wc.currentPage().tap('查询');
    await shows(wc, 'verify/result/index', '真实有效');
    // With the signature from the link, check-in and rating are open (not "manual numbers can only look up").
    expect(wc.currentPage().text()).toContain('事中登记');
    expect(wc.currentPage().text()).not.toContain('手动输入的编号只能查询');
    clean(wc);
  });

  test('a camera that does not open the mini-program lands on /verify/{no}, which says how to check in and rate', async () => {
    const cert = await issue();
    const html = await (await fetch(`${server.url}/verify/${cert.certificateNo}?t=${cert.token}`)).text();
    expect(html).toContain('被检查单位：登记和评价这次检查');
    expect(html).toContain('“阳光执法”小程序');
    // The web version of the same app (SUNLIGHT_APP_URL), opened on this certificate with its signature.
    const href = `https://app.example.gov.cn/mp#/verify/result/index?no=${cert.certificateNo}&amp;t=${encodeURIComponent(cert.token)}`;
    expect(html).toContain(`href="${href}"`);
    // By number only there is nothing to check in with.
    const byNumber = await (await fetch(`${server.url}/verify/${cert.certificateNo}`)).text();
    expect(byNumber).toContain('只输入编号不能登记和评价');
    expect(byNumber).not.toContain('#/verify/result/index');
  });

  test('a local http portal needs 不校验合法域名: with a request domain list WeChat refuses it', async () => {
    const wc = new WeChat({ root: root(), requestDomains: ['https://sunlight.example.gov.cn'] });
    sessions.push(wc);
    wc.launch();
    await wc.settle();
    expect(wc.requests.length).toBeGreaterThan(0);
    for (const r of wc.requests) expect(r.errMsg).toBe('request:fail url not in domain list');
  });
});
