import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createToken, eventually, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

// The rate limit is real here; each test is another client (X-Forwarded-For behind a trusted proxy).
const portal = ownPortal({ SUNLIGHT_RATE_LIMIT_ANON: '60', SUNLIGHT_TRUST_PROXY: '1' });
const base = portal.url;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The answer as sent (no decompression, unlike fetch). */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base()}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that differ between two sendings of one answer: framing, the date, the client's remaining budget. */
const PER_SENDING = ['date', 'transfer-encoding', 'content-length', 'ratelimit-remaining', 'ratelimit-reset'];
const sameAnswer = (r: Raw) => ({
  status: r.status,
  headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !PER_SENDING.includes(k))),
  body: r.body.toString('base64'),
});

const record = JSON.parse(example('disclosure.json'));
const decisionNo = '滨江市监罚〔2026〕0988号';
let market: string;
let id: string;

beforeAll(async () => {
  market = await createToken(portal.dataDir(), 'market');
  const res = await push(base(), market, JSON.stringify({ ...record, decisionNo }));
  id = (await res.json()).id;
});

describe('answer cache on the built portal', () => {
  it('a cached answer is byte-identical to an uncached one, headers included (page, record API, search API)', async () => {
    const client = { 'x-forwarded-for': '203.0.113.1' };
    const search = `/api/v1/search?q=${encodeURIComponent('餐饮')}&facets=agency`;
    for (const path of [
      `/disclosures/${id}`,
      `/enterprises/${record.partyCreditCode}`,
      `/api/v1/disclosures/${id}`,
      search,
    ]) {
      for (const encoding of ['br, gzip, deflate', 'gzip', '']) {
        const headers: Record<string, string> = { ...client, ...(encoding ? { 'accept-encoding': encoding } : {}) };
        await get(path, headers); // made and kept
        const cached = await get(path, headers);
        // A cookie keeps a request away from the cache: this one is made again.
        const uncached = await get(path, { ...headers, cookie: 'sunlight_pref=1' });
        expect(cached.status, path).toBe(200);
        expect(sameAnswer(cached), `${path} ${encoding}`).toEqual(sameAnswer(uncached));
        expect(Number(cached.headers['content-length'])).toBe(cached.body.length);
        if (path.startsWith('/api/')) expect(cached.headers['ratelimit-limit']).toBe('60');
      }
    }
  });

  it('answers a conditional request for a cached record with 304', async () => {
    const client = { 'x-forwarded-for': '203.0.113.2' };
    const path = `/api/v1/disclosures/${id}`;
    const first = await get(path, client);
    const etag = String(first.headers.etag);
    const again = await get(path, { ...client, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.body.length).toBe(0);
  });

  it('the rate limit still applies to cached /api/ answers', async () => {
    const client = { 'x-forwarded-for': '203.0.113.3' };
    const path = `/api/v1/disclosures?q=${encodeURIComponent('餐饮')}`;
    const started = Date.now();
    let admitted = 0;
    let last = await get(path, client);
    while (last.status === 200 && admitted < 200) {
      admitted++;
      last = await get(path, client);
    }
    // 60 at once, then one a second (the bucket refills while the loop runs).
    const seconds = (Date.now() - started) / 1000;
    expect(last.status).toBe(429);
    expect(admitted).toBeGreaterThanOrEqual(60);
    expect(admitted).toBeLessThanOrEqual(60 + Math.ceil(seconds) + 1);
    expect(last.headers['content-type']).toMatch(/problem\+json/);
    expect(last.headers['retry-after']).toBeDefined();
    // Another client is not affected.
    expect((await get(path, { 'x-forwarded-for': '203.0.113.4' })).status).toBe(200);
  });

  it('supervision pages and answers with Set-Cookie are never cached', async () => {
    const a = await get('/supervision/login');
    const b = await get('/supervision/login');
    expect(a.headers['set-cookie']).toBeDefined();
    expect(b.headers['set-cookie']).toBeDefined();
    expect(b.headers['set-cookie']).not.toEqual(a.headers['set-cookie']);
    expect(b.body.equals(a.body)).toBe(false); // each carries its own form token
  });

  it('a withdrawal through the API changes the record page and the search answer within 5 s', async () => {
    const client = { 'x-forwarded-for': '203.0.113.5' };
    const page = `/disclosures/${id}`;
    const search = `/api/v1/disclosures?q=${encodeURIComponent(decisionNo)}`;
    const total = async () => JSON.parse((await get(search, client)).body.toString()).total as number;
    for (let i = 0; i < 2; i++) {
      expect((await get(page, client)).status).toBe(200);
      expect(await total()).toBe(1);
    }
    const reason = '经行政复议，原处罚决定被依法撤销。';
    const res = await push(
      base(),
      market,
      JSON.stringify({ type: '撤销', reason }),
      'application/json',
      `/api/v1/ingest/disclosures/${id}/withdraw`,
    );
    expect(res.status).toBe(200);
    const gone = await eventually(
      () => get(page, client),
      (r) => r.status === 410,
    );
    expect(gone.status).toBe(410);
    expect(gone.body.toString()).toContain(reason);
    expect(gone.body.toString()).not.toContain(record.partyName);
    expect(
      await eventually(
        () => total(),
        (n) => n === 0,
      ),
    ).toBe(0);
  });

  it('a change made outside the HTTP API (the CLI expiring records) reaches cached pages within 5 s', async () => {
    const client = { 'x-forwarded-for': '203.0.113.6' };
    const { hits } = JSON.parse((await get('/api/v1/disclosures?pageSize=1&sort=date_asc', client)).body.toString());
    const page = `/disclosures/${hits[0].id}`;
    expect((await get(page, client)).status).toBe(200);
    expect((await get(page, client)).status).toBe(200);
    const cli = await runSunlight(['disclosures', 'expire', '--today', '2099-01-01'], {
      SUNLIGHT_DATA_DIR: portal.dataDir(),
      DATABASE_URL: '',
    });
    expect(cli.code, cli.stderr).toBe(0);
    const after = await eventually(
      () => get(page, client),
      (r) => r.status !== 200,
    );
    expect(after.status).toBe(410);
  });
});
