import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Runtime } from '../runtime';
import { MemoryRateLimiter } from './rate-limit';
import { AnswerCache, cachedAnswers, nextChinaMidnight } from './answer-cache';
import { compressResponses } from './compression';

/**
 * The cache step in front of a real Node server, in the order the portal's server entry uses (cache,
 * compression, app). The app counts its renders, so a test sees whether an answer came from the cache.
 */
let renders = 0;
let app: (req: IncomingMessage, res: ServerResponse) => void;
let t = Date.parse('2026-12-06T10:00:00Z');
let cache: AnswerCache;
let server: http.Server;
let base: string;
const runtime = {
  config: loadConfig({ SUNLIGHT_DATA_DIR: '/tmp/unused', SUNLIGHT_RATE_LIMIT_ANON: '3' }),
  limiter: new MemoryRateLimiter(),
} satisfies Partial<Runtime> as unknown as Runtime;

const page = (n: number) => `<!DOCTYPE html><p>第 ${n} 次渲染</p>${'公示内容'.repeat(400)}`;

function render(_req: IncomingMessage, res: ServerResponse, extra: Record<string, string> = {}, status = 200): void {
  renders++;
  const body = page(renders);
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'SAMEORIGIN', ...extra });
  // Written in two chunks, as the Astro adapter streams a page.
  res.write(body.slice(0, 100));
  res.end(body.slice(100));
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const text = (r: Raw) => r.body.toString('utf8');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (cachedAnswers(runtime, cache)(req, res)) return;
    compressResponses(req, res);
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  renders = 0;
  cache = new AnswerCache({ now: () => t });
  app = (req, res) => render(req, res);
});

describe('answer cache', () => {
  it('answers a record page again from the cache, byte for byte and header for header, one entry per encoding', async () => {
    const first = await get('/disclosures/CF-1', { 'accept-encoding': 'br, gzip' });
    const again = await get('/disclosures/CF-1', { 'accept-encoding': 'br, gzip' });
    expect(renders).toBe(1);
    expect(again.body.equals(first.body)).toBe(true);
    expect(first.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(again.body).toString()).toBe(page(1));
    const { date: _d1, 'transfer-encoding': _t, ...sent } = first.headers;
    const { date: _d2, 'content-length': length, ...kept } = again.headers;
    expect(kept).toEqual(sent);
    expect(Number(length)).toBe(first.body.length);

    const plain = await get('/disclosures/CF-1');
    expect(renders).toBe(2);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(text(await get('/disclosures/CF-1'))).toBe(page(2));
    expect(renders).toBe(2);
  });

  it('never keeps an answer with Set-Cookie, Cache-Control private, another Vary, or a status other than 200', async () => {
    for (const [extra, status] of [
      [{ 'set-cookie': 'sunlight_csrf=abc; HttpOnly' }, 200],
      [{ 'cache-control': 'private, max-age=60' }, 200],
      [{ vary: 'Cookie' }, 200],
      [{}, 404],
      [{}, 410],
    ] as const) {
      renders = 0;
      cache.invalidate();
      app = (req, res) => render(req, res, extra, status);
      await get('/disclosures/CF-2');
      const again = await get('/disclosures/CF-2');
      expect(renders, JSON.stringify({ extra, status })).toBe(2);
      expect(again.status).toBe(status);
    }
  });

  it('never answers from the cache a request with a cookie, a partner key or Authorization, nor other addresses', async () => {
    await get('/disclosures/CF-3');
    const personal: Record<string, string>[] = [
      { cookie: 'sunlight_session=s1' },
      { 'x-api-key': 'slp_x' },
      { authorization: 'Bearer x' },
    ];
    for (const headers of personal) {
      expect(text(await get('/disclosures/CF-3', headers))).not.toBe(page(1));
    }
    expect(renders).toBe(4);
    for (const path of [
      '/supervision/cases/1',
      '/disclosures',
      '/search?q=%E9%A4%90%E9%A5%AE',
      '/api/v1/exports/disclosures.csv',
    ]) {
      const before = renders;
      await get(path);
      await get(path);
      expect(renders - before, path).toBe(2);
    }
    await get('/disclosures/CF-3', {}, 'HEAD');
    expect(renders).toBe(13);
  });

  it('forgets everything when told (the change log moved), and does not keep an answer begun before', async () => {
    await get('/permits/PM-1');
    cache.invalidate();
    expect(text(await get('/permits/PM-1'))).toBe(page(2));
    app = (req, res) => {
      cache.invalidate(); // a withdrawal is followed while this answer is being made
      render(req, res);
    };
    await get('/permits/PM-2');
    app = (req, res) => render(req, res);
    expect(text(await get('/permits/PM-2'))).toBe(page(4));
    expect(text(await get('/permits/PM-2'))).toBe(page(4));
  });

  it('forgets everything when this process accepts an agency write, not when it refuses one', async () => {
    await get('/disclosures/CF-4');
    await get('/disclosures/CF-4');
    expect(renders).toBe(1);
    let status = 401;
    app = (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    };
    await get('/api/v1/ingest/disclosures/CF-4/withdraw', {}, 'POST');
    app = (req, res) => render(req, res);
    expect(text(await get('/disclosures/CF-4'))).toBe(page(1));
    status = 200;
    app = (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{"outcome":"withdrawn"}');
    };
    await get('/api/v1/ingest/disclosures/CF-4/withdraw', {}, 'POST');
    app = (req, res) => render(req, res);
    expect(text(await get('/disclosures/CF-4'))).toBe(page(2));
  });

  it('forgets everything at midnight China time (publication periods end then)', async () => {
    t = Date.parse('2026-12-06T15:59:59Z'); // 23:59:59 in China
    cache = new AnswerCache({ now: () => t });
    expect(nextChinaMidnight(t)).toBe(Date.parse('2026-12-06T16:00:00Z'));
    await get('/inspection-results/IR-1');
    t += 999;
    expect(text(await get('/inspection-results/IR-1'))).toBe(page(1));
    t += 1;
    expect(text(await get('/inspection-results/IR-1'))).toBe(page(2));
  });

  it('answers If-None-Match from the cache with 304 and the same validators', async () => {
    app = (req, res) => render(req, res, { etag: 'W/"CF-5-1764"', 'last-modified': 'Sat, 05 Dec 2026 10:00:00 GMT' });
    const first = await get('/disclosures/CF-5');
    const revalidated = await get('/disclosures/CF-5', { 'if-none-match': 'W/"CF-5-1764"' });
    expect(renders).toBe(1);
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(first.headers.etag);
    expect(revalidated.headers['last-modified']).toBe(first.headers['last-modified']);
    expect((await get('/disclosures/CF-5', { 'if-none-match': 'W/"CF-5-1"' })).status).toBe(200);
  });

  it('admits every client to a cached /api/ answer: fresh RateLimit headers, 429 past the limit', async () => {
    app = (_req, res) => {
      renders++;
      res.writeHead(200, { 'content-type': 'application/json', 'ratelimit-limit': '3', 'ratelimit-remaining': '2' });
      res.end(JSON.stringify({ total: 1, hits: [{ id: 'CF-6' }] }));
    };
    const answers = [];
    // The first is made by the app (there the middleware admits the client); the cached ones admit here.
    for (let i = 0; i < 5; i++) answers.push(await get('/api/v1/search?q=%E9%A4%90%E9%A5%AE'));
    expect(renders).toBe(1);
    expect(answers.slice(1, 4).map((a) => [a.status, a.headers['ratelimit-remaining']])).toEqual([
      [200, '2'],
      [200, '1'],
      [200, '0'],
    ]);
    const refused = answers[4]!;
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(JSON.parse(text(refused)).detail).toContain('请求过于频繁');
  });
});
