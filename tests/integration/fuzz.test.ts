import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createTestDatabase } from '../helpers/databases';
import { createToken } from '../helpers/ingest';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { mulberry32 } from '@sunlight/domain/mulberry32';

/**
 * A few thousand generated hostile requests against a portal of its own (loopback only, seeded, bounded
 * in time): every route of the OpenAPI document and every file route under portal/pages (pages and
 * API), with hostile path segments, query parameters of the wrong type, every method, and broken bodies.
 * It fails on any 5xx, any request left without an answer, and any error under /api/ that is not RFC
 * 9457 problem+json; on PGlite, and on PostgreSQL too when DATABASE_URL is set. FUZZ_SEED=<n> replays a
 * run; FUZZ_REQUESTS=<n> changes its size.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const BUDGET_MS = 90_000;
const ANSWER_WITHIN_MS = 15_000;
const CONCURRENCY = 6;

/** A seeded PRNG, so a failing run can be replayed exactly. */
function prng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** Route templates from the file routes: `portal/pages/api/v1/disclosures/[id].ts` → `/api/v1/disclosures/{id}`. */
function fileRoutes(): string[] {
  const dir = path.join(ROOT, 'portal/pages');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(astro|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')) {
        const route = `/${path.relative(dir, full)}`
          .replace(/\.(astro|ts)$/, '')
          .replace(/\/index$/, '')
          .replace(/\[([^\]]+)\]/g, '{$1}');
        out.push(route || '/');
      }
    }
  };
  walk(dir);
  return out;
}

/** Hostile values for a path segment (already percent-encoded where the raw byte cannot be sent). */
const HOSTILE_SEGMENTS = [
  '%00',
  'd%00x',
  '%ff',
  '%e4%b8',
  '%c0%af',
  '..',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  'a'.repeat(3000),
  'x'.repeat(17_000),
  encodeURIComponent('执法😀'),
  encodeURIComponent('ＡＢＣ１２３'),
  encodeURIComponent('\u202e\u200b'),
  encodeURIComponent("' OR 1=1--"),
  encodeURIComponent('<script>alert(1)</script>'),
  '-1',
  '0',
  '99999999999999999999999',
  'NaN',
  'null',
  'undefined',
  '%25',
  '%0a',
  '%7f',
  '%20',
  '+',
  'JCZ-2024-0000001-6',
  '91990116E1HKN4XBFH',
  'market',
  'FL-0001',
  'no_credentials',
];

const HOSTILE_VALUES = [
  '',
  'abc',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '2025-02-30',
  '2025-13-01',
  '0000-00-00',
  '99999-01-01',
  'true',
  '[]',
  '{}',
  '%00',
  '%ff',
  encodeURIComponent('执法😀'),
  encodeURIComponent("'; DROP TABLE disclosures;--"),
  'a'.repeat(2000),
  '..%2f..%2f',
  '%0d%0aSet-Cookie:%20x=1',
  'market',
  '2025-03-18',
  '1',
  '20',
  '1000',
];

const PARAM_NAMES = [
  'q',
  'page',
  'pageSize',
  'cursor',
  'agency',
  'dateFrom',
  'dateTo',
  'since',
  'limit',
  'sort',
  'type',
  'status',
  'from',
  'to',
  'next',
  't',
  'field',
  'year',
  'alert',
  'expired',
  'format',
  '__proto__',
  'constructor',
  'a[b]',
];

const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-ndjson',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/plain',
  'application/xml',
  'application/json; charset=gbk',
  '',
];

/** The documented examples of an agency's pushes, one field at a time replaced by a hostile value. */
const EXAMPLES = ['disclosure.json', 'inspection.json'].map(
  (f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'content/examples', f), 'utf8')) as Record<string, unknown>,
);
const HOSTILE_FIELD_VALUES: unknown[] = [
  null,
  '',
  -1,
  Number.MAX_SAFE_INTEGER * 10,
  '2025-02-30',
  '9999-12-31T23:59:59+08:00',
  'x'.repeat(100_000),
  '执法😀\u202e',
  ['a', 1, null],
  { nested: { deeper: [{}] } },
  true,
  '<img src=x onerror=alert(1)>',
  '110101199003074518',
];

function hostileExample(rng: Rng): string {
  const record = { ...rng.pick(EXAMPLES) };
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const keys = Object.keys(record);
    record[rng.pick(keys)] = rng.pick(HOSTILE_FIELD_VALUES);
  }
  return JSON.stringify(record);
}

function hostileBody(rng: Rng): string {
  switch (rng.int(14)) {
    case 12:
    case 13:
      return hostileExample(rng);
    case 0:
      return '{';
    case 1:
      return '{"q":"\\u0000","agency":"\\u0000"}';
    case 2:
      return `{"a":"${'x'.repeat(200_000)}"}`;
    case 3:
      return '['.repeat(20_000) + ']'.repeat(20_000);
    case 4:
      return JSON.stringify({ q: rng.pick(HOSTILE_VALUES), page: rng.pick(HOSTILE_VALUES), pageSize: -5 });
    case 5:
      return 'username=%00&password=x&csrf=abc';
    case 6:
      return `username=${encodeURIComponent(`u${rng.int(1e6)}`)}&password=wrong+password&csrf=forged`;
    case 7:
      return '\ufeff{"decisionNo":null}';
    case 8:
      return '{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}';
    case 9:
      return '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--xyz--';
    case 10:
      return Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0xaf]).toString('latin1');
    default:
      return JSON.stringify([1, 'two', { three: [null, true, 1e308] }]);
  }
}

interface Outcome {
  method: string;
  path: string;
  status: number;
  contentType: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request (no URL normalisation, any method), with a deadline for the answer. */
function send(
  base: URL,
  method: string,
  rawPath: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method, path: rawPath, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            method,
            path: rawPath,
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: ${method} ${rawPath.slice(0, 200)}`));
    }, ANSWER_WITHIN_MS);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // The server may answer (413, 431) and close before a large body is sent; that is an answer.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET')
        resolve({ method, path: rawPath, status: 0, contentType: '', headers: {}, body: err.code });
      else reject(new Error(`${err.message}: ${method} ${rawPath.slice(0, 200)}`));
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** What is wrong with one answer, or undefined. */
function verdict(o: Outcome): string | undefined {
  if (o.status >= 500) return `${o.status} answer`;
  const pathname = o.path.split('?')[0]!;
  const api = pathname === '/api' || pathname.startsWith('/api/');
  if (!api || o.status < 400) return undefined;
  if (!/^application\/problem\+json/.test(o.contentType)) return `error under /api/ as ${o.contentType || 'no type'}`;
  if (o.method === 'HEAD') return undefined;
  try {
    const p = JSON.parse(o.body) as { type?: unknown; title?: unknown; status?: unknown; detail?: unknown };
    if (typeof p.type !== 'string' || typeof p.title !== 'string' || p.status !== o.status)
      return `problem+json without type/title/status: ${o.body.slice(0, 200)}`;
  } catch {
    return `problem+json body is not JSON: ${o.body.slice(0, 200)}`;
  }
  if (o.body.length > 64 * 1024) return `a ${o.body.length}-character problem (does it echo the input?)`;
  return undefined;
}

/** Sends the seeded requests to one portal; fails on any 5xx, unanswered request or non-problem /api/ error. */
async function fuzz(server: RunningServer, token: string, routes: string[]): Promise<void> {
  const base = new URL(server.url);
  const rng = prng(SEED);
  // Real identifiers too, so hostile queries, methods and bodies also reach records that exist.
  const listed = (await (await fetch(`${server.url}/api/v1/disclosures?pageSize=5`)).json()) as {
    hits: { id: string }[];
  };
  const segments = [...HOSTILE_SEGMENTS, ...listed.hits.map((h) => h.id)];
  const writeRoutes = routes.filter((r) => /\/ingest\/|\/checkins$|\/evaluations$|\/search$/.test(r));
  const fill = (route: string) =>
    route.replace(/\{[^}]+\}/g, () => rng.pick(segments)) +
    (rng.chance(0.6)
      ? `?${Array.from({ length: 1 + rng.int(3) }, () => `${rng.pick(PARAM_NAMES)}=${rng.pick(HOSTILE_VALUES)}`).join('&')}`
      : '');
  const deadline = Date.now() + BUDGET_MS;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let index = 0;
  const worker = async () => {
    while (index < REQUESTS && Date.now() < deadline && failures.length < 20) {
      index++;
      // One request in six is a well-formed push (token, JSON, same origin) with hostile content.
      const deep = rng.chance(1 / 6);
      const method = deep ? 'POST' : rng.pick(METHODS);
      const rawPath = fill(rng.pick(deep ? writeRoutes : routes));
      const headers: Record<string, string> = { host: base.host };
      if (rng.chance(0.3)) headers.authorization = `Bearer ${rng.chance(0.5) ? token : 'slp_forged'}`;
      if (rng.chance(0.4)) headers.origin = rng.chance(0.7) ? server.url : 'https://evil.example';
      if (rng.chance(0.1)) headers['x-api-key'] = rng.pick(['x', 'slp_000', '%00']);
      if (rng.chance(0.1)) headers['if-none-match'] = rng.pick(['*', 'W/"x"', '"' + 'a'.repeat(500) + '"']);
      if (rng.chance(0.05)) headers['idempotency-key'] = rng.pick(['k1', 'a'.repeat(400)]);
      let body: string | undefined;
      if (method !== 'GET' && method !== 'HEAD' && rng.chance(0.8)) {
        body = hostileBody(rng);
        const type = rng.pick(CONTENT_TYPES);
        if (type) headers['content-type'] = type;
      }
      if (deep) {
        Object.assign(headers, {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          origin: server.url,
        });
        body = rng.chance(0.7) ? hostileExample(rng) : hostileBody(rng);
      }
      try {
        const o = await send(base, method, rawPath, headers, body);
        sent++;
        statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
        const wrong = verdict(o);
        if (wrong) failures.push(`${wrong}: ${method} ${rawPath.slice(0, 200)}`);
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(`fuzz seed ${SEED}: ${sent} requests over ${routes.length} routes; ${summary.join(' ')}`);
  expect(failures, `seed ${SEED}; server log:\n${server.output().slice(-3000)}`).toEqual([]);
  expect(sent, 'the time budget ran out well before the requests').toBeGreaterThanOrEqual(Math.min(REQUESTS, 1000));
}

let server: RunningServer;
let base: URL;
let token: string;
let routes: string[];
let stalled: Promise<{ status: number; contentType: string; ms: number }>;

beforeAll(async () => {
  server = await startServer({}, { copyOf: inject('seededDataDir') });
  base = new URL(server.url);
  token = await createToken(server.dataDir, 'market');
  const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: object };
  routes = [...new Set([...Object.keys(openapi.paths), ...fileRoutes()])].sort();
  // A request whose body never arrives, started now and checked at the end: the server cuts it.
  stalled = new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(base.port), base.hostname, () => {
      socket.write(
        `POST /api/v1/disclosures/search HTTP/1.1\r\nHost: ${base.host}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"q":`,
      );
    });
    let raw = '';
    socket.on('data', (d) => (raw += d.toString('utf8')));
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      const contentType = /content-type: ([^\r\n]+)/i.exec(raw)?.[1] ?? '';
      resolve({ status, contentType, ms: Date.now() - started });
    });
    socket.on('error', reject);
    socket.setTimeout(60_000, () => socket.destroy());
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

describe('hostile requests', () => {
  it('the answers the issue reported are no longer 500s, and each /api/ error is problem+json', async () => {
    const cases: [string, string, number][] = [
      ['GET', '/api/v1/exports/disclosures.csv?dateFrom=abc', 400],
      ['GET', '/api/v1/exports/disclosures.csv?dateFrom=2025-02-30', 400],
      ['GET', '/api/v1/disclosures/d%00x', 400],
      ['GET', '/disclosures/%00', 400],
      ['GET', '/draws/%00', 400],
      ['GET', '/powers/%00', 400],
      ['GET', '/feeds/agencies/%00.atom', 400],
      ['GET', '/api/v1/draws/%00', 400],
      ['TRACE', '/api/v1/disclosures', 405],
      ['TRACE', '/disclosures', 405],
      ['PUT', '/api/v1/disclosures', 403],
      ['GET', '/api/v1/no-such-thing', 404],
      ['GET', '/api/v1/disclosures/search', 405],
      ['GET', '/api/v1/disclosures/%ff', 400],
      ['GET', '/500', 404],
    ];
    for (const [method, p, status] of cases) {
      const o = await send(base, method, p, { host: base.host });
      expect(o.status, `${method} ${p}`).toBe(status);
      expect(verdict(o), `${method} ${p}`).toBeUndefined();
    }
    const csv = await send(base, 'GET', '/api/v1/exports/disclosures.csv?dateFrom=abc', { host: base.host });
    expect(JSON.parse(csv.body)).toMatchObject({ errors: [{ parameter: 'dateFrom' }] });
    const patch = await send(
      base,
      'PATCH',
      '/api/v1/disclosures',
      { host: base.host, 'content-type': 'application/json' },
      '{}',
    );
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(verdict(patch)).toBeUndefined();
    // another site's form, the plain-text refusal of Astro's origin check before
    const cross = await send(base, 'POST', '/api/v1/ingest/disclosures', {
      host: base.host,
      origin: 'https://evil.example',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(cross.status).toBe(403);
    expect(verdict(cross)).toBeUndefined();
    expect(JSON.parse(cross.body).detail).toContain('跨站');
    // 413 before the body is read, 415 for a body that is not JSON, 431 for oversized headers
    const big = await send(base, 'POST', '/api/v1/ingest/disclosures', {
      host: base.host,
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(200 * 1024 * 1024),
    });
    expect([big.status, big.contentType]).toEqual([413, 'application/problem+json; charset=utf-8']);
    const xml = await send(
      base,
      'POST',
      '/api/v1/ingest/disclosures',
      { host: base.host, authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      '<a/>',
    );
    expect(xml.status).toBe(415);
    expect(verdict(xml)).toBeUndefined();
    const headers = await send(base, 'GET', '/api/v1/disclosures', { host: base.host, 'x-big': 'a'.repeat(20_000) });
    expect(headers.status).toBe(431);
    expect(verdict(headers)).toBeUndefined();
    const nul = await send(
      base,
      'POST',
      '/api/v1/disclosures/search',
      { host: base.host, 'content-type': 'application/json' },
      '{"q":"\\u0000"}',
    );
    expect(nul.status).toBe(400);
    expect(JSON.parse(nul.body).detail).toContain('\\u0000');
  });

  it(`${REQUESTS} seeded hostile requests across every route: no 5xx, no hang, problem+json under /api/`, async () => {
    await fuzz(server, token, routes);
  }, 150_000);

  it.runIf(process.env.DATABASE_URL)(
    'the same requests against a portal on PostgreSQL',
    async () => {
      const tdb = await createTestDatabase('PostgreSQL');
      const pg = await startServer({ DATABASE_URL: tdb.url });
      try {
        const created = await runSunlight(['token', 'create', '--agency', 'market'], { DATABASE_URL: tdb.url });
        expect(created.code, created.stderr).toBe(0);
        await fuzz(pg, created.stdout.trim(), routes);
      } finally {
        await pg.stop();
        await tdb.dispose();
      }
    },
    300_000,
  );

  it('a request whose body never arrives is answered 408 (problem+json) and closed within 30 s', async () => {
    const r = await stalled;
    expect(r.status).toBe(408);
    expect(r.contentType).toMatch(/^application\/problem\+json/);
    expect(r.ms).toBeLessThan(31_000);
    expect(r.ms).toBeGreaterThan(20_000);
  }, 60_000);
});
