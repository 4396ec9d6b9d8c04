import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copySampleContent, startServer, type RunningServer } from '../helpers/server';
import { ownPortal } from '../helpers/own-portal';

const portal = ownPortal();
const base = portal.url;

interface Demo {
  certificateNo: string;
  verifyPath: string;
  code: string;
}

/** What /verify offers a visitor, read from the page as a browser would get it. */
async function demoOnVerifyPage(url: string): Promise<Demo | null> {
  const html = await (await fetch(`${url}/verify`)).text();
  if (!html.includes('data-demo')) return null;
  const link = html.match(/<a href="(\/verify\/[^"]+)"[^>]*data-demo-certificate>([^<]+)<\/a>/);
  const code = html.match(/data-demo-code>([^<]+)</);
  expect(link && code, 'the demo box names a certificate and a code').toBeTruthy();
  return { verifyPath: link![1]!.replaceAll('&amp;', '&'), certificateNo: link![2]!, code: code![1]! };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the 演示 walkthrough on the sample content', () => {
  it('leads a new user through verify → enrolment → check-in → rating, then offers a fresh code', async () => {
    const html = await (await fetch(`${base()}/verify`)).text();
    expect(html).toMatch(/<strong class="tag tag--strong">演示<\/strong>/);
    const demo = (await demoOnVerifyPage(base()))!;
    expect(demo.certificateNo).toMatch(/^JCZ-\d{4}-\d{7}-\d$/);
    expect(demo.code).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);

    // The same box twice: nothing is issued per page view.
    expect(await demoOnVerifyPage(base())).toEqual(demo);

    const page = await (await fetch(`${base()}${demo.verifyPath}`)).text();
    expect(page).toContain('真实有效');
    const token = new URL(demo.verifyPath, base()).searchParams.get('t')!;
    const api = await (await fetch(`${base()}/api/v1/certificates/${demo.certificateNo}?t=${token}`)).json();
    expect(api).toMatchObject({ certificateNo: demo.certificateNo, genuine: true, status: 'valid' });

    const enrol = await post(`${base()}/api/v1/business/enrolments`, { code: demo.code, deviceId: randomUUID() });
    expect(enrol.status).toBe(201);
    const { credential } = (await enrol.json()) as { credential: string };

    const checkin = await post(`${base()}/api/v1/certificates/${demo.certificateNo}/checkins`, {
      clientId: randomUUID(),
      token,
      credentialsShown: true,
      proof: credential,
    });
    expect(checkin.status).toBe(201);
    const rated = await post(`${base()}/api/v1/certificates/${demo.certificateNo}/evaluations`, {
      clientId: randomUUID(),
      token,
      proof: credential,
      ratings: { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 4, overall: 5 },
      problems: [],
    });
    expect(rated.status).toBe(201);

    // The used code is spent; the next visitor gets a new one for the same certificate.
    const next = (await demoOnVerifyPage(base()))!;
    expect(next.certificateNo).toBe(demo.certificateNo);
    expect(next.code).not.toBe(demo.code);
    const reused = await post(`${base()}/api/v1/business/enrolments`, { code: demo.code, deviceId: randomUUID() });
    expect(reused.status).toBeGreaterThanOrEqual(400);
  });
});

describe('a deployment whose content is not the fictional sample', () => {
  let server: RunningServer;
  let contentDir: string;

  beforeAll(async () => {
    contentDir = copySampleContent();
    const site = JSON.parse(fs.readFileSync(path.join(contentDir, 'site.json'), 'utf8')) as Record<string, unknown>;
    delete site.bannerText;
    fs.writeFileSync(path.join(contentDir, 'site.json'), JSON.stringify({ ...site, fictional: false }, null, 2));
    server = await startServer({ SUNLIGHT_CONTENT_DIR: contentDir }, { copyOf: inject('seededDataDir') });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  });

  it('shows no demo certificate or enrolment code on /verify', async () => {
    const res = await fetch(`${server.url}/verify`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('核验电子检查证');
    expect(html).not.toContain('data-demo');
    expect(html).not.toContain('演示企业身份登记码');
    expect(await demoOnVerifyPage(server.url)).toBeNull();
  });
});
