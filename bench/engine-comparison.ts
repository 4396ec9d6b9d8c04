/**
 * npm run bench:search-engines [-- --docs N] [--seed S] [--only embedded,orama,minisearch,flexsearch]
 *
 * The measurement behind the embedded engine choice (issue 4, item 2): our EmbeddedEngine, Orama,
 * MiniSearch and FlexSearch over the same generated documents (default 100,000) and the same 500-query
 * mix as bench:search. Each library runs in its own child process, so heap and peak RSS are its own.
 * Writes bench/results/engine-comparison.json and bench/results/engine-comparison.md.
 * A benchmark, not a test: nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuery, type SearchQuery } from '@sunlight/search-indexer/query';
import { exactKey, normalise } from '@sunlight/search-indexer/tokenize';
import { ADAPTERS, type AdapterResult } from './lib/adapters.ts';
import { CACHE_DIR, ensureCorpus, loadCorpus } from './lib/corpus.ts';
import { buildMix, MIX_COUNTS } from './lib/mix.ts';
import { searchText } from './lib/pg.ts';
import { arg, byKind, heapUsed, intArg, machine, mib, peakRss, summarise } from './lib/stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = intArg('docs', 100_000);
const SEED = arg('seed', 'sunlight-bench-v1')!;
const LIBS = (arg('only') ?? 'embedded,orama,minisearch,flexsearch').split(',').map((s) => s.trim());
const CHILD = arg('child');
const CHILD_TIMEOUT_S = intArg('child-timeout-s', 3600);
const UPDATES = 1000;
const PASS_BUDGET_S = intArg('pass-budget-s', 900);
const UPDATE_MARKER = 'FC2025Q9';
const UPDATE_BUDGET_S = intArg('update-budget-s', 60);
const log = (s: string) => process.stderr.write(`${s}\n`);
const r2 = (x: number) => Math.round(x * 100) / 100;

interface ChildResult {
  lib: string;
  name: string;
  version: string;
  notes: string[];
  documents: number;
  buildSeconds: number;
  heapDocumentsMiB: number;
  heapAfterBuildMiB: number;
  indexHeapMiB: number;
  indexArrayBuffersMiB: number;
  peakRssMiB: number;
  latencyMs: ReturnType<typeof summarise>;
  latencyByKind: Record<string, ReturnType<typeof summarise>>;
  coldLatencyMs: ReturnType<typeof summarise>;
  totals: number[];
  kinds: string[];
  facets: Record<number, AdapterResult['facets']>;
  correctness: {
    oracleQueries: number;
    distinctTerms: number;
    recall: number;
    precision: number;
    exactSetMatches: number;
    perTerm: Record<string, { oracle: number; found: number; recall: number; precision: number }>;
  };
  exactFirst: { queries: number; exactAtRank1: number; rate: number };
  updates:
    | {
        updateSeconds: number;
        removeSeconds: number;
        updateSecondsPer1000: number;
        removeSecondsPer1000: number;
        count: number;
        updated: number;
        removed: number;
        searchableAfterUpdate: boolean;
        goneAfterRemove: boolean;
      }
    | { error: string };
  errors: string[];
}

// ------------------------------------------------------------------ child: one library

async function child(lib: string, resultFile: string) {
  const make = ADAPTERS[lib];
  if (!make) throw new Error(`unknown library ${lib}`);
  const errors: string[] = [];
  const heap0 = heapUsed();
  const { docs } = await loadCorpus(N, SEED, { log: () => {} });
  const heapDocs = heapUsed();
  const abDocs = process.memoryUsage().arrayBuffers;
  const adapter = make();
  log(`${lib}: building over ${docs.length.toLocaleString('en-US')} documents…`);
  const t0 = performance.now();
  await adapter.build(docs);
  const buildSeconds = (performance.now() - t0) / 1000;
  const heapBuilt = heapUsed();
  const abBuilt = process.memoryUsage().arrayBuffers;
  log(`${lib}: built in ${buildSeconds.toFixed(1)} s, index heap ${mib(heapBuilt - heapDocs)} MiB`);

  const mix = buildMix(docs);
  // Highlights off for every engine: only ours has them.
  const queries = mix.map(
    (m) => (parseQuery({ ...m.input, highlight: false }) as { ok: true; query: SearchQuery }).query,
  );
  const passStart = { t: 0 };
  const runPass = async () => {
    const ms: number[] = [];
    const results: (AdapterResult | null)[] = [];
    passStart.t = performance.now();
    for (let i = 0; i < queries.length; i++) {
      if ((performance.now() - passStart.t) / 1000 > PASS_BUDGET_S) break; // bounded: report what ran
      const t = performance.now();
      try {
        results.push(await adapter.search(queries[i]!));
      } catch (err) {
        results.push(null);
        if (errors.length < 20)
          errors.push(`query ${i} (${mix[i]!.kind} ${JSON.stringify(mix[i]!.input)}): ${(err as Error).message}`);
      }
      ms.push(performance.now() - t);
    }
    return { ms, results };
  };
  const cold = await runPass();
  const coldComplete = cold.ms.length === queries.length;
  // A library too slow to finish one pass within the budget is measured on what it ran.
  const warm = coldComplete ? await runPass() : cold;
  const passComplete = warm.ms.length === queries.length;
  if (!passComplete)
    errors.push(`only ${warm.ms.length} of ${queries.length} queries ran within the ${PASS_BUDGET_S} s pass budget`);
  log(`${lib}: p50 ${summarise(warm.ms).p50} ms, p95 ${summarise(warm.ms).p95} ms`);

  log(`${lib}: correctness against the substring oracle…`);
  // correctness: two-character terms against a brute-force substring oracle
  const texts = docs.map((d) => searchText(d));
  const perTerm: ChildResult['correctness']['perTerm'] = {};
  let tp = 0;
  let found = 0;
  let truth = 0;
  let exactSets = 0;
  const oracleQueries = mix.filter((m) => m.oracleTerm);
  for (const m of oracleQueries) {
    const term = normalise(m.oracleTerm!);
    let stats = perTerm[term];
    if (!stats) {
      const oracle = new Set<string>();
      texts.forEach((t, i) => {
        if (t.includes(term)) oracle.add(docs[i]!.id);
      });
      const got = await adapter.matchAll(m.oracleTerm!);
      let hit = 0;
      for (const id of got) if (oracle.has(id)) hit++;
      stats = perTerm[term] = {
        oracle: oracle.size,
        found: got.size,
        recall: oracle.size ? r2((hit / oracle.size) * 100) / 100 : 1,
        precision: got.size ? r2((hit / got.size) * 100) / 100 : 1,
        hit,
      } as ChildResult['correctness']['perTerm'][string] & { hit: number };
    }
    const s = stats as typeof stats & { hit: number };
    tp += s.hit;
    found += s.found;
    truth += s.oracle;
    if (s.hit === s.oracle && s.found === s.oracle) exactSets++;
  }
  for (const s of Object.values(perTerm)) delete (s as { hit?: number }).hit;

  // exact code / decision-number hits at rank 1
  const byId = new Map(docs.map((d) => [d.id, d]));
  let exactQueries = 0;
  let exactAt1 = 0;
  mix.forEach((m, i) => {
    if (m.kind !== 'code' && m.kind !== 'decisionNo') return;
    exactQueries++;
    const key = exactKey(String(m.input.q));
    const first = warm.results[i]?.ids[0];
    const d = first ? byId.get(first) : undefined;
    if (d && (exactKey(d.decisionNo) === key || (d.partyCreditCode && exactKey(d.partyCreditCode) === key))) exactAt1++;
  });

  const partial = (updates: ChildResult['updates']): ChildResult => ({
    lib,
    name: adapter.name,
    version: adapter.version,
    notes: adapter.notes,
    documents: docs.length,
    buildSeconds: r2(buildSeconds),
    heapDocumentsMiB: mib(heapDocs - heap0),
    heapAfterBuildMiB: mib(heapBuilt),
    indexHeapMiB: mib(heapBuilt - heapDocs),
    indexArrayBuffersMiB: mib(abBuilt - abDocs),
    peakRssMiB: mib(peakRss()),
    latencyMs: summarise(warm.ms),
    latencyByKind: byKind(
      mix.slice(0, warm.ms.length).map((m) => m.kind),
      warm.ms,
    ),
    coldLatencyMs: summarise(cold.ms),
    totals: warm.results.map((r) => (r ? r.total : -1)),
    kinds: mix.map((m) => m.kind),
    facets: Object.fromEntries(mix.flatMap((m, i) => (m.kind === 'faceted' ? [[i, warm.results[i]?.facets]] : []))),
    correctness: {
      oracleQueries: oracleQueries.length,
      distinctTerms: Object.keys(perTerm).length,
      recall: truth ? r2((tp / truth) * 100) / 100 : 1,
      precision: found ? r2((tp / found) * 100) / 100 : 1,
      exactSetMatches: exactSets,
      perTerm,
    },
    exactFirst: { queries: exactQueries, exactAtRank1: exactAt1, rate: exactQueries ? r2(exactAt1 / exactQueries) : 0 },
    updates,
    errors,
  });
  // Written now, so that a library that never finishes its updates still has its other figures reported.
  writeFileSync(
    resultFile,
    JSON.stringify(partial({ error: 'did not finish: the process was stopped during the update phase' })),
  );
  log(`${lib}: incremental updates…`);
  // incremental updates: replace 1,000 documents, then remove 1,000 others
  let updates: ChildResult['updates'];
  try {
    const step = Math.max(1, Math.floor(docs.length / (2 * UPDATES)));
    const changed = Array.from({ length: UPDATES }, (_, k) => docs[(2 * k * step) % docs.length]!).map((d) => ({
      ...d,
      violationFacts: `${d.violationFacts}经复查，当事人已整改完毕（复查编号${UPDATE_MARKER}）。`,
      version: d.version + 1,
    }));
    const removed = Array.from({ length: UPDATES }, (_, k) => docs[((2 * k + 1) * step) % docs.length]!.id);
    // One at a time with a time budget: a library whose updates are very slow is measured on what it did.
    const chunked = async (items: unknown[], fn: (chunk: never[]) => Promise<void>) => {
      const t = performance.now();
      let done = 0;
      while (done < items.length && (performance.now() - t) / 1000 < UPDATE_BUDGET_S) {
        await fn(items.slice(done, done + 1) as never[]);
        done = Math.min(items.length, done + 1);
      }
      return { done, seconds: (performance.now() - t) / 1000 };
    };
    const up = await chunked(changed, (c) => adapter.update(c));
    const rm = await chunked(removed, (c) => adapter.remove(c));
    // every replaced document now carries the marker token; no removed one may still match its decision number
    const after = await adapter.matchAll(UPDATE_MARKER);
    let gone = 0;
    const probes = removed.slice(0, Math.min(50, rm.done));
    for (const id of probes) if (!(await adapter.matchAll(byId.get(id)!.decisionNo)).has(id)) gone++;
    updates = {
      count: UPDATES,
      updated: up.done,
      removed: rm.done,
      updateSeconds: r2(up.seconds),
      removeSeconds: r2(rm.seconds),
      updateSecondsPer1000: r2((up.seconds / Math.max(1, up.done)) * 1000),
      removeSecondsPer1000: r2((rm.seconds / Math.max(1, rm.done)) * 1000),
      searchableAfterUpdate: changed.slice(0, up.done).every((d) => after.has(d.id)),
      goneAfterRemove: gone === probes.length,
    };
  } catch (err) {
    updates = { error: (err as Error).message };
  }

  const result = partial(updates);
  writeFileSync(resultFile, JSON.stringify(result));
}

// ------------------------------------------------------------------ parent

function facetKey(f: AdapterResult['facets'] | undefined): string {
  if (!f) return 'none';
  return JSON.stringify(
    Object.keys(f)
      .sort()
      .map((k) => [
        k,
        [...(f[k as keyof typeof f] ?? [])]
          .sort((a, b) => (a.value < b.value ? -1 : 1))
          .map((c) => `${c.value}:${c.count}`),
      ]),
  );
}

async function parent() {
  await ensureCorpus(N, SEED);
  // --work-dir keeps each library's raw result; with --reuse, a library whose result is already there is not run again.
  const tmpDir = arg('work-dir') ?? join(CACHE_DIR, `engine-comparison-${process.pid}`);
  const reuse = arg('reuse') === 'true';
  mkdirSync(tmpDir, { recursive: true });
  const results: ChildResult[] = [];
  const failures: Record<string, string> = {};
  const self = fileURLToPath(import.meta.url);
  for (const lib of LIBS) {
    const file = join(tmpDir, `${lib}.json`);
    if (reuse && existsSync(file)) {
      log(`\n== ${lib} == (reusing ${file})`);
      results.push(JSON.parse(readFileSync(file, 'utf8')) as ChildResult);
      continue;
    }
    log(`\n== ${lib} ==`);
    const res = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=16384',
        '--import',
        'tsx',
        self,
        '--child',
        lib,
        '--docs',
        String(N),
        '--seed',
        SEED,
        '--result',
        file,
      ],
      { stdio: 'inherit', cwd: ROOT, timeout: CHILD_TIMEOUT_S * 1000 },
    );
    if (res.status !== 0) {
      failures[lib] = res.error ? res.error.message : `exit ${res.status}${res.signal ? ` (${res.signal})` : ''}`;
      log(`${lib}: FAILED ${failures[lib]}`);
      if (!existsSync(file)) continue; // a partial result (everything but the updates) is still reported
    }
    results.push(JSON.parse(readFileSync(file, 'utf8')) as ChildResult);
  }
  if (!arg('work-dir')) rmSync(tmpDir, { recursive: true, force: true });

  const ref = results.find((r) => r.lib === 'embedded');

  const summary = results.map((r) => {
    let agreeTotals: number | null = null;
    let agreeFacets: number | null = null;
    let agreeByKind: Record<string, string> | null = null;
    let facetsWhereTotalsEqual: string | null = null;
    if (ref && r !== ref) {
      agreeTotals = r.totals.filter((t, i) => t === ref.totals[i]).length;
      const k: Record<string, [number, number]> = {};
      r.kinds.forEach((kind, i) => {
        const c = (k[kind] ??= [0, 0]);
        c[1]++;
        if (r.totals[i] === ref.totals[i]) c[0]++;
      });
      agreeByKind = Object.fromEntries(Object.entries(k).map(([kind, [a, n]]) => [kind, `${a}/${n}`]));
      const keys = Object.keys(ref.facets);
      agreeFacets = keys.filter((k) => facetKey(ref.facets[Number(k)]) === facetKey(r.facets[Number(k)])).length;
      const sameTotal = keys.filter((k) => r.totals[Number(k)] === ref.totals[Number(k)]);
      facetsWhereTotalsEqual = `${sameTotal.filter((k) => facetKey(ref.facets[Number(k)]) === facetKey(r.facets[Number(k)])).length}/${sameTotal.length}`;
    }
    return {
      lib: r.lib,
      name: r.name,
      version: r.version,
      buildSeconds: r.buildSeconds,
      indexHeapMiB: r.indexHeapMiB,
      indexArrayBuffersMiB: r.indexArrayBuffersMiB,
      peakRssMiB: r.peakRssMiB,
      p50: r.latencyMs.p50,
      p95: r.latencyMs.p95,
      p99: r.latencyMs.p99,
      recall: r.correctness.recall,
      precision: r.correctness.precision,
      exactFirstRate: r.exactFirst.rate,
      queriesRun: r.latencyMs.count,
      totalsEqualToEmbedded: agreeTotals,
      totalsEqualToEmbeddedByKind: agreeByKind,
      facetsEqualToEmbedded: agreeFacets,
      facetsEqualWhereTotalsEqual: facetsWhereTotalsEqual,
      updates: r.updates,
    };
  });

  const out = {
    benchmark: 'bench:search-engines',
    generatedAt: new Date().toISOString(),
    machine: machine(),
    command: `npm run bench:search-engines -- --docs ${N}`,
    documents: results[0]?.documents ?? null,
    seed: SEED,
    queries: {
      count: 500,
      byKind: MIX_COUNTS,
      highlight: false,
      pageSize: 20,
      note: 'same mix as bench:search (bench/lib/mix.ts); one cold pass, then the measured pass',
    },
    method: {
      isolation:
        'each library in its own node process (--expose-gc); heap = heapUsed after a forced GC, index heap = after build − after loading the documents (the documents array is shared and not counted)',
      correctness:
        'for the single two-character-term queries (no synonyms), the set of matched ids (all of them, no filters) vs a brute-force substring oracle over the same twelve fields; recall/precision are micro-averaged over the queries',
      exactFirst:
        'share of full credit-code and decision-number queries whose first hit is the document with that code/number',
      updates: `replace ${UPDATES} indexed documents, then remove ${UPDATES} others; searchableAfterUpdate/goneAfterRemove check every replaced document / up to 50 removed ones; each phase has a ${UPDATE_BUDGET_S} s budget (per-1000 figures are extrapolated when it ran out)`,
      agreement:
        'totalsEqualToEmbedded: queries (of 500) with the same total as our engine; facetsEqualToEmbedded: faceted queries (of 60) with identical facet counts',
    },
    summary,
    failures,
    details: results.map(({ totals: _t, facets: _f, kinds: _k, ...rest }) => rest),
  };
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'engine-comparison.json'), JSON.stringify(out, null, 2) + '\n');
  writeFileSync(join(dir, 'engine-comparison.md'), markdown(out.summary, out.documents ?? N, failures));
  log(`\nwrote bench/results/engine-comparison.json and .md`);
  log(markdown(out.summary, out.documents ?? N, failures));
}

function markdown(rows: unknown[], docs: number, failures: Record<string, string>): string {
  type Row = {
    name: string;
    version: string;
    buildSeconds: number;
    indexHeapMiB: number;
    indexArrayBuffersMiB: number;
    peakRssMiB: number;
    p50: number;
    p95: number;
    p99: number;
    recall: number;
    precision: number;
    exactFirstRate: number;
    totalsEqualToEmbedded: number | null;
    facetsEqualToEmbedded: number | null;
    queriesRun: number;
    updates: ChildResult['updates'];
  };
  const lines = [
    `Search engine comparison, ${docs.toLocaleString('en-US')} generated disclosures, 500-query mix (\`npm run bench:search-engines\`, ${machine().cores} cores, Node ${process.version}).`,
    '',
    '| Engine | Build (s) | Index memory (MiB): heap + typed arrays | Peak RSS (MiB) | p50 (ms) | p95 (ms) | p99 (ms) | Recall / precision (2-char terms) | Exact code first | Same totals as ours | Same facets as ours | Update 1k / remove 1k (s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: | :---: | :---: | :---: |',
  ];
  for (const r of rows as Row[]) {
    const u = r.updates;
    const partialRun = r.queriesRun < 500 ? ` (${r.queriesRun} of 500 queries ran within the pass budget)` : '';
    const upd =
      'error' in u
        ? 'did not finish one update (stopped after minutes)'
        : u.updated === u.count && u.removed === u.count
          ? `${u.updateSeconds} / ${u.removeSeconds}`
          : `${u.updateSecondsPer1000} / ${u.removeSecondsPer1000} (extrapolated: ${u.updated} and ${u.removed} done in the ${UPDATE_BUDGET_S} s budget)`;
    lines.push(
      `| ${r.name} ${r.version === 'search-indexer' ? '' : r.version} | ${r.buildSeconds} | ${r.indexHeapMiB} + ${r.indexArrayBuffersMiB} | ${r.peakRssMiB} | ${r.p50} | ${r.p95} | ${r.p99}${partialRun} | ${r.recall} / ${r.precision} | ${Math.round(r.exactFirstRate * 100)}% | ${r.totalsEqualToEmbedded ?? '—'}${r.totalsEqualToEmbedded === null ? '' : `/${r.queriesRun}`} | ${r.facetsEqualToEmbedded ?? '—'}${r.facetsEqualToEmbedded === null ? '' : '/60'} | ${upd} |`,
    );
  }
  for (const [lib, why] of Object.entries(failures))
    if (!(rows as Row[]).some((r) => r.name.toLowerCase().startsWith(lib)))
      lines.push(`| ${lib} | failed: ${why} | | | | | | | | | | |`);
  // The conclusion is written by a person from these figures and kept beside the script, so reruns keep it.
  const conclusion = join(ROOT, 'bench/engine-comparison.conclusion.md');
  lines.push(
    '',
    existsSync(conclusion)
      ? readFileSync(conclusion, 'utf8').trim()
      : '_(conclusion: see bench/engine-comparison.conclusion.md)_',
    '',
  );
  return lines.join('\n');
}

if (CHILD) await child(CHILD, arg('result')!);
else await parent();
