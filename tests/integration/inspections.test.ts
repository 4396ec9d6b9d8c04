import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraw, committedDrawForm, parseScan, verifyRecordInLog } from '@sunlight/verify';
import { bindBusinessDevice } from '../helpers/business';
import { runSunlight } from '../helpers/cli';
import { createToken } from '../helpers/ingest';
import { freshEnterprises, inspectionExample, type Issued } from '../helpers/inspections';
import { copySampleContent, ROOT } from '../helpers/server';
import { ownPortal } from '../helpers/own-portal';
import { sampleCertificateNo } from '../helpers/sample-certificates';

/** China-time calendar year of an instant. */
const chinaYear = (t: number) => new Date(t + 8 * 3_600_000).getUTCFullYear();
/**
 * A cap applies to the year a task's window starts in. This file's portal publishes the market agency's
 * 市场监管 cap for the years around today (the sample covers only the years it was generated for), so the
 * cap test runs, and means the same, in every year.
 */
const CAP = { agencyId: 'market', field: '市场监管', maxPerEnterprise: 2, basis: '《示例市涉企行政检查规定》第五条' };
const contentDir = copySampleContent();
{
  const file = path.join(contentDir, 'inspection-caps.json');
  const others = (JSON.parse(fs.readFileSync(file, 'utf8')) as { agencyId: string; field: string }[]).filter(
    (c) => c.agencyId !== CAP.agencyId || c.field !== CAP.field,
  );
  const years = new Set([chinaYear(Date.now() - 86_400_000), chinaYear(Date.now() + 86_400_000)]);
  const caps = [...years].map((year) => ({ id: `cap-market-market-${year}`, ...CAP, year }));
  fs.writeFileSync(file, JSON.stringify([...others, ...caps], null, 2));
}
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));
const portal = ownPortal({ SUNLIGHT_CONTENT_DIR: contentDir });
const base = portal.url;
const dataDir = portal.dataDir;
const cliEnv = () => ({ SUNLIGHT_DATA_DIR: dataDir(), DATABASE_URL: '' });
let market: string;
let environment: string;
let nextEnterprise = 0;
const enterprise = () => freshEnterprises[nextEnterprise++]!;

const post = (token: string | undefined, body: unknown, pathname = '/api/v1/ingest/inspections', headers = {}) =>
  fetch(`${base()}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function issue(overrides: Record<string, unknown> = {}, startMs?: number, lengthMs?: number): Promise<Issued> {
  const res = await post(
    market,
    inspectionExample({ enterpriseCreditCode: enterprise(), ...overrides }, startMs, lengthMs),
  );
  const body = await res.json();
  if (res.status !== 201) throw new Error(`issue failed ${res.status}: ${JSON.stringify(body)}`);
  return body as Issued;
}

const verifyJson = async (no: string, token?: string) =>
  (await (await fetch(`${base()}/api/v1/certificates/${no}${token ? `?t=${token}` : ''}`)).json()) as {
    status: string;
    genuine: boolean;
    reason?: string;
    inspectors?: { name: string; certificateNo: string; status: string }[];
    items?: { code: string; basis: { url: string }[] }[];
    agency?: { id: string };
    enterpriseHint?: string;
  };

beforeAll(async () => {
  market = await createToken(dataDir(), 'market');
  environment = await createToken(dataDir(), 'environment');
});

describe('issuing inspection certificates', () => {
  it('accepts the committed example and answers with the certificate number and its full verify URL', async () => {
    const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/examples/inspection.json'), 'utf8'));
    const res = await post(market, inspectionExample());
    expect(res.status).toBe(201);
    const body = (await res.json()) as Issued;
    expect(body.certificateNo).toMatch(/^JCZ-\d{4}-\d{7}-\d$/);
    expect(body.verifyUrl).toBe(`${base()}/verify/${body.certificateNo}?t=${body.token}`);
    expect(res.headers.get('location')).toBe(body.verifyUrl);
    expect(parseScan(body.verifyUrl, { allowedOrigins: [base()] })).toMatchObject({
      ok: true,
      certificateNo: body.certificateNo,
      token: body.token,
    });
    const v = await verifyJson(body.certificateNo, body.token);
    expect(v).toMatchObject({ status: 'valid', genuine: true, agency: { id: example.agencyId } });
    expect(v.inspectors!.map((p) => p.status)).toEqual(['valid', 'valid']);
    expect(v.items!.map((i) => i.code)).toEqual(example.itemCodes);
    expect(v.items![0]!.basis[0]!.url).toMatch(/\/laws\/[A-Z]+-\d+#art-\d+$/);
    expect(JSON.stringify(v)).not.toContain(example.enterpriseCreditCode);
  });

  it('refuses without a token (401), another agency’s task (403), and a wrong content type (415)', async () => {
    expect((await post(undefined, inspectionExample())).status).toBe(401);
    const other = await post(environment, inspectionExample({ enterpriseCreditCode: enterprise() }));
    expect(other.status).toBe(403);
    expect((await other.json()).errors[0].field).toBe('agencyId');
    const form = await fetch(`${base()}/api/v1/ingest/inspections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${market}`, 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(form.status).toBe(415);
  });

  it('refuses an officer of another agency or without a valid certificate, and an unlisted item, with problem+json', async () => {
    const officer = await post(
      market,
      inspectionExample({ inspectorIds: ['insp-market-005', 'insp-environment-001'] }),
    );
    expect(officer.status).toBe(422);
    expect(officer.headers.get('content-type')).toMatch(/problem\+json/);
    const p = await officer.json();
    expect(p.type).toMatch(/\/problems\/inspector-not-authorised$/);
    expect(p.errors[0]).toMatchObject({ field: 'inspectorIds[1]' });
    const revoked = await post(market, inspectionExample({ inspectorIds: ['insp-market-005', 'insp-market-003'] }));
    expect((await revoked.json()).type).toMatch(/inspector-not-authorised$/);
    const item = await post(market, inspectionExample({ itemCodes: ['JCSX-000213', 'JCSX-000001'] }));
    expect(item.status).toBe(422);
    const q = await item.json();
    expect(q.type).toMatch(/\/problems\/item-not-listed$/);
    expect(q.detail).toContain('JCSX-000001');
  });

  it('is idempotent with an Idempotency-Key: a retry returns the same certificate', async () => {
    const body = inspectionExample({ enterpriseCreditCode: enterprise() });
    const key = randomUUID();
    const first = await post(market, body, undefined, { 'idempotency-key': key });
    const again = await post(market, body, undefined, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect((await again.json()).certificateNo).toBe((await first.json()).certificateNo);
  });

  it('refuses a task over the published annual cap, and accepts 投诉举报 with a reason, flagged', async () => {
    const code = enterprise();
    for (let i = 0; i < CAP.maxPerEnterprise; i++) await issue({ enterpriseCreditCode: code });
    const over = await post(market, inspectionExample({ enterpriseCreditCode: code }));
    expect(over.status).toBe(422);
    const p = await over.json();
    expect(p.type).toMatch(/\/problems\/inspection-cap-exceeded$/);
    expect(p.capExceeded[0]).toMatchObject({
      field: '市场监管',
      year: chinaYear(Date.now()),
      maxPerEnterprise: CAP.maxPerEnterprise,
    });
    const complaint = await post(
      market,
      inspectionExample({
        enterpriseCreditCode: code,
        source: '投诉举报',
        reason: '12345 热线投诉：疑似售卖过期食品',
      }),
    );
    expect(complaint.status).toBe(201);
    expect((await complaint.json()).flagged).toBe(true);
    const flagged = await runSunlight(['inspections', 'flagged'], cliEnv());
    expect(flagged.stdout).toContain('12345 热线投诉');
  });
});

describe('verifying', () => {
  let cert: Issued;
  beforeAll(async () => {
    cert = await issue();
  });

  it('a token verifies with the standard jose library given only /.well-known/jwks.json', async () => {
    const res = await fetch(`${base()}/.well-known/jwks.json`);
    expect(res.headers.get('content-type')).toMatch(/jwk-set\+json/);
    const jwks = await res.json();
    for (const k of jwks.keys) expect(k).not.toHaveProperty('d');
    const { payload, protectedHeader } = await jwtVerify(cert.token, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: cert.kid });
    expect(payload).toMatchObject({ sub: cert.certificateNo, agn: 'market' });
  });

  it('answers like every public API: CORS, security headers, no caching, and the same per-client limits', async () => {
    const url = `${base()}/api/v1/certificates/${cert.certificateNo}?t=${cert.token}`;
    const res = await fetch(url, { headers: { origin: 'https://credit.example.org' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(Number(res.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect((await res.json()).status).toBe('valid');

    // One budget per partner key across verification and the other open-data endpoints.
    const created = await runSunlight(['partner', 'create', '--name', '核验限速测试', '--per-minute', '3'], cliEnv());
    const key = created.stdout.trim();
    const withKey = { headers: { 'x-api-key': key } };
    const statuses = [
      (await fetch(url, withKey)).status,
      (await fetch(`${base()}/api/v1/changes?since=0&limit=1`, withKey)).status,
      (await fetch(url, withKey)).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await fetch(url, withKey);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    expect((await limited.json()).type).toMatch(/rate-limited$/);
    expect((await fetch(url, { headers: { 'x-api-key': `${key}x` } })).status).toBe(401);
  });

  it('a tampered token, a token signed with another key, and an unknown number are not genuine', async () => {
    const [h, p, s] = cert.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const extended = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86400 * 365 })).toString('base64url');
    const wrongKey = sign(null, Buffer.from(`${h}.${p}`), generateKeyPairSync('ed25519').privateKey).toString(
      'base64url',
    );
    for (const token of [`${h}.${extended}.${s}`, `${h}.${p}.${wrongKey}`]) {
      const v = await verifyJson(cert.certificateNo, token);
      expect(v).toMatchObject({ status: 'not_genuine', genuine: false });
      expect(v.agency).toBeUndefined();
      const page = await (await fetch(`${base()}/verify/${cert.certificateNo}?t=${token}`)).text();
      expect(page).toContain('不是真实的电子检查证');
      expect(page).not.toContain('真实有效的电子检查证');
    }
    const unknown = await verifyJson('JCZ-2026-9999999-3');
    expect(unknown).toMatchObject({ status: 'not_genuine', reason: 'unknown_number' });
  });

  it('sample certificates are signed at load time with this deployment’s key (not the placeholder kid)', async () => {
    // The sample's revoked certificate of the market agency, under the number this portal's seed gave it.
    const no = sampleCertificateNo((c) => c.agencyId === 'market' && c.status === 'revoked');
    const agencyView = await fetch(`${base()}/api/v1/ingest/certificates/${no}`, {
      headers: { authorization: `Bearer ${market}` },
    });
    const sampleCert = (await agencyView.json()) as { token: string; kid: string; validFrom: string; status: string };
    expect(sampleCert.status).toBe('revoked');
    expect(sampleCert.kid).toBe(cert.kid);
    const jwks = await (await fetch(`${base()}/.well-known/jwks.json`)).json();
    const { payload } = await jwtVerify(sampleCert.token, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
      currentDate: new Date(Date.parse(sampleCert.validFrom) + 60_000),
    });
    expect(payload.sub).toBe(no);
    expect(await verifyJson(no, sampleCert.token)).toMatchObject({
      status: 'revoked',
      genuine: true,
    });
  });

  it('typed by number only, a genuine certificate is found, without the enterprise hint', async () => {
    const v = await verifyJson(cert.certificateNo);
    expect(v).toMatchObject({ status: 'valid', genuine: true });
    expect(v.enterpriseHint).toBeUndefined();
    const page = await fetch(`${base()}/verify?no=${encodeURIComponent(cert.certificateNo.toLowerCase())}`, {
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/verify/${cert.certificateNo}`);
  });

  it('a certificate reads as valid until its window ends and as expired from then on', async () => {
    const short = await issue({}, -3_600_000, 3_600_000 + 3000);
    const until = Date.parse(short.validUntil);
    // Asked again and again until it expires (however slow the machine): every answer that came back before
    // the window ended says valid, every question sent after it says expired.
    const answers: { sent: number; received: number; status: string }[] = [];
    while (answers.at(-1)?.status !== 'expired' && Date.now() < until + 30_000) {
      const sent = Date.now();
      const { status } = await verifyJson(short.certificateNo, short.token);
      answers.push({ sent, received: Date.now(), status });
      if (status !== 'expired') await new Promise((r) => setTimeout(r, 200));
    }
    expect(answers.at(-1)?.status).toBe('expired');
    for (const a of answers.filter((a) => a.received < until)) expect(a.status).toBe('valid');
    for (const a of answers.filter((a) => a.sent >= until)) expect(a.status).toBe('expired');
    const page = await (await fetch(`${base()}/verify/${short.certificateNo}?t=${short.token}`)).text();
    expect(page).toContain('检查证已过期');
  });

  it('only the issuing agency revokes, with a reason; the certificate then reads as revoked', async () => {
    const c = await issue();
    const revoke = (token: string, body: unknown) =>
      post(token, body, `/api/v1/ingest/certificates/${c.certificateNo}/revoke`);
    expect((await revoke(environment, { reason: '任务取消' })).status).toBe(403);
    expect((await revoke(market, {})).status).toBe(422);
    const ok = await revoke(market, { reason: '企业已停业，检查任务取消' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ outcome: 'revoked', status: 'revoked' });
    const v = await verifyJson(c.certificateNo, c.token);
    expect(v).toMatchObject({ status: 'revoked', genuine: true });
    const page = await (await fetch(`${base()}/verify/${c.certificateNo}?t=${c.token}`)).text();
    expect(page).toContain('检查证已撤销');
    expect(page).toContain('企业已停业，检查任务取消');
  });

  it('renders the QR code (SVG and PNG) for a token holder or the issuing agency, and a printable page', async () => {
    const svg = await fetch(cert.qrSvgUrl);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const svgText = await svg.text();
    expect(svgText).toMatch(/^<svg[^>]*role="img"/);
    // A size of whole pixels per module besides the viewBox: decoders render it at native size.
    const [, modules] = /viewBox="0 0 (\d+) \1"/.exec(svgText)!;
    expect(svgText).toContain(`width="${Number(modules) * 8}" height="${Number(modules) * 8}"`);
    const png = await fetch(cert.qrPngUrl);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const bare = `${base()}/api/v1/certificates/${cert.certificateNo}/qr.svg`;
    expect((await fetch(bare)).status).toBe(401);
    expect((await fetch(`${bare}?t=${cert.token.slice(0, -2)}xx`)).status).toBe(403);
    expect((await fetch(bare, { headers: { authorization: `Bearer ${market}` } })).status).toBe(200);
    expect((await fetch(bare, { headers: { authorization: `Bearer ${environment}` } })).status).toBe(403);
    const print = await fetch(cert.printUrl);
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain('<meta name="robots" content="noindex"');
    expect(html).toMatch(/<svg[^>]*aria-label="电子检查证/);
    expect((await fetch(`${base()}/verify/${cert.certificateNo}/print`)).status).toBe(401);
    const agencyView = await fetch(`${base()}/api/v1/ingest/certificates/${cert.certificateNo}`, {
      headers: { authorization: `Bearer ${market}` },
    });
    expect((await agencyView.json()).token).toBe(cert.token);
  });
});

describe('check-ins and evaluations by the inspected enterprise', () => {
  let cert: Issued;
  let code: string;
  let proof: string;
  beforeAll(async () => {
    code = enterprise();
    cert = await issue({ enterpriseCreditCode: code });
    proof = (await bindBusinessDevice(base(), cliEnv(), code)).proof;
  });
  const evaluation = (overrides: object = {}) => ({
    clientId: randomUUID(),
    proof,
    token: cert.token,
    ratings: { lawfulness: 5, courtesy: 5, integrity: 5, efficiency: 4, overall: 5 },
    problems: [],
    comment: '检查人员出示了执法证，态度很好。<b>谢谢</b>',
    ...overrides,
  });
  const evaluate = (body: unknown) => post(undefined, body, `/api/v1/certificates/${cert.certificateNo}/evaluations`);

  it('registers a check-in (事中登记) and says what it means', async () => {
    const body = { clientId: randomUUID(), proof, token: cert.token, credentialsShown: true };
    const res = await post(undefined, body, `/api/v1/certificates/${cert.certificateNo}/checkins`);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: 'recorded', certificateStatus: 'valid' });
    const again = await post(undefined, body, `/api/v1/certificates/${cert.certificateNo}/checkins`);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('takes one evaluation; replaying the same clientId gives the same result and no duplicate', async () => {
    const body = evaluation();
    const first = await evaluate(body);
    expect(first.status).toBe(201);
    const a = await first.json();
    expect(a.comment).toBe('检查人员出示了执法证，态度很好。 谢谢');
    const replay = await evaluate(body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(a);
    const list = await runSunlight(['evaluations', 'list', '--agency', 'market'], cliEnv());
    expect(list.stdout.split('\n').filter((l) => l.startsWith(cert.certificateNo))).toHaveLength(1);
    const replaced = await evaluate(evaluation({ problems: ['repeated'], comment: '同一周内第二次检查' }));
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).outcome).toBe('replaced');
  });

  it('refuses an evaluation with another enterprise’s identity, or a forged token', async () => {
    const stranger = await bindBusinessDevice(base(), cliEnv(), freshEnterprises[freshEnterprises.length - 1]!);
    const other = await evaluate(evaluation({ proof: stranger.proof }));
    expect(other.status).toBe(403);
    const [h, p] = cert.token.split('.');
    const forged = await evaluate(evaluation({ token: `${h}.${p}.${'A'.repeat(86)}` }));
    expect(forged.status).toBe(403);
    expect((await forged.json()).type).toMatch(/certificate-not-genuine$/);
  });

  it('answers another origin (the mini-program’s H5 build) with CORS headers, errors included', async () => {
    const url = `${base()}/api/v1/certificates/${cert.certificateNo}/evaluations`;
    const origin = { origin: 'http://127.0.0.1:4412' };
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    // (a text/plain or form body from another origin is refused before this, by Astro's CSRF origin check)
    const wrongType = await fetch(url, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/xml' },
      body: '<evaluation/>',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('access-control-allow-origin')).toBe('*');
    const badJson = await fetch(url, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: '{"clientId": ',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('access-control-allow-origin')).toBe('*');
    expect(badJson.headers.get('content-type')).toContain('application/problem+json');
  });

  it('never lets an agency read evaluations or check-ins: agency tokens get 403, anonymous 401', async () => {
    for (const what of ['evaluations', 'checkins']) {
      const url = `${base()}/api/v1/certificates/${cert.certificateNo}/${what}`;
      expect((await fetch(url, { headers: { authorization: `Bearer ${market}` } })).status).toBe(403);
      expect((await fetch(url)).status).toBe(401);
    }
    const v = await (await fetch(`${base()}/api/v1/certificates/${cert.certificateNo}?t=${cert.token}`)).text();
    expect(v).not.toContain('lawfulness');
    expect(v).not.toContain(code);
  });
});

describe('双随机 draws', () => {
  it('publishes the draws of the sample: every draw a sample inspection cites resolves and recomputes', async () => {
    const cited = new Set(
      fs
        .readFileSync(path.join(ROOT, 'content/sample/inspections.ndjson'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { drawId?: string }).drawId)
        .filter((id): id is string => id !== undefined),
    );
    expect(cited.size).toBeGreaterThan(100);
    for (const id of cited) {
      const res = await fetch(`${base()}/api/v1/draws/${id}`);
      expect(res.status, id).toBe(200);
      const draw = await res.json();
      expect(draw.status).toBe('revealed');
      expect(checkDraw(draw)).toMatchObject({ commitmentMatches: true, inputsHashMatches: true, resultMatches: true });
    }
    const page = await (await fetch(`${base()}/draws`)).text();
    const listed = [...page.matchAll(/href="\/draws\/([^"]+)"/g)].map((m) => m[1]!);
    expect(listed.filter((id) => cited.has(id)).length).toBeGreaterThanOrEqual(50);
  });

  it('publishes the commitment first, then the seed; the published record recomputes exactly', async () => {
    const created = await post(
      market,
      { itemCodes: ['JCSX-000213', 'JCSX-000214'], enterpriseCount: 3, region: '青石街道' },
      '/api/v1/ingest/draws',
    );
    expect(created.status).toBe(201);
    const draw = await created.json();
    const before = await (await fetch(`${base()}/api/v1/draws/${draw.id}`)).json();
    expect(before).toMatchObject({ status: 'committed', commitment: draw.commitment });
    expect(before.seed).toBeUndefined();
    expect(before.result).toBeUndefined();
    const revealed = await post(market, {}, `/api/v1/ingest/draws/${draw.id}/reveal`);
    expect(revealed.status).toBe(200);
    const after = await (await fetch(`${base()}/api/v1/draws/${draw.id}`)).json();
    expect(after.commitment).toBe(before.commitment);
    expect(checkDraw(after)).toMatchObject({ commitmentMatches: true, inputsHashMatches: true, resultMatches: true });
    // sunlight-draw-v2: the seed comes from a head the portal signed after the commitment entered its log.
    expect(after.algorithm).toBe('sunlight-draw-v2');
    const jwks = await (await fetch(`${base()}/.well-known/jwks.json`)).json();
    const inclusion = await (
      await fetch(`${base()}/api/v1/log/inclusion?id=${draw.id}&tree_size=${after.beacon.tree_size}`)
    ).json();
    expect(inclusion.leaf_index).toBe(before.logIndex);
    expect(
      await verifyRecordInLog({ id: draw.id, form: committedDrawForm(before), sth: after.beacon, jwks, inclusion }),
    ).toMatchObject({ ok: true });
    const forged = { ...after, beacon: { ...after.beacon, sha256_root_hash: Buffer.alloc(32).toString('base64') } };
    expect(checkDraw(forged).resultMatches).toBe(false);
    const page = await (await fetch(`${base()}/draws/${draw.id}`)).text();
    expect(page).toContain('信标（承诺之后的第一个签名树头）');
    expect(page).toContain(after.beacon.sha256_root_hash);

    const pick = after.result.assignments[0];
    const task = await post(
      market,
      inspectionExample({
        source: '双随机',
        drawId: draw.id,
        enterpriseCreditCode: pick.enterpriseCreditCode,
        inspectorIds: pick.inspectorIds,
        reason: undefined,
      }),
    );
    expect(task.status).toBe(201);
    const v = await verifyJson((await task.json()).certificateNo);
    expect(v).toMatchObject({ status: 'valid', draw: { id: draw.id } });
  });

  it('sunlight draw runs through the portal and prints the commitment and result', async () => {
    const res = await runSunlight(
      ['draw', '--agency', 'market', '--items', 'JCSX-000213', '--enterprises', '2', '--reveal'],
      cliEnv(),
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/承诺\s+SHA-256\(秘密值\) = [0-9a-f]{64}/);
    expect(res.stdout).toMatch(/信标\s+共 \d+ 条的签名树头/);
    expect(res.stdout).toMatch(/种子\s+SHA-256\(秘密值 ‖ 信标根哈希\) = [0-9a-f]{64}/);
  });
});

describe('key rotation', () => {
  it('sunlight keys rotate: new certificates use the new key; old ones still verify; both keys are published', async () => {
    const old = await issue();
    const res = await runSunlight(['keys', 'rotate'], cliEnv());
    expect(res.code).toBe(0);
    const fresh = await issue();
    expect(fresh.kid).not.toBe(old.kid);
    const jwks = await (await fetch(`${base()}/.well-known/jwks.json`)).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([old.kid, fresh.kid]));
    for (const c of [old, fresh]) {
      await jwtVerify(c.token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
      expect((await verifyJson(c.certificateNo, c.token)).status).toBe('valid');
    }
    expect(fs.statSync(path.join(dataDir(), 'keys')).mode & 0o777).toBe(0o700);
    const list = await runSunlight(['keys', 'list'], cliEnv());
    expect(list.stdout).toContain(old.kid);
  });
});
