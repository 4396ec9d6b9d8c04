import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser as SessionBrowser } from '../helpers/browser';
import { bindBusinessDevice } from '../helpers/business';
import { runSunlight } from '../helpers/cli';
import { createToken } from '../helpers/ingest';
import { freshEnterprises, inspectionExample } from '../helpers/inspections';
import { ROOT } from '../helpers/server';
import { ownPortal } from '../helpers/own-portal';

/**
 * The supervision workspace over real HTTP against the started portal: accounts made with the CLI,
 * sign-in (throttling has its own file, sign-in-throttle.test.ts), cookies, CSRF on every form, the read-only auditor, the path from an alert to
 * a closed work order with its audit trail — and that evaluations never reach an agency token.
 */

const portal = ownPortal();
const base = portal.url;
const dataDir = portal.dataDir;
const cli = (args: string[], stdin?: string) =>
  runSunlight(args, { SUNLIGHT_DATA_DIR: dataDir(), DATABASE_URL: '' }, stdin);

const PASSWORD = 'integration passphrase 2026';

class Browser extends SessionBrowser {
  constructor() {
    super(base, PASSWORD);
  }
}

const signedIn = async (username: string) => {
  const b = new Browser();
  const res = await b.login(username);
  expect(res.status).toBe(303);
  return b;
};

beforeAll(async () => {
  for (const [u, role] of [
    ['sv.int', 'supervisor'],
    ['au.int', 'auditor'],
  ] as const) {
    const r = await cli(['supervisor', 'create', '--username', u, '--role', role], `${PASSWORD}\n`);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('supervisor accounts (CLI)', () => {
  it('reads the password from standard input, refuses weak or missing ones and duplicates', async () => {
    const none = await cli(['supervisor', 'create', '--username', 'nopw.int']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('标准输入');
    const weak = await cli(['supervisor', 'create', '--username', 'weak.int'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/至少 12 个字符/);
    const dup = await cli(['supervisor', 'create', '--username', 'sv.int'], `${PASSWORD}\n`);
    expect(dup.code).toBe(1);
    const role = await cli(['supervisor', 'create', '--username', 'x.int', '--role', 'admin'], `${PASSWORD}\n`);
    expect(role.code).toBe(2);
    const list = await cli(['supervisor', 'list']);
    expect(list.stdout).toMatch(/sv\.int\s+监督员\s+正常/);
    expect(list.stdout).toMatch(/au\.int\s+审计员（只读）/);
    expect(list.stdout).not.toMatch(/scrypt|integration passphrase/);
  });
});

describe('signing in', () => {
  const workspace = [
    '/supervision',
    '/supervision?from=2026-01-01&to=2026-03-31',
    '/supervision/alerts',
    '/supervision/alerts/cap-0123456789abcdef',
    '/supervision/cases',
    '/supervision/cases/new',
    '/supervision/cases/GD-2026-000001',
    '/supervision/assessment',
    '/supervision/assessment.csv',
    '/supervision/audit',
    '/supervision/logout',
  ];

  it('every workspace page sends a signed-out visitor (or an agency token) to the sign-in page', async () => {
    const token = await createToken(dataDir(), 'market');
    for (const p of workspace) {
      for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
        const res = await fetch(`${base()}${p}`, { redirect: 'manual', headers });
        expect(res.status, p).toBe(302);
        const location = new URL(res.headers.get('location')!, base());
        expect(location.pathname).toBe('/supervision/login');
        expect(location.searchParams.get('next')).toBe(p);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
  });

  it('the sign-in page has fields labelled 用户名 and 密码 and a 登录 button, and is never cached', async () => {
    const b = new Browser();
    const res = await b.get('/supervision/login');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(html).toMatch(/<label class="label" for="login-username">用户名<\/label>/);
    expect(html).toMatch(/<label class="label" for="login-password">密码<\/label>/);
    expect(html).toMatch(/<button type="submit" class="button">登录<\/button>/);
    expect(html).toMatch(/name="csrf" value="[A-Za-z0-9_-]{43}"/);
    expect(b.setCookies.join('\n')).toMatch(
      /sunlight_sv_login=[^;]+; Max-Age=3600; Path=\/supervision\/login; HttpOnly; SameSite=Strict/,
    );
  });

  it('a good sign-in sets an HttpOnly, SameSite=Strict session cookie scoped to the workspace, and goes to next', async () => {
    const b = new Browser();
    const { csrf } = await b.page('/supervision/login?next=%2Fsupervision%2Fcases');
    const res = await b.post('/supervision/login?next=%2Fsupervision%2Fcases', {
      csrf: csrf!,
      username: 'SV.INT',
      password: PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/supervision/cases');
    const cookie = b.setCookies.find((c) => c.startsWith('sunlight_sv='))!;
    expect(cookie).toMatch(
      /^sunlight_sv=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/supervision; HttpOnly; SameSite=Strict$/,
    );
    // http site: no Secure flag (a browser would drop it); an https site gets Secure (unit-tested in web.test.ts)
    const page = await b.page('/supervision/cases');
    expect(page.status).toBe(200);
    expect(page.html).toContain('督办工单');
    // next may only point inside the workspace
    const evil = new Browser();
    const login = await evil.page('/supervision/login?next=https%3A%2F%2Fevil.example');
    const out = await evil.post('/supervision/login?next=https%3A%2F%2Fevil.example', {
      csrf: login.csrf!,
      username: 'sv.int',
      password: PASSWORD,
    });
    expect(out.headers.get('location')).toBe('/supervision');
  });

  it('refuses a sign-in without the form’s CSRF token, with a forged one, or from another site', async () => {
    const b = new Browser();
    const { csrf } = await b.page('/supervision/login');
    const missing = await b.post('/supervision/login', { username: 'sv.int', password: PASSWORD });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('登录表单已失效');
    const { csrf: fresh } = await b.page('/supervision/login');
    const forged = await b.post('/supervision/login', {
      csrf: `${fresh!.slice(0, -2)}xx`,
      username: 'sv.int',
      password: PASSWORD,
    });
    expect(forged.status).toBe(403);
    expect(b.cookies.has('sunlight_sv')).toBe(false);
    // another site's form: the browser sends its Origin, and the cookie would not even be sent (SameSite)
    const { csrf: third } = await b.page('/supervision/login');
    const cross = await b.post(
      '/supervision/login',
      { csrf: third!, username: 'sv.int', password: PASSWORD },
      'https://evil.example',
    );
    expect(cross.status).toBe(403);
    expect(csrf).not.toBe(third);
  });
});

describe('working in the workspace', () => {
  it('a supervisor finds an alert, opens a case from it and closes it; every step is in the audit log', async () => {
    const b = await signedIn('sv.int');
    const list = await b.page('/supervision/alerts?from=2025-01-01&to=2026-12-31');
    expect(list.status).toBe(200);
    const href = /<h3 class="sv-alert__title">\s*<a href="([^"]+)"/.exec(list.html)?.[1]?.replaceAll('&amp;', '&');
    expect(href, 'the sample data raises alerts').toBeDefined();
    const alert = await b.page(href!);
    expect(alert.status).toBe(200);
    expect(alert.html).toContain('预警依据的记录');
    const key = /\/supervision\/alerts\/([A-Za-z]+-[0-9a-f]{16})/.exec(href!)![1]!;
    const form = await b.page(`/supervision/cases/new?alert=${key}&from=2025-01-01&to=2026-12-31`);
    expect(form.html).toContain(`name="alert" value="${key}"`);
    const title = /name="title"[^>]*value="([^"]*)"/.exec(form.html)![1]!;
    const created = await b.post('/supervision/cases/new', {
      csrf: form.csrf!,
      alert: key,
      from: '2025-01-01',
      to: '2026-12-31',
      title,
      description: '请核实该预警涉及的检查。',
      agencyId: '',
      assignee: 'sv.int',
      deadline: '2099-12-31',
    });
    expect(created.status).toBe(303);
    const casePath = created.headers.get('location')!.split('?')[0]!;
    expect(casePath).toMatch(/^\/supervision\/cases\/GD-\d{4}-\d{6}$/);
    const id = casePath.split('/').pop()!;

    const page = await b.page(casePath);
    expect(page.html).toContain('待处理');
    expect(page.html).toContain('依据的预警（立案时快照）');
    const step = (fields: Record<string, string>) => b.post(casePath, { csrf: page.csrf!, ...fields });
    expect((await step({ action: 'transition', to: 'verifying', expected: 'pending', resolution: '' })).status).toBe(
      303,
    );
    const noReason = await step({ action: 'transition', to: 'closed', expected: 'verifying', resolution: '' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('请填写办结意见');
    expect((await step({ action: 'note', body: '已调阅检查记录。' })).status).toBe(303);
    expect(
      (await step({ action: 'transition', to: 'closed', expected: 'verifying', resolution: '核查属实，已督促整改。' }))
        .status,
    ).toBe(303);
    const closed = await b.page(casePath);
    expect(closed.html).toContain('已办结');
    expect(closed.html).toContain('核查属实，已督促整改。');
    expect(closed.html).not.toContain('name="action" value="transition"');
    // a closed case cannot move again
    expect((await step({ action: 'transition', to: 'verifying', expected: 'closed' })).status).toBe(409);

    const audit = await b.page(`/supervision/audit?actor=sv.int`);
    for (const label of [
      '登录',
      '查看预警列表',
      '查看预警详情',
      '新建工单',
      '变更工单状态',
      '添加工单备注',
      '查看工单',
    ]) {
      expect(audit.html, label).toContain(label);
    }
    expect(audit.html).toContain(`/supervision/cases/${id}`);
    const cases = await b.page('/supervision/cases?status=closed');
    expect(cases.html).toContain(id);
  });

  it('every form needs the session’s CSRF token: without it nothing changes', async () => {
    const b = await signedIn('sv.int');
    const before = await b.page('/supervision/cases');
    const count = (html: string) => Number(/全部 (\d+)/.exec(html)?.[1]);
    for (const csrf of [undefined, 'x'.repeat(43)]) {
      const res = await b.post('/supervision/cases/new', {
        ...(csrf ? { csrf } : {}),
        title: '伪造的工单',
        description: '不应创建',
        deadline: '2099-01-01',
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('表单已失效');
    }
    // another session's token does not work either
    const other = await signedIn('sv.int');
    const { csrf: otherCsrf } = await other.page('/supervision/cases');
    const res = await b.post('/supervision/cases/new', {
      csrf: otherCsrf!,
      title: '伪造的工单',
      description: '不应创建',
    });
    expect(res.status).toBe(403);
    expect(count((await b.page('/supervision/cases')).html)).toBe(count(before.html));
    const audit = await b.page('/supervision/audit?action=csrf.refused');
    expect(audit.html).toContain('拒绝无效表单');
  });

  it('an auditor can read everything but change nothing', async () => {
    const b = await signedIn('au.int');
    for (const p of [
      '/supervision',
      '/supervision/alerts',
      '/supervision/cases',
      '/supervision/assessment',
      '/supervision/audit',
    ]) {
      const page = await b.page(p);
      expect(page.status, p).toBe(200);
      expect(page.html).toContain('审计员（只读）');
    }
    const cases = await b.page('/supervision/cases');
    expect(cases.html).not.toContain('href="/supervision/cases/new"');
    expect((await b.page('/supervision/cases/new')).status).toBe(403);
    const res = await b.post('/supervision/cases/new', {
      csrf: cases.csrf!,
      title: '审计员试图立案',
      description: '不应创建',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('只读');
  });

  it('exports the assessment as CSV with a byte-order mark', async () => {
    const b = await signedIn('au.int');
    const res = await b.get('/supervision/assessment.csv?from=2026-01-01&to=2026-06-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toMatch(/^名次,执法主体,类别,总分,/);
    expect(text.split('\r\n').length).toBeGreaterThan(30);
    const bad = await b.get('/supervision/assessment.csv?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await bad.json()).errors[0]).toMatchObject({ parameter: 'from' });
  });

  it('signing out ends the session for good', async () => {
    const b = await signedIn('sv.int');
    const cookie = b.cookies.get('sunlight_sv')!;
    const { csrf } = await b.page('/supervision');
    const res = await b.post('/supervision/logout', { csrf: csrf! });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/supervision/login?loggedout=1');
    // replaying the old cookie does not get back in
    const replay = await fetch(`${base()}/supervision`, {
      headers: { cookie: `sunlight_sv=${cookie}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toMatch(/expired=1/);
  });
});

describe('evaluations stay anonymous to agencies', () => {
  const SECRET = `匿名测试意见-${randomUUID().slice(0, 8)}`;
  let token: string;
  let certificateNo: string;
  let certToken: string;
  let creditCode: string;

  beforeAll(async () => {
    token = await createToken(dataDir(), 'market');
    creditCode = freshEnterprises[freshEnterprises.length - 7]!;
    const res = await fetch(`${base()}/api/v1/ingest/inspections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(inspectionExample({ enterpriseCreditCode: creditCode, reason: '匿名性测试' })),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    certificateNo = body.certificateNo;
    certToken = body.token;
    // Verify first, as the enterprise's phone does when it scans the QR code. (Submitting a check-in to a
    // portal that has not loaded its verification keys yet hangs on PGlite: the key cache reloads inside
    // the check-in's transaction — reported to the inspections issue.)
    expect((await fetch(`${base()}/api/v1/certificates/${certificateNo}?t=${certToken}`)).status).toBe(200);
    const { proof } = await bindBusinessDevice(base(), { SUNLIGHT_DATA_DIR: dataDir(), DATABASE_URL: '' }, creditCode);
    const business = (kind: string, extra: object) =>
      fetch(`${base()}/api/v1/certificates/${certificateNo}/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: randomUUID(), proof, token: certToken, ...extra }),
      });
    expect((await business('checkins', { credentialsShown: false })).status).toBe(201);
    const ev = await business('evaluations', {
      ratings: { lawfulness: 1, courtesy: 2, integrity: 1, efficiency: 2, overall: 1 },
      problems: ['solicitation', 'no_credentials'],
      comment: SECRET,
    });
    expect(ev.status).toBe(201);
  });

  it('the evaluation and check-in endpoints refuse an agency token (403) and anonymous readers (401)', async () => {
    for (const kind of ['evaluations', 'checkins']) {
      const withToken = await fetch(`${base()}/api/v1/certificates/${certificateNo}/${kind}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(withToken.status).toBe(403);
      expect(await withToken.text()).not.toContain(SECRET);
      expect((await fetch(`${base()}/api/v1/certificates/${certificateNo}/${kind}`)).status).toBe(401);
    }
  });

  it('no route of the portal returns the evaluation to an agency token', async () => {
    const routes = listRoutes(path.join(ROOT, 'portal/pages'));
    expect(routes.length).toBeGreaterThan(40);
    const fill = (route: string) =>
      route
        .replace('[no]', certificateNo)
        .replace('[creditCode]', creditCode)
        .replace('[certificateNo]', 'ZF99011612000001')
        .replace(/\[[a-zA-Z]+\]/g, 'x');
    const checked: string[] = [];
    for (const route of routes) {
      const url = fill(route);
      for (const suffix of ['', `?t=${certToken}`]) {
        const res = await fetch(`${base()}${url}${suffix}`, {
          headers: { authorization: `Bearer ${token}` },
          redirect: 'manual',
        });
        const text = await res.text();
        expect(text, `${url} leaks the evaluation`).not.toContain(SECRET);
        // Rating values, not the word: the OpenAPI document describes the (write-only) evaluation body.
        expect(text, `${url} leaks the ratings`).not.toMatch(/"ratings"\s*:\s*\{\s*"\w+"\s*:\s*\d/);
        if (url.startsWith('/supervision') && url !== '/supervision/login') expect(res.status, url).toBe(302);
      }
      checked.push(url);
    }
    expect(checked).toEqual(expect.arrayContaining([`/api/v1/ingest/certificates/${certificateNo}`, '/statistics']));
  });

  it('the supervisor, and only the supervisor, sees it — as an alert of reported misconduct', async () => {
    const b = await signedIn('au.int');
    const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
    const list = await b.page(`/supervision/alerts?rule=misconduct&from=${year}-01-01`);
    const href = [...list.html.matchAll(/<h3 class="sv-alert__title">\s*<a href="([^"]+)"/g)]
      .map((m) => m[1]!.replaceAll('&amp;', '&'))
      .find(Boolean);
    expect(href).toBeDefined();
    let found = false;
    for (const m of list.html.matchAll(/<h3 class="sv-alert__title">\s*<a href="([^"]+)"/g)) {
      const page = await b.page(m[1]!.replaceAll('&amp;', '&'));
      if (page.html.includes(SECRET)) {
        found = true;
        expect(page.html).toContain('索拿卡要');
        expect(page.html).toContain('高风险');
        expect(page.html).toContain(certificateNo);
      }
    }
    expect(found).toBe(true);
  });
});

/** Every page and endpoint under portal/pages as a URL pattern (`/api/v1/certificates/[no]`). */
function listRoutes(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...listRoutes(full, `${prefix}/${entry.name}`));
      continue;
    }
    if (!/\.(astro|ts)$/.test(entry.name) || entry.name.endsWith('.test.ts') || entry.name.startsWith('_')) continue;
    const name = entry.name.replace(/\.(astro|ts)$/, '');
    if (/^(404|500)$/.test(name)) continue;
    out.push(name === 'index' ? prefix || '/' : `${prefix}/${name}`);
  }
  return out.sort();
}
