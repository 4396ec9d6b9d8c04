/**
 * npm run bench:portal — requests per second and latency of the record page and the search API
 * under 50 concurrent connections, with 100,000 disclosures loaded through the normal start-up path,
 * beside a trivial Node HTTP server measured the same way in the same run (the machine's ceiling).
 * A measurement, not a test: it asserts nothing. Writes bench/results/portal.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { todayInChina } from '@sunlight/domain/china-time';
import { runGenerate } from '../content/generator/generate';
import { machine } from './lib/stats';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const docs = Number(values.docs);
const connections = Number(values.connections);
const duration = Number(values.seconds);
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-bench-portal-'));
const contentDir = path.join(work, 'content');
const log = (s: string) => process.stderr.write(`${s}\n`);

// 1. Content: the sample catalogue plus N generated decisions, published today so that every one the
//    rules allow is public (the generator spreads decisions over five years; most would have expired).
fs.cpSync(path.join(root, 'content/sample'), contentDir, { recursive: true });
const gen = path.join(work, 'gen');
log(`generating ${docs} disclosures…`);
await runGenerate({ disclosures: docs, out: gen, seed: 'sunlight-bench-portal', quiet: true });
const today = todayInChina();
{
  const out = fs.createWriteStream(path.join(contentDir, 'disclosures.ndjson'));
  const lines = readline.createInterface({ input: fs.createReadStream(path.join(gen, 'disclosures.ndjson')) });
  for await (const line of lines) {
    const r = JSON.parse(line) as Record<string, unknown>;
    if (r.decisionDate && (r.decisionDate as string) > today) continue;
    const { withdrawal: _w, correctionNote: _c, ...rest } = r;
    const publicationEndDate = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`; // recomputed at load; only has to be valid
    if (!out.write(`${JSON.stringify({ ...rest, status: 'published', publishedOn: today, publicationEndDate })}\n`))
      await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise((res) => out.end(res));
  fs.copyFileSync(path.join(gen, 'enterprises.ndjson'), path.join(contentDir, 'enterprises.ndjson'));
}

// 2. Start the built portal on that content (loading 100k decisions takes a few minutes).
const port = 4600 + Math.floor(Math.random() * 300);
const url = `http://127.0.0.1:${port}`;
if (!fs.existsSync(path.join(root, 'dist/server/main.mjs'))) throw new Error('run `npm run build` first');
const started = Date.now();
const child = spawn(process.execPath, ['bin/serve.mjs'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: '',
    SUNLIGHT_RATE_LIMIT_ANON: '1000000',
    PORT: String(port),
    HOST: '127.0.0.1',
    SUNLIGHT_DATA_DIR: path.join(work, 'data'),
    SUNLIGHT_CONTENT_DIR: contentDir,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stdout.on('data', (d) => process.stderr.write(`[portal] ${d}`));
child.stderr.on('data', (d) => process.stderr.write(`[portal] ${d}`));
for (;;) {
  if (child.exitCode !== null) throw new Error('portal exited during start-up');
  try {
    if ((await fetch(`${url}/healthz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 1000));
}
const loadSeconds = (Date.now() - started) / 1000;
const health = await (await fetch(`${url}/api/v1/disclosures?pageSize=1`)).json();
log(`portal up after ${loadSeconds.toFixed(0)} s with ${health.total} public decisions`);

// 3. Ids for the record page: the first 10,000 public ids by date.
const ids: string[] = [];
for (let page = 1; ids.length < 10_000 && page <= 100; page++) {
  const res = await (
    await fetch(`${url}/api/v1/disclosures?pageSize=100&sort=date_desc&page=${page}&highlight=false`)
  ).json();
  ids.push(...res.hits.map((h: { id: string }) => h.id));
  if (!res.nextCursor) break;
}
const searches = [
  'q=餐饮',
  'q=消防',
  'q=排污',
  'q=油烟',
  'q=占道',
  'q=食品 过期',
  'q=市监局',
  'q=安全生产 培训',
  'agency=market&category=罚款',
  'field=生态环境&sort=amount_desc',
  'dateFrom=2025-01-01&dateTo=2025-12-31',
  'q=罚款&facets=agency,field,category,year',
  'partyType=个体工商户&page=3',
  'fineMin=10000&fineMax=50000&sort=date_asc',
].map(
  (s) =>
    `/api/v1/disclosures?${s
      .split('&')
      .map((kv) => kv.split('=').map(encodeURIComponent).join('='))
      .join('&')}`,
);

/** `amount`: send that many requests (each path once) instead of running for `duration` seconds. */
async function load(
  name: string,
  paths: string[],
  { target = url, amount, headers }: { target?: string; amount?: number; headers?: Record<string, string> } = {},
) {
  let i = 0;
  log(`${name}: ${connections} connections for ${amount ? `${amount} requests` : `${duration} s`}…`);
  const result = await autocannon({
    url: target,
    connections,
    ...(amount ? { amount } : { duration }),
    ...(headers ? { headers } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

// The record page: every id once (each page made by Astro and kept by the answer cache; this also
// warms the JIT), then the measured run over the same ids; then the same with a cookie, which keeps
// every request away from the cache (the cost of making a page).
const loadAverageBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
const pages = ids.sort(() => 0.5 - Math.random()).map((id) => `/disclosures/${id}`);
const recordPageFirstVisit = await load('record page, first visit of each', pages, { amount: pages.length });
const recordPage = await load('record page', pages);
const recordPageUncached = await load('record page, uncached (cookie)', pages, { headers: { cookie: 'bench=1' } });
const searchApi = await load('search API', searches);
const searchApiUncached = await load('search API, uncached (cookie)', searches, { headers: { cookie: 'bench=1' } });
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));

// 4. The ceiling: a trivial Node HTTP server in its own process, driven the same way.
const trivialPort = port + 300;
const trivial = spawn(
  process.execPath,
  [
    '-e',
    `require('node:http').createServer((q, s) => s.end('ok')).listen(${trivialPort}, '127.0.0.1', () => console.log('up'))`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise((r) => trivial.stdout!.once('data', r));
const trivialServer = await load('trivial node http server', ['/'], { target: `http://127.0.0.1:${trivialPort}` });
trivial.kill('SIGTERM');
await new Promise((r) => trivial.once('exit', r));
if (!values.keep) fs.rmSync(work, { recursive: true, force: true });

const ratio = (a: { requestsPerSecond: number }, b: { requestsPerSecond: number }) =>
  Math.round((a.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000;
const report = {
  benchmark: 'bench:portal',
  generatedAt: new Date().toISOString(),
  machine: machine(),
  command: `npm run bench:portal -- --docs ${docs}`,
  tool: `autocannon (in this process), ${connections} connections, ${duration} s per target, against the built portal (node bin/serve.mjs, PGlite) and a trivial node:http server`,
  loadAverageBeforeRuns: loadAverageBefore,
  disclosures: { generated: docs, public: health.total, startUpSeconds: Math.round(loadSeconds) },
  trivialServer: { ...trivialServer, what: "node:http answering 'ok' to every request, same connections and duration" },
  recordPageFirstVisit: {
    ...recordPageFirstVisit,
    what: `each of ${pages.length} record pages once: made by Astro and kept by the answer cache`,
  },
  recordPage: {
    ...recordPage,
    ofTrivialServer: ratio(recordPage, trivialServer),
    target: { requestsPerSecond: 10_000, p99Ms: 50 },
    met: recordPage.requestsPerSecond >= 10_000 && recordPage.latencyMs.p99 <= 50,
  },
  recordPageUncached: { ...recordPageUncached, ofTrivialServer: ratio(recordPageUncached, trivialServer) },
  searchApi: {
    ...searchApi,
    ofTrivialServer: ratio(searchApi, trivialServer),
    target: { requestsPerSecond: 3_000, p99Ms: 50 },
    met: searchApi.requestsPerSecond >= 3_000 && searchApi.latencyMs.p99 <= 50,
  },
  searchApiUncached: { ...searchApiUncached, ofTrivialServer: ratio(searchApiUncached, trivialServer) },
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/portal.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
