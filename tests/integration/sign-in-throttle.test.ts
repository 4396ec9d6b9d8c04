import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { runSunlight } from '../helpers/cli';
import { copySampleContent, startServer, type RunningServer } from '../helpers/server';

/**
 * Sign-in throttling over real HTTP, as the attacker: someone who wants to lock a supervisor out by
 * typing wrong passwords from many addresses, and someone who sprays usernames from one address. The
 * portal runs behind a (pretend) proxy, so each Browser stands for its own client address. The sample
 * content with two settings changed: three usernames per client (so a spray is refused before the
 * per-client delay would slow it anyway). Delays themselves are checked with an injected clock in
 * portal/server/supervision/accounts.db.test.ts.
 */

const PASSWORD = 'throttle passphrase 2026';
let server: RunningServer;
let contentDir: string;
const base = () => server.url;
const browser = (address: string) => new Browser(base, PASSWORD, address);
const cli = (args: string[], stdin?: string) =>
  runSunlight(args, { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: '' }, stdin);

beforeAll(async () => {
  contentDir = copySampleContent();
  const file = path.join(contentDir, 'supervision.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as { lockout: Record<string, number> };
  settings.lockout = { ...settings.lockout, maxFailures: 5, usernamesPerClient: 3 };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  server = await startServer(
    { SUNLIGHT_CONTENT_DIR: contentDir, SUNLIGHT_TRUST_PROXY: '1' },
    { copyOf: inject('seededDataDir') },
  );
  for (const [u, role] of [
    ['owner.sv', 'supervisor'],
    ['colleague.sv', 'supervisor'],
    ['reader.sv', 'auditor'],
  ] as const) {
    const r = await cli(['supervisor', 'create', '--username', u, '--role', role], `${PASSWORD}\n`);
    expect(r.code, r.stderr).toBe(0);
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(contentDir, { recursive: true, force: true });
});

describe('sign-in throttling', () => {
  it('wrong passwords from many addresses never lock the owner out of a browser the owner has used', async () => {
    const owner = browser('192.0.2.10');
    expect((await owner.login('owner.sv')).status).toBe(303);
    expect(owner.setCookies.join('\n')).toMatch(
      /sunlight_sv_device=[A-Za-z0-9_-]{43}; Max-Age=7776000; Path=\/supervision\/login; HttpOnly; SameSite=Strict/,
    );
    owner.cookies.delete('sunlight_sv'); // signed out; the browser keeps its device cookie

    // the attacker: one wrong password from each of five addresses, then a sixth address
    for (let i = 1; i <= 5; i++) {
      const res = await browser(`203.0.113.${i}`).login('owner.sv', 'let me in please');
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('用户名或密码不正确');
    }
    const blocked = await browser('203.0.113.6').login('owner.sv', PASSWORD);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    const html = await blocked.text();
    expect(html).toContain('登录尝试过于频繁，请稍后再试');
    expect(html).toContain('该账号近期有多次密码错误的登录尝试');
    expect(html).toMatch(/请于\s*<strong>\s*<time datetime="[^"]+">\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/time>（北京时间）/);
    expect(html).toMatch(/约 \d+ 秒后/);
    expect(html).not.toContain('sunlight_sv=');

    // the owner, in the browser used before, signs in at once
    const back = await owner.login('owner.sv');
    expect(back.status).toBe(303);
    expect(owner.cookies.has('sunlight_sv')).toBe(true);

    // a colleague sees the delay on the accounts page and ends it; an auditor may not
    const reader = browser('192.0.2.30');
    expect((await reader.login('reader.sv')).status).toBe(303);
    const readerPage = await reader.page('/supervision/accounts');
    expect(readerPage.html).toMatch(/owner\.sv[\s\S]*?受限至/);
    expect(readerPage.html).not.toMatch(/<button[^>]*>\s*解除登录限制/);
    const refused = await reader.post('/supervision/accounts', { csrf: readerPage.csrf!, username: 'owner.sv' });
    expect(refused.status).toBe(403);

    const colleague = browser('192.0.2.20');
    expect((await colleague.login('colleague.sv')).status).toBe(303);
    const accounts = await colleague.page('/supervision/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.html).toMatch(/<button[^>]*>\s*解除登录限制/);
    const forged = await colleague.post('/supervision/accounts', { csrf: 'forged', username: 'owner.sv' });
    expect(forged.status).toBe(403);
    const unlock = await colleague.post('/supervision/accounts', { csrf: accounts.csrf!, username: 'owner.sv' });
    expect(unlock.status).toBe(303);
    expect((await colleague.page(unlock.headers.get('location')!)).html).toContain('已解除账号 owner.sv 的登录限制');

    // now a new browser gets in too, and the audit log has the whole story
    expect((await browser('198.51.100.40').login('owner.sv')).status).toBe(303);
    const audit = await colleague.page('/supervision/audit?actor=owner.sv');
    expect(audit.html).toContain('登录失败');
    expect(audit.html).toContain('登录需等待（尝试过于频繁）');
    const unlocks = await colleague.page('/supervision/audit?action=account.unlock');
    expect(unlocks.html).toMatch(/colleague\.sv[\s\S]*?解除登录限制[\s\S]*?账号 owner\.sv/);
  });

  it('one address trying many usernames is told to wait (429, Retry-After, Chinese message); others are not', async () => {
    const sprayer = browser('203.0.113.99');
    for (const u of ['admin', 'root', 'zhang.wei']) {
      expect((await sprayer.login(u, 'Password123!')).status).toBe(400);
    }
    const fourth = await sprayer.login('li.na', 'Password123!');
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(50 * 60);
    const html = await fourth.text();
    expect(html).toContain('近期用许多不同的用户名尝试登录');
    expect(html).toMatch(/约 \d+ 分钟后/);
    // even a real account with its right password waits from that address, without a trusted browser
    expect((await sprayer.login('colleague.sv')).status).toBe(429);
    // another address is not affected
    expect((await browser('192.0.2.21').login('colleague.sv')).status).toBe(303);
    expect((await cli(['supervisor', 'list'])).stdout).toMatch(/colleague\.sv\s+监督员\s+正常/);
  });

  it('the CLI shows an account whose sign-ins must wait and ends the delay', async () => {
    for (let i = 1; i <= 5; i++) await browser(`203.0.113.${50 + i}`).login('colleague.sv', 'wrong wrong wrong');
    expect((await cli(['supervisor', 'list'])).stdout).toMatch(/colleague\.sv\s+监督员\s+登录受限至 \S+（5 次失败）/);
    expect((await browser('198.51.100.77').login('colleague.sv')).status).toBe(429);
    const r = await cli(['supervisor', 'unlock', '--username', 'colleague.sv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已解除登录限制');
    expect((await browser('198.51.100.77').login('colleague.sv')).status).toBe(303);
  });
});
