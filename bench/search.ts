/**
 * npm run bench:search [-- --docs N] [--mixed] [--seed S] [--out FILE] [--skip-pg] [--pg-timeout-ms MS] [--pg-budget-s S]
 *
 * Builds the embedded index over N generated disclosures (default 100,000), runs the fixed mix of
 * 500 queries (bench/lib/mix.ts) through parseQuery → engine.search, and the same mix against
 * PostgreSQL (ILIKE + pg_trgm) as the baseline. Writes bench/results/search.json (N = 100,000) or
 * bench/results/search-<N>.json. A benchmark, not a test: it asserts nothing and always exits 0
 * unless something crashes.
 *
 * --mixed [--compare FILE]: N records of every public type (60 % penalties, 25 % permits, 15 % inspection results,
 * bench/lib/mixed.ts), the same 500 queries plus 100 cross-type ones (kind `typed`: type filters, the
 * /search page's facets), compared with the penalty-only figures in bench/results/search.json. Writes
 * bench/results/search-mixed.json (N = 100,000) or search-mixed-<N>.json. No PostgreSQL baseline (it has
 * no type column); --skip-pg is implied.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedEngine } from '@sunlight/search-indexer/engines/embedded';
import { parseQuery, type SearchQuery } from '@sunlight/search-indexer/query';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import { loadCorpusIsolated } from './lib/corpus.ts';
import { buildMix, MIX_COUNTS, type MixQuery, type QueryKind } from './lib/mix.ts';
import { buildTypedMix, loadMixedCorpus, TYPE_SHARES } from './lib/mixed.ts';
import { PgBaseline, type PgLoadFigures } from './lib/pg.ts';
import { progress } from './lib/progress.ts';
import {
  arg,
  byKind,
  fullGc,
  heapUsed,
  intArg,
  label,
  machine,
  mib,
  peakRss,
  summarise,
  type LatencySummary,
} from './lib/stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = intArg('docs', 100_000);
const SEED = arg('seed', 'sunlight-bench-v1')!;
const MIXED = arg('mixed') === 'true';
const NAME = MIXED ? 'search-mixed' : 'search';
const OUT = resolve(
  arg('out') ?? join(ROOT, 'bench/results', N === 100_000 ? `${NAME}.json` : `${NAME}-${label(N)}.json`),
);
const SKIP_PG = MIXED || arg('skip-pg') === 'true';
const TYPED_COUNT = 100;
/** The penalty-only result the mixed run compares itself with (e.g. one run just before on the same machine). */
const COMPARE = resolve(arg('compare') ?? join(ROOT, 'bench/results/search.json'));
const PG_TIMEOUT_MS = intArg('pg-timeout-ms', 120_000);
const PG_BUDGET_S = intArg('pg-budget-s', 3600);
const BATCH = 5000;
const TARGETS = { p95Ms: 20, buildSeconds: 60, peakRssBytes: 1.5e9, atDocs: 100_000 };

const log = (s: string) => process.stderr.write(`${s}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

if (!fullGc()) log('warning: run node with --expose-gc (npm run bench:search does) or heap figures include garbage');

type Kind = QueryKind | 'typed';
type TimedQuery = Omit<MixQuery, 'kind'> & { kind: Kind };

interface PassResult {
  ms: number[];
  /** CPU time (user + system) of this process per query: what the query cost, without the time spent waiting for a core. */
  cpuMs: number[];
  totals: number[];
  firstIds: (string | undefined)[];
}

async function runPass(engine: EmbeddedEngine, mix: TimedQuery[]): Promise<PassResult> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const totals: number[] = [];
  const firstIds: (string | undefined)[] = [];
  for (const m of mix) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const parsed = parseQuery(m.input);
    if (!parsed.ok) throw new Error(`mix query ${m.n} does not parse: ${JSON.stringify(parsed.problems)}`);
    const res = await engine.search(parsed.query);
    ms.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    totals.push(res.total);
    firstIds.push(res.hits[0]?.id);
  }
  return { ms, cpuMs, totals, firstIds };
}

function latencyReport(mix: TimedQuery[], pass: PassResult) {
  return {
    all: summarise(pass.ms),
    byKind: byKind(
      mix.map((m) => m.kind),
      pass.ms,
    ),
  };
}

async function main() {
  const started = performance.now();
  const heap0 = heapUsed();
  const corpus = MIXED ? await loadMixedCorpus(N, SEED) : await loadCorpusIsolated(N, SEED);
  const docs = corpus.docs;
  const heapDocs = heapUsed();
  const rssDocs = process.memoryUsage().rss;
  const abDocs = process.memoryUsage().arrayBuffers;
  log(`corpus: ${docs.length.toLocaleString('en-US')} documents in memory (${mib(heapDocs - heap0)} MiB heap)`);

  // ---- build the embedded index (checkpoints every 250k: memory and, for big runs, the mix)
  const engine = new EmbeddedEngine();
  const checkpointEvery = N >= 500_000 ? 250_000 : 0;
  const checkpoints: Record<string, unknown>[] = [];
  const bar = progress('index', docs.length);
  let buildMs = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    const t = performance.now();
    await engine.upsert(batch);
    buildMs += performance.now() - t;
    bar.update(i + batch.length);
    const indexed = i + batch.length;
    if (checkpointEvery && indexed % checkpointEvery === 0 && indexed < docs.length) {
      bar.stop();
      const heap = heapUsed();
      const cpMix = buildMix(docs.slice(0, indexed));
      await runPass(engine, cpMix); // cold: sort orders and JIT
      const pass = await runPass(engine, cpMix);
      const cp = {
        documents: indexed,
        buildSecondsSoFar: r1(buildMs / 1000),
        heapUsedMiB: mib(heap),
        arrayBuffersMiB: mib(process.memoryUsage().arrayBuffers),
        indexHeapMiB: mib(heap - heapDocs),
        rssMiB: mib(process.memoryUsage().rss),
        peakRssMiB: mib(peakRss()),
        latencyMs: summarise(pass.ms),
        note: 'all N documents are already in memory; indexHeapMiB is the index over the first `documents` of them',
      };
      checkpoints.push(cp);
      log(`checkpoint ${indexed.toLocaleString('en-US')}: ${JSON.stringify(cp)}`);
    }
  }
  bar.stop(docs.length);
  const buildSeconds = buildMs / 1000;
  log(`index: ${docs.length.toLocaleString('en-US')} documents in ${r1(buildSeconds)} s`);

  const heapIndex = heapUsed();
  const rssIndex = process.memoryUsage().rss;
  const abIndex = process.memoryUsage().arrayBuffers;
  const tStats = performance.now();
  const stats = await engine.stats();
  const statsMs = performance.now() - tStats;

  // ---- the mix: one cold pass (first use after a build: sort orders, JIT), then the measured pass
  const standard = buildMix(docs);
  const mix: TimedQuery[] = MIXED
    ? [
        ...standard,
        ...buildTypedMix(docs, TYPED_COUNT).map((input, i) => ({
          n: standard.length + i,
          kind: 'typed' as const,
          input,
        })),
      ]
    : standard;
  const kindCounts: Partial<Record<Kind, number>> = { ...MIX_COUNTS, ...(MIXED ? { typed: TYPED_COUNT } : {}) };
  log(
    `mix: ${mix.length} queries (${Object.entries(kindCounts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  const cold = await runPass(engine, mix);
  const warm = await runPass(engine, mix);
  const embeddedPeakRss = peakRss();
  const embedded = latencyReport(mix, warm);
  log(
    `embedded: p50 ${embedded.all.p50} ms, p95 ${embedded.all.p95} ms, p99 ${embedded.all.p99} ms (cold p95 ${summarise(cold.ms).p95} ms)`,
  );
  // Freshness cost: the first landing-page query (no q → newest first) after a one-document change
  // re-sorts the whole index, because every upsert/remove drops the cached sort orders.
  const landingFacets: SearchQuery['facets'] = MIXED
    ? ['type', 'agency', 'field', 'category', 'partyType', 'region', 'year']
    : ['agency', 'field', 'category', 'year'];
  const landing = (parseQuery({ facets: landingFacets }) as { ok: true; query: SearchQuery }).query;
  const changed = { ...docs[Math.floor(docs.length / 2)]!, version: Date.now() };
  const tUpsert = performance.now();
  await engine.upsert([changed]);
  const upsertOneMs = performance.now() - tUpsert;
  const tFirst = performance.now();
  await engine.search(landing);
  const firstAfterChangeMs = performance.now() - tFirst;
  const tSecond = performance.now();
  await engine.search(landing);
  const secondAfterChangeMs = performance.now() - tSecond;
  log(`after a one-document upsert: landing query ${r2(firstAfterChangeMs)} ms, then ${r2(secondAfterChangeMs)} ms`);
  const slowest = warm.ms
    .map((ms, i) => ({ ms: r2(ms), kind: mix[i]!.kind, input: mix[i]!.input, total: warm.totals[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12);

  // ---- PostgreSQL baseline
  let postgres: Record<string, unknown> = { skipped: true, reason: '--skip-pg' };
  if (MIXED) postgres = { skipped: true, reason: '--mixed: the PostgreSQL baseline has no type column' };
  else if (!SKIP_PG) postgres = await runPostgres(docs, standard, warm, embedded.all);

  const finalPeakRss = peakRss();
  const at100k = docs.length >= TARGETS.atDocs * 0.99 && docs.length <= TARGETS.atDocs * 1.01;
  const targets = {
    scope: at100k
      ? 'these targets are defined at 100,000 documents'
      : `targets are defined at 100,000 documents; this run has ${docs.length.toLocaleString('en-US')}, so "held" says whether the same numbers would still hold at this size`,
    embeddedP95Ms: { target: TARGETS.p95Ms, actual: embedded.all.p95, held: embedded.all.p95 <= TARGETS.p95Ms },
    buildSeconds: {
      target: TARGETS.buildSeconds,
      actual: r1(buildSeconds),
      held: buildSeconds <= TARGETS.buildSeconds,
    },
    peakRssBytes: {
      target: TARGETS.peakRssBytes,
      actual: embeddedPeakRss,
      actualMiB: mib(embeddedPeakRss),
      held: embeddedPeakRss <= TARGETS.peakRssBytes,
      note: 'process maxRSS after loading the documents, building the index and running the mix twice (before the PostgreSQL phase); 1.5 GB taken as 1.5e9 bytes',
    },
  };

  const result = {
    benchmark: 'bench:search',
    generatedAt: new Date().toISOString(),
    machine: machine(),
    command: `npm run bench:search -- --docs ${N}${MIXED ? ' --mixed' : ''}`,
    documents: docs.length,
    corpus: corpus.meta,
    ...(MIXED ? { typeShares: TYPE_SHARES } : {}),
    queries: {
      count: mix.length,
      byKind: kindCounts,
      seed: 'bench/lib/mix.ts',
      timing:
        'each query timed end to end: parseQuery(input) + engine.search(query), highlights on (the API default), pageSize 20',
    },
    embedded: {
      indexBuildSeconds: r2(buildSeconds),
      docsPerSecond: Math.round(docs.length / buildSeconds),
      batchSize: BATCH,
      indexBytes: stats.bytes,
      indexMiBFromStats: mib(stats.bytes ?? 0),
      statsCallMs: Math.round(statsMs),
      heap: {
        note: 'heapUsed after a forced full GC (node --expose-gc)',
        beforeMiB: mib(heap0),
        documentsLoadedMiB: mib(heapDocs),
        indexBuiltMiB: mib(heapIndex),
        documentsMiB: mib(heapDocs - heap0),
        indexOverDocumentsMiB: mib(heapIndex - heapDocs),
        documentsPlusIndexMiB: mib(heapIndex - heap0),
      },
      arrayBuffers: {
        note: "the engine's postings are typed arrays, whose backing stores live outside the V8 heap: heapUsed does not include them, RSS does",
        afterDocumentsMiB: mib(abDocs),
        afterIndexMiB: mib(abIndex),
        indexMiB: mib(abIndex - abDocs),
      },
      rss: { afterDocumentsMiB: mib(rssDocs), afterIndexMiB: mib(rssIndex), peakMiB: mib(embeddedPeakRss) },
      latencyMs: embedded,
      cpuMs: {
        note: 'process CPU time (user + system) per query in the measured pass: on a loaded machine wall-clock latency includes waiting for a core, CPU time does not (it does include GC work on helper threads)',
        ...latencyReport(mix, { ...warm, ms: warm.cpuMs }),
      },
      coldPassLatencyMs: summarise(cold.ms),
      slowestQueries: slowest,
      afterOneDocumentUpsert: {
        note: 'landing page query (no q, newest first, four facets) right after upserting one document, then again',
        upsertMs: r2(upsertOneMs),
        firstQueryMs: r2(firstAfterChangeMs),
        secondQueryMs: r2(secondAfterChangeMs),
      },
      checkpoints,
    },
    ...(MIXED ? { comparedWithPenaltiesOnly: comparison(standard.length, warm, buildSeconds, embeddedPeakRss) } : {}),
    postgres,
    targets,
    processPeakRssMiB: mib(finalPeakRss),
    wallSeconds: Math.round((performance.now() - started) / 1000),
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${OUT}`);
  log(
    `targets: p95 ${embedded.all.p95} ms (≤ ${TARGETS.p95Ms}: ${targets.embeddedP95Ms.held ? 'held' : 'MISSED'}), build ${r1(buildSeconds)} s (≤ ${TARGETS.buildSeconds}: ${targets.buildSeconds.held ? 'held' : 'MISSED'}), peak RSS ${mib(embeddedPeakRss)} MiB (≤ 1.5 GB: ${targets.peakRssBytes.held ? 'held' : 'MISSED'})`,
  );
}

/**
 * The mixed run against the penalty-only figures in bench/results/search.json: the same 500-query mix
 * (the first `standard` queries of this run) over 100,000 records of three types instead of penalties alone.
 */
function comparison(standard: number, warm: PassResult, buildSeconds: number, peak: number) {
  const file = COMPARE;
  let before: {
    generatedAt: string;
    documents: number;
    machine: { loadAverage: number[] };
    embedded: {
      indexBuildSeconds: number;
      rss: { peakMiB: number };
      latencyMs: { all: LatencySummary };
      cpuMs?: { all: LatencySummary };
    };
  };
  try {
    before = JSON.parse(readFileSync(file, 'utf8')) as typeof before;
  } catch {
    return { note: `${file} not found` };
  }
  const same = summarise(warm.ms.slice(0, standard));
  return {
    note: `penaltiesOnly: ${relative(ROOT, file)} (its own machine load); mixed: this run. sameMix is the 500-query mix both ran; allWithTyped adds the 100 cross-type queries`,
    penaltiesOnly: {
      generatedAt: before.generatedAt,
      documents: before.documents,
      loadAverage: before.machine.loadAverage,
      buildSeconds: before.embedded.indexBuildSeconds,
      peakRssMiB: before.embedded.rss.peakMiB,
      latencyMs: before.embedded.latencyMs.all,
      ...(before.embedded.cpuMs ? { cpuMs: before.embedded.cpuMs.all } : {}),
    },
    mixed: {
      buildSeconds: r2(buildSeconds),
      peakRssMiB: mib(peak),
      sameMixLatencyMs: same,
      sameMixCpuMs: summarise(warm.cpuMs.slice(0, standard)),
      allWithTypedLatencyMs: summarise(warm.ms),
      allWithTypedCpuMs: summarise(warm.cpuMs),
    },
  };
}

async function runPostgres(docs: SearchDoc[], mix: MixQuery[], embeddedPass: PassResult, embedded: LatencySummary) {
  const pgb = new PgBaseline({ statementTimeoutMs: PG_TIMEOUT_MS });
  const onSignal = () => {
    void pgb.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await pgb.open();
    log(`pg: loading ${docs.length.toLocaleString('en-US')} documents into throwaway database ${pgb.database}`);
    const load: PgLoadFigures = await pgb.load(docs);
    log(`pg: loaded in ${r1(load.loadSeconds)} s, indexed in ${r1(load.indexSeconds)} s`);
    const parsed = mix.map((m) => (parseQuery(m.input) as { ok: true; query: SearchQuery }).query);
    const ms: number[] = [];
    const kinds: QueryKind[] = [];
    const ratios: number[] = [];
    const agree: Record<string, { equalTotals: number; queries: number }> = {};
    let timeouts = 0;
    let ran = 0;
    const budgetStart = performance.now();
    const bar = progress('pg mix', mix.length);
    for (let i = 0; i < mix.length; i++) {
      if ((performance.now() - budgetStart) / 1000 > PG_BUDGET_S) break;
      const t = performance.now();
      const res = await pgb.search(parsed[i]!);
      const dt = performance.now() - t;
      ran++;
      bar.update(i + 1);
      const kind = mix[i]!.kind;
      if (!res) {
        timeouts++;
        continue;
      }
      ms.push(dt);
      kinds.push(kind);
      ratios.push(dt / Math.max(embeddedPass.ms[i]!, 0.001));
      const a = (agree[kind] ??= { equalTotals: 0, queries: 0 });
      a.queries++;
      if (res.total === embeddedPass.totals[i]) a.equalTotals++;
    }
    bar.stop(ran);
    const all = summarise(ms);
    const perQueryRatios = summarise(ratios);
    log(
      `pg: p50 ${all.p50} ms, p95 ${all.p95} ms, p99 ${all.p99} ms over ${ms.length} queries (${timeouts} timed out)`,
    );
    const explainTwoChar = await pgb.explain(parsed[mix.findIndex((m) => m.kind === 'term')]!);
    return {
      skipped: false,
      database: `${load.database} (created for this run and dropped after it)`,
      method:
        "one SQL statement per query: WITH m AS MATERIALIZED (SELECT … FROM docs WHERE (search ILIKE '%t1%' [OR synonym] AND …) OR exact-code-match AND filters) SELECT count, page ids (ORDER BY … LIMIT/OFFSET) and facet counts (GROUP BY) from m. search = the engine's indexed fields, NFKC-lowercased, one per line; GIN pg_trgm index on it; btree/GIN on filter columns. Relevance = exact code first, then newest.",
      loadSeconds: r2(load.loadSeconds),
      indexBuildSeconds: r2(load.indexSeconds),
      tableMiB: mib(load.tableBytes),
      trgmIndexMiB: mib(load.trgmIndexBytes),
      totalMiB: mib(load.totalBytes),
      statementTimeoutMs: PG_TIMEOUT_MS,
      budgetSeconds: PG_BUDGET_S,
      queriesRun: ran,
      queriesTimedOut: timeouts,
      queriesNotRunBudget: mix.length - ran,
      latencyMs: { all, byKind: byKind(kinds, ms) },
      ratioPgOverEmbedded: {
        p50: r1(all.p50 / embedded.p50),
        p95: r1(all.p95 / embedded.p95),
        p99: r1(all.p99 / embedded.p99),
        mean: r1(all.mean / embedded.mean),
        perQueryMedian: r1(perQueryRatios.p50),
        note: 'PostgreSQL latency ÷ embedded (measured pass) latency; >1 means the embedded engine is faster',
      },
      totalsAgreeWithEmbedded: {
        byKind: agree,
        note: 'equal totals for the same query. Two-character terms and codes should agree exactly; terms of 3+ characters match all their bigrams in the engine (anywhere in the document) but a contiguous substring in ILIKE, so the engine finds a superset there.',
      },
      explainTwoCharTerm: explainTwoChar,
    };
  } finally {
    await pgb.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

await main();
