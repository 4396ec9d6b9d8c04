/**
 * npm run bench:verify [-- --issue N] [--connections C] [--duration S] [--rate R] [--postgres] [--out FILE]
 *
 * Starts the built portal (bin/serve.mjs, PGlite, sample content) on a free port with a temporary data
 * dir, then measures with autocannon over loopback:
 *
 * 1. Certificate issuance: N (default 2,000) POST /api/v1/ingest/inspections, 8 connections, each for
 *    another enterprise (every request runs all refusal checks, signs and stores a new certificate).
 * 2. Verify API, as many requests as it takes: GET /api/v1/certificates/{no}?t=<jws> on C (default 100)
 *    connections for S (default 20) seconds, cycling through the issued certificates. Every request
 *    checks the Ed25519 signature; the certificate's row comes from the portal's certificate cache.
 * 3. Verify API at a fixed rate R (default 1,500 req/s) on the same C connections: the latency then.
 * 4. Verify page (HTML) /verify/{no}?t=…, as many as it takes (secondary figure).
 * 5. A second portal with SUNLIGHT_CERTIFICATE_CACHE_MS=0: every verification reads the database.
 *
 * For each phase it also reads the portal process's CPU time (/proc/<pid>/stat), so that the CPU cost
 * of one request — and the rate one core could serve — can be told apart from what the shared machine
 * allowed at the time. Writes bench/results/verify.json. A benchmark, not a test: it asserts nothing.
 * autocannon runs in this process and competes with the portal for the same 2 cores.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { chinaIso } from '@sunlight/domain/china-time';
import { runSunlight } from '../tests/helpers/cli.ts';
import { createTestDatabase } from '../tests/helpers/databases.ts';
import { ROOT, startServer, type RunningServer } from '../tests/helpers/server.ts';
import { arg, intArg, machine } from './lib/stats.ts';

const ISSUE = intArg('issue', 2000);
const CONNECTIONS = intArg('connections', 100);
const DURATION = intArg('duration', 20);
const RATE = intArg('rate', 1500);
/** `--postgres`: each portal gets a throwaway database on the server DATABASE_URL points at. */
const POSTGRES = process.argv.includes('--postgres');
const OUT = path.resolve(
  arg('out') ?? path.join(ROOT, `bench/results/${POSTGRES ? 'verify-postgres' : 'verify'}.json`),
);
const RATE_LIMIT = 100_000_000;
const TARGETS = { verifyRequestsPerSecond: 1500, verifyP99Ms: 50, issuancePerSecond: 300 };
const log = (s: string) => process.stderr.write(`${s}\n`);
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

function sample<T>(file: string): T[] {
  return fs
    .readFileSync(path.join(ROOT, 'content/sample', file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);
}

function run(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** CPU time (user + system, ms) of the portal process. */
function cpuMs(server: RunningServer): number {
  const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}

async function measured(server: RunningServer, opts: autocannon.Options) {
  const before = cpuMs(server);
  const loadBefore = load();
  const r = await run(opts);
  const cpu = cpuMs(server) - before;
  return {
    requests: r.requests.total,
    durationSeconds: Math.round(r.duration * 100) / 100,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: Math.round(r.latency.average * 100) / 100,
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    portalCpuMsPerRequest: r.requests.total ? Math.round((cpu / r.requests.total) * 1000) / 1000 : null,
    /** What one fully available core would serve at that CPU cost per request. */
    requestsPerCoreSecond: cpu ? Math.round(r.requests.total / (cpu / 1000)) : null,
    loadAverageBefore: loadBefore,
  };
}

type Phase = Awaited<ReturnType<typeof measured>>;
const line = (p: Phase) =>
  `${p.requestsPerSecond} req/s, p50 ${p.latencyMs.p50} ms, p99 ${p.latencyMs.p99} ms, ${p.non2xx} non-2xx, ` +
  `${p.portalCpuMsPerRequest} ms portal CPU/request (≈ ${p.requestsPerCoreSecond}/s per core), load ${p.loadAverageBefore[0]}`;

async function portal(extra: NodeJS.ProcessEnv): Promise<{ server: RunningServer; token: string }> {
  // The open-data rate limit (300 requests a minute per client by default) would answer most of one
  // load generator's requests with 429; it is lifted for the measurement and said so in the results.
  const rootEnv = process.env.SUNLIGHT_ROOT
    ? {
        SUNLIGHT_ROOT: process.env.SUNLIGHT_ROOT,
        SUNLIGHT_CONTENT_DIR: process.env.SUNLIGHT_CONTENT_DIR ?? path.join(ROOT, 'content/sample'),
      }
    : {};
  const db = POSTGRES ? await createTestDatabase('PostgreSQL') : undefined;
  const dbEnv = { DATABASE_URL: db?.url ?? '' };
  const started = await startServer({ SUNLIGHT_RATE_LIMIT_ANON: String(RATE_LIMIT), ...rootEnv, ...dbEnv, ...extra });
  const server: RunningServer = {
    ...started,
    stop: async () => {
      await started.stop();
      await db?.dispose();
    },
  };
  const cli = await runSunlight(['token', 'create', '--agency', 'market'], {
    SUNLIGHT_DATA_DIR: server.dataDir,
    ...dbEnv,
    ...rootEnv,
  });
  if (cli.code !== 0) throw new Error(cli.stderr);
  return { server, token: cli.stdout.trim() };
}

/** Issues `n` certificates, each for an enterprise market never inspected in the sample (no cap applies). */
async function issueAll(server: RunningServer, token: string, n: number) {
  const inspected = new Set(
    sample<{ agencyId: string; enterpriseCreditCode: string }>('inspections.ndjson')
      .filter((i) => i.agencyId === 'market')
      .map((i) => i.enterpriseCreditCode),
  );
  const enterprises = sample<{ creditCode: string }>('enterprises.ndjson')
    .map((e) => e.creditCode)
    .filter((c) => !inspected.has(c))
    .slice(0, n);
  const inspectors = ['insp-market-002', 'insp-market-005', 'insp-market-006', 'insp-market-007'];
  const items = ['JCSX-000204', 'JCSX-000207', 'JCSX-000209', 'JCSX-000213', 'JCSX-000214'];
  const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  const bodies = enterprises.map((code, i) =>
    JSON.stringify({
      source: '专项',
      agencyId: 'market',
      inspectorIds: [inspectors[i % 4], inspectors[(i + 1) % 4]],
      enterpriseCreditCode: code,
      itemCodes: [items[i % 5], items[(i + 2) % 5]],
      windowStart: chinaIso(start),
      windowEnd: chinaIso(start + 3 * 86_400_000),
      approver: '郑示例',
      reason: '基准测试（示例）',
    }),
  );
  const issued: { api: string; page: string }[] = [];
  let next = 0;
  const pathOf = (url: string) => {
    const u = new URL(url);
    return u.pathname + u.search;
  };
  const phase = await measured(server, {
    url: `${server.url}/api/v1/ingest/inspections`,
    connections: 8,
    amount: bodies.length,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
        onResponse: (status, body) => {
          if (status !== 201) return;
          const r = JSON.parse(body) as { apiUrl: string; verifyUrl: string };
          issued.push({ api: pathOf(r.apiUrl), page: pathOf(r.verifyUrl) });
        },
      },
    ],
  });
  if (!issued.length) throw new Error('no certificate was issued');
  return { phase, issued };
}

const cycle = (paths: string[]) => {
  let i = 0;
  return [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[i++ % paths.length]! }) }];
};

async function main() {
  log('starting the portal (built bundle, PGlite, sample content, temporary data dir)…');
  const { server, token } = await portal({});
  let result: Record<string, unknown>;
  try {
    log(`issuing ${ISSUE} certificates over 8 connections…`);
    const { phase: issuance, issued } = await issueAll(server, token, ISSUE);
    log(`  ${line(issuance)}`);

    // Sanity: a verification answers valid, and a forged signature is not genuine.
    const check = (await (await fetch(`${server.url}${issued[0]!.api}`)).json()) as { status: string };
    const [h, p] = issued[0]!.api.split('?t=')[1]!.split('.');
    const forgedSig = sign(null, Buffer.from(`${h}.${p}`), generateKeyPairSync('ed25519').privateKey).toString(
      'base64url',
    );
    const forged = (await (
      await fetch(`${server.url}${issued[0]!.api.split('?')[0]}?t=${h}.${p}.${forgedSig}`)
    ).json()) as { status: string };
    log(`  check: issued → ${check.status}; forged signature → ${forged.status}`);

    const apis = issued.map((c) => c.api);
    log('warming up the verify API (5 s)…');
    await run({ url: server.url, connections: 10, duration: 5, requests: cycle(apis) });
    log(`verify API: ${CONNECTIONS} connections for ${DURATION} s over ${issued.length} certificates…`);
    const verify = await measured(server, {
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: cycle(apis),
    });
    log(`  ${line(verify)}`);
    log(`verify API at a fixed ${RATE} req/s on ${CONNECTIONS} connections for ${DURATION} s…`);
    const fixed = await measured(server, {
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION,
      overallRate: RATE,
      requests: cycle(apis),
    });
    log(`  ${line(fixed)}`);
    const pageSeconds = Math.max(5, Math.round(DURATION / 2));
    log(`verify page (HTML): ${CONNECTIONS} connections for ${pageSeconds} s…`);
    const page = await measured(server, {
      url: server.url,
      connections: CONNECTIONS,
      duration: pageSeconds,
      requests: cycle(issued.map((c) => c.page)),
    });
    log(`  ${line(page)}`);
    result = { issuance, verify, fixed, page, check: check.status, forged: forged.status, issued: issued.length };
  } finally {
    await server.stop();
  }

  log('second portal with SUNLIGHT_CERTIFICATE_CACHE_MS=0 (every verification reads the database)…');
  const second = await portal({ SUNLIGHT_CERTIFICATE_CACHE_MS: '0' });
  let uncached: Phase;
  try {
    const { issued } = await issueAll(second.server, second.token, Math.min(ISSUE, 500));
    const apis = issued.map((c) => c.api);
    await run({ url: second.server.url, connections: 10, duration: 5, requests: cycle(apis) });
    uncached = await measured(second.server, {
      url: second.server.url,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: cycle(apis),
    });
    log(`  ${line(uncached)}`);
  } finally {
    await second.server.stop();
  }

  const r = result as { issuance: Phase; verify: Phase; fixed: Phase; page: Phase };
  const out = {
    benchmark: 'verify',
    writtenAt: new Date().toISOString(),
    machine: machine(),
    setup: {
      database: POSTGRES
        ? 'PostgreSQL 15 on the same machine (a throwaway database per portal), sample content'
        : 'PGlite (embedded), sample content, fresh temporary data dir',
      loadGenerator: 'autocannon in the benchmark process on the same machine (shares the 2 cores with the portal)',
      rateLimit: `SUNLIGHT_RATE_LIMIT_ANON=${RATE_LIMIT} (the default 300/min per client is lifted for one load generator)`,
      certificatesIssued: result.issued,
      verifyConnections: CONNECTIONS,
      durationSeconds: DURATION,
      fixedRate: RATE,
      note: 'loadAverageBefore shows what else ran; portalCpuMsPerRequest is the portal process’s own CPU time per request',
    },
    targets: TARGETS,
    sanity: { issuedVerifiesAs: result.check, forgedVerifiesAs: result.forged },
    issuance: { ...r.issuance, connections: 8, certificatesPerSecond: r.issuance.requestsPerSecond },
    verifyApi: r.verify,
    verifyApiAtFixedRate: r.fixed,
    verifyApiWithoutCertificateCache: uncached,
    verifyPage: r.page,
    meetsTargets: {
      verifyRequestsPerSecond: r.verify.requestsPerSecond >= TARGETS.verifyRequestsPerSecond,
      verifyP99AtFixedRate: r.fixed.latencyMs.p99 <= TARGETS.verifyP99Ms && r.fixed.requestsPerSecond >= RATE * 0.95,
      verifyP99AtFullLoad: r.verify.latencyMs.p99 <= TARGETS.verifyP99Ms,
      issuancePerSecond: r.issuance.requestsPerSecond >= TARGETS.issuancePerSecond,
    },
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, OUT)}`);
  console.log(JSON.stringify({ meetsTargets: out.meetsTargets }, null, 2));
}

await main();
