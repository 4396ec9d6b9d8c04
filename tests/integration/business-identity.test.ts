import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { freshEnterprises, inspectionExample, type Issued } from '../helpers/inspections';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * Evaluations belong to the business (README): tried as the inspected agency would, holding only what it
 * legitimately holds — its ingest token, the certificate token it printed on the QR code and the
 * enterprise's public credit code — over real HTTP against a portal on each database.
 */
describe.each(databaseKinds())('the inspected agency as attacker, over HTTP on %s', (kind) => {
  let server: RunningServer;
  let tdb: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  let agencyToken: string;
  let cert: Issued;
  let other: Issued;
  const code = freshEnterprises[freshEnterprises.length - 2]!;
  const otherCode = freshEnterprises[freshEnterprises.length - 3]!;
  const password = 'business identity passphrase 2026';

  const base = () => server.url;
  const cli = async (args: string[], stdin?: string) => {
    const r = await runSunlight(args, env, stdin);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const post = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base()}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const issue = async (creditCode: string) => {
    const res = await post('/api/v1/ingest/inspections', inspectionExample({ enterpriseCreditCode: creditCode }), {
      authorization: `Bearer ${agencyToken}`,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Issued;
  };
  /** The business: the operator enrols it out of band, its own device exchanges the code. */
  const bindDevice = async (creditCode: string) => {
    const enrolmentCode = await cli(['business', 'enrol', creditCode, '--label', '法定代表人现场领取']);
    expect(enrolmentCode).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    const res = await post('/api/v1/business/enrolments', { code: enrolmentCode, deviceId: randomUUID() });
    expect(res.status).toBe(201);
    return (await res.json()) as { credential: string; subjectId: string; creditCode: string };
  };
  const evaluation = (c: Issued, extra: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    token: c.token,
    ratings: { lawfulness: 1, courtesy: 1, integrity: 1, efficiency: 1, overall: 1 },
    problems: ['solicitation'],
    comment: '检查人员索要财物。',
    ...extra,
  });
  const full5 = { lawfulness: 5, courtesy: 5, integrity: 5, efficiency: 5, overall: 5 };

  /** Everything the agency can send, in the business's name, with what it holds. */
  const agencyAttempts = (c: Issued, creditCode: string) => {
    const bearer = { authorization: `Bearer ${agencyToken}` };
    return [
      { what: 'credit code (the old proof)', body: { creditCode }, headers: bearer },
      { what: 'no proof', body: {}, headers: bearer },
      { what: 'its ingest token as proof', body: { proof: agencyToken }, headers: {} },
      { what: 'the credit code as proof', body: { proof: creditCode }, headers: {} },
      { what: 'the certificate token as proof', body: { proof: c.token }, headers: {} },
      { what: 'a made-up device credential', body: { proof: `slb1.${'A'.repeat(16)}.${'B'.repeat(43)}` }, headers: {} },
    ];
  };

  beforeAll(async () => {
    if (kind === 'PostgreSQL') {
      tdb = await createTestDatabase('PostgreSQL');
      server = await startServer({ DATABASE_URL: tdb.url });
    } else {
      server = await startServer({}, { copyOf: inject('seededDataDir') });
    }
    env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: tdb?.url ?? '' };
    agencyToken = await cli(['token', 'create', '--agency', 'market']);
    cert = await issue(code);
    other = await issue(otherCode);
    await cli(['supervisor', 'create', '--username', 'sv.identity', '--role', 'supervisor'], `${password}\n`);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.dispose();
  });

  it('can neither check in nor evaluate in the business’s name, and each try is refused alike', async () => {
    const answers = new Set<string>();
    for (const a of agencyAttempts(cert, code)) {
      for (const [kind, body] of [
        ['checkins', { clientId: randomUUID(), token: cert.token, credentialsShown: true, ...a.body }],
        ['evaluations', evaluation(cert, a.body)],
      ] as const) {
        const res = await post(`/api/v1/certificates/${cert.certificateNo}/${kind}`, body, a.headers);
        expect(res.status, `${kind} with ${a.what}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${kind} with ${a.what}`).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        const p = (await res.json()) as { type: string; detail: string; status: number };
        if (a.what !== 'credit code (the old proof)') {
          expect(p.type).toMatch(/\/problems\/business-proof-failed$/);
          answers.add(`${p.status} ${p.detail}`);
        } else {
          expect(p.detail).toContain('creditCode');
        }
      }
    }
    // One answer for every failed proof: it says nothing about the certificate's submissions.
    expect(answers.size).toBe(1);
    expect([...answers][0]).toMatch(/^401 未能证明您是被检查企业/);
    const list = await cli(['evaluations', 'list', '--agency', 'market']);
    expect(list).not.toContain(cert.certificateNo);
  });

  it('the business binds its own device, checks in and rates; the agency can neither replace the rating nor tell either exists', async () => {
    // Everything the agency can ask about a certificate: its submissions in the business's name, the
    // closed reads, and the public verification (which it can request with the token it printed).
    const probe = async (c: Issued, creditCode: string) => {
      const seen: string[] = [];
      for (const a of agencyAttempts(c, creditCode)) {
        const res = await post(
          `/api/v1/certificates/${c.certificateNo}/evaluations`,
          evaluation(c, { ratings: full5, problems: [], comment: undefined, ...a.body }),
          a.headers,
        );
        const p = (await res.json()) as { detail: string };
        seen.push(`${res.status} ${p.detail.replaceAll(c.certificateNo, 'NO')}`);
      }
      for (const what of ['evaluations', 'checkins']) {
        const res = await fetch(`${base()}/api/v1/certificates/${c.certificateNo}/${what}`, {
          headers: { authorization: `Bearer ${agencyToken}` },
        });
        seen.push(`${res.status} ${((await res.json()) as { detail: string }).detail}`);
      }
      for (const q of [`?t=${c.token}`, '']) {
        const res = await fetch(`${base()}/api/v1/certificates/${c.certificateNo}${q}`);
        const v = (await res.json()) as Record<string, unknown>;
        seen.push(`${res.status} ${v.status} ${v.genuine}`);
      }
      return seen;
    };
    const before = await probe(cert, code);
    // The same answers on a certificate nobody checked in or rated.
    expect(await probe(other, otherCode)).toEqual(before);

    const device = await bindDevice(code);
    expect(device.creditCode).toBe(code);
    const checkin = await post(`/api/v1/certificates/${cert.certificateNo}/checkins`, {
      clientId: randomUUID(),
      token: cert.token,
      credentialsShown: false,
      proof: device.credential,
    });
    expect(checkin.status).toBe(201);
    expect(await checkin.json()).toMatchObject({ outcome: 'recorded', certificateNo: cert.certificateNo });
    expect(await probe(cert, code)).toEqual(before);

    const rated = await post(
      `/api/v1/certificates/${cert.certificateNo}/evaluations`,
      evaluation(cert, { proof: device.credential }),
    );
    expect(rated.status).toBe(201);
    expect(await rated.json()).toMatchObject({ outcome: 'created', ratings: { overall: 1 } });

    expect(await probe(cert, code)).toEqual(before);

    // The rating of 1 with 索拿卡要 stands: the agency's all-5s never replaced it.
    const list = await cli(['evaluations', 'list', '--agency', 'market']);
    const line = list.split('\n').find((l) => l.includes(cert.certificateNo))!;
    expect(line).toContain('索拿卡要');
    expect(line).toContain('总体满意1');
    expect(line).not.toContain('（修改');
  });

  it('another enterprise’s bound identity cannot rate this inspection, and the same business revises only from its own identity', async () => {
    const stranger = await bindDevice(otherCode);
    const res = await post(
      `/api/v1/certificates/${cert.certificateNo}/evaluations`,
      evaluation(cert, { proof: stranger.credential, ratings: full5, problems: [] }),
    );
    expect(res.status).toBe(403);

    const colleague = await bindDevice(code);
    const revised = await post(
      `/api/v1/certificates/${cert.certificateNo}/evaluations`,
      evaluation(cert, { proof: colleague.credential, ratings: full5, problems: [] }),
    );
    expect(revised.status).toBe(409);
    expect(((await revised.json()) as { detail: string }).detail).toContain('原评价人');
  });

  it('a used enrolment code works for no other device, and the agency cannot mint one', async () => {
    const enrolmentCode = await cli(['business', 'enrol', code]);
    const deviceId = randomUUID();
    const first = await post('/api/v1/business/enrolments', { code: enrolmentCode, deviceId });
    expect(first.status).toBe(201);
    // The same device retrying after a lost answer gets a fresh credential; the old one stops working.
    const again = await post('/api/v1/business/enrolments', { code: enrolmentCode, deviceId });
    expect(again.status).toBe(200);
    const lost = ((await first.json()) as { credential: string }).credential;
    const kept = ((await again.json()) as { credential: string }).credential;
    expect(kept).not.toBe(lost);
    const stolen = await post('/api/v1/business/enrolments', { code: enrolmentCode, deviceId: randomUUID() });
    expect(stolen.status).toBe(403);
    const stale = await post(`/api/v1/certificates/${other.certificateNo}/checkins`, {
      clientId: randomUUID(),
      token: other.token,
      credentialsShown: true,
      proof: lost,
    });
    expect(stale.status).toBe(401);
    // No ingest route enrols a business: the agency's token reaches nothing that makes a code.
    const viaIngest = await post(
      '/api/v1/business/enrolments',
      { creditCode: code },
      { authorization: `Bearer ${agencyToken}` },
    );
    expect(viaIngest.status).toBe(422);
  });

  it('each failed proof on a genuine certificate is an alert for supervisors (冒用企业名义)', async () => {
    const jar = new Map<string, string>();
    const request = async (pathname: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await fetch(`${base()}${pathname}`, { ...init, headers, redirect: 'manual' });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
      return res;
    };
    const login = await request('/supervision/login');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const signed = await request('/supervision/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base() },
      body: new URLSearchParams({ csrf, username: 'sv.identity', password }).toString(),
    });
    expect(signed.status).toBe(303);
    const page = await request('/supervision/alerts?rule=impersonation');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('冒用企业名义');
    expect(html).toContain(cert.certificateNo);
    expect(html).toContain(other.certificateNo);
    // The alert's own page lists each attempt: when, what, why, from where.
    const key = new RegExp(`/supervision/alerts/(impersonation-[0-9a-f]+)`).exec(html)![1]!;
    const detail = await request(`/supervision/alerts/${key}`);
    expect(detail.status).toBe(200);
    const page2 = await detail.text();
    expect(page2).toContain('未能证明企业身份的提交');
    expect(page2).toContain('未提供企业身份凭证');
    expect(page2).toContain('127.0.0.1');
  });
});
