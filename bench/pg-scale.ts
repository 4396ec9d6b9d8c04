/**
 * npm run bench:pg-scale -- --sizes 100000,1000000,10000000 — the portal's hot PostgreSQL queries as the
 * disclosures table grows. A measurement, not a test. Writes bench/results/pg-scale.json and .md.
 *
 * One throwaway database: the sample content (agencies, laws, discretion lists, enterprises, permits,
 * inspection results) seeded the normal way, then generated disclosures COPYed in step by step up to
 * each size (the same database grows; nothing is reloaded). At each size it times the portal's own
 * functions: the record page, the enterprise page, a filtered listing (page 1 and a deep page), the
 * change feed read from cursor 0 and the CSV export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { generateDisclosures } from '../content/generator/stream.ts';
import { Random } from '../content/generator/random.ts';
import { REFERENCE_DATE } from '../content/generator/reference.ts';
import { pagedDecisions } from '../portal/server/catalogue/discretion.ts';
import { loadConfig } from '../portal/server/config.ts';
import { seedContent } from '../portal/server/content/seed.ts';
import { migrate } from '../portal/server/db/migrate.ts';
import type { Db } from '../portal/server/db/types.ts';
import {
  agencyRef,
  discretionSummary,
  enterpriseView,
  lawTitles,
  lookupDisclosure,
} from '../portal/server/disclosures/read.ts';
import { changesSince, publicChangeEvents } from '../portal/server/opendata/changes.ts';
import { exportStream } from '../portal/server/opendata/export.ts';
import { latestChange } from '../portal/server/records/change-log.ts';
import { createTestDatabase } from '../tests/helpers/databases.ts';
import { tableAccess } from '../tests/helpers/query-plans.ts';
import { progress } from './lib/progress.ts';
import {
  CHANGE_COLUMNS,
  copyRow,
  DISCLOSURE_COLUMNS,
  ENTERPRISE_COLUMNS,
  scaleRow,
  type ScaleRow,
} from './lib/scale-rows.ts';
import { arg, countLineFeeds, intArg, label, machine, mib, summarise, type LatencySummary } from './lib/stats.ts';

process.env.DATABASE_URL ??= process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sizes = (arg('sizes') ?? '100000,1000000,10000000')
  .split(',')
  .map((s) => Number(s.replace(/_/g, '')))
  .sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes: comma-separated positive integers');
const seed = arg('seed') ?? 'sunlight-pg-scale-v1';
/** Loading stops (at a whole chunk) once this many minutes have passed; the size reached is then measured. */
const budgetMinutes = intArg('budget-minutes', 24 * 60);
const samples = intArg('samples', 300);
/**
 * Past this many records, each generated record is loaded `copies` more times under its own decision number,
 * id and party (copyRow): the generator makes about 2,300 records/s here, which would take hours for 10^7.
 */
const genuineUpTo = intArg('genuine-up-to', 1_000_000);
const copies = intArg('copies', 9);
if (copies < 0 || copies > 9) throw new Error('--copies: 0 to 9');
const out = path.resolve(import.meta.dirname, 'results', arg('out') ?? 'pg-scale.json');
const SITE = 'https://sunlight.example.org';
const CHUNK = 5000;
const PAGE = 20;
const DEEP_PAGE = 10;
const FEED_PAGE = 1000;
const log = (s: string) => process.stderr.write(`${s}\n`);
const startedAt = performance.now();
const minutesUsed = () => (performance.now() - startedAt) / 60_000;

const tdb = await createTestDatabase('PostgreSQL');
let disposed = false;
const dispose = async () => {
  if (disposed) return;
  disposed = true;
  await tdb.dispose().catch((e: Error) => log(`could not drop the bench database: ${e.message}`));
};
process.once('SIGINT', () => void dispose().then(() => process.exit(130)));
const db = await tdb.open();
const copyClient = new pg.Client({ connectionString: tdb.url });
await copyClient.connect();
await copyClient.query(
  `CREATE TEMP TABLE enterprises_in (credit_code text, name text, type text, region text, data jsonb)`,
);

/** A uniform sample of everything loaded so far, in bounded memory (reservoir sampling). */
class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  constructor(
    private readonly size: number,
    private readonly rng: Random,
  ) {}
  add(x: T) {
    this.seen++;
    if (this.items.length < this.size) this.items.push(x);
    else {
      const j = this.rng.int(0, this.seen - 1);
      if (j < this.size) this.items[j] = x;
    }
  }
}
const rng = new Random(`${seed}/sample`);
const loadedRows = new Reservoir<Pick<ScaleRow, 'id' | 'agencyId' | 'creditCode' | 'decisionDate'>>(5000, rng);

async function copy(table: string, columns: string, text: string): Promise<void> {
  if (text) await pipeline(Readable.from([text]), copyClient.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
}

interface TableSizes {
  disclosures: number;
  changes: number;
  enterprises: number;
  database: number;
  rows: number;
  events: number;
  enterpriseRows: number;
}

async function tableSizes(): Promise<TableSizes> {
  const [row] = await db.query<TableSizes>(
    `SELECT pg_total_relation_size('disclosures')::int8 AS disclosures, pg_total_relation_size('record_changes')::int8 AS changes,
            pg_total_relation_size('enterprises')::int8 AS enterprises, pg_database_size(current_database())::int8 AS database,
            (SELECT count(*) FROM disclosures)::int8 AS rows, (SELECT count(*) FROM record_changes)::int8 AS events,
            (SELECT count(*) FROM enterprises)::int8 AS "enterpriseRows"`,
  );
  return row!;
}

// ---- schema and the sample's catalogue, seeded the way the portal starts
await migrate(db);
const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-pg-scale-content-'));
fs.cpSync(path.resolve(import.meta.dirname, '../content/sample'), contentDir, { recursive: true });
let t0 = performance.now();
await seedContent(db, loadConfig({ SUNLIGHT_CONTENT_DIR: contentDir, SUNLIGHT_DATA_DIR: contentDir }), () => {}, {
  now: REFERENCE_DATE,
});
fs.rmSync(contentDir, { recursive: true, force: true });
const seedSeconds = (performance.now() - t0) / 1000;
const baseline = await tableSizes();
log(
  `sample content seeded in ${seedSeconds.toFixed(1)} s: ${baseline.rows} disclosures, ${baseline.events} change events`,
);

interface LoadStep {
  /** Records made: generated ones and their copies (skipped ones count too: they are part of the size). */
  generated: number;
  /** Copies of each generated record in this step (0: every record generated). */
  copies: number;
  rows: number;
  skipped: Record<string, number>;
  statuses: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  rssMaxMiB: number;
  vacuumAnalyzeSeconds: number;
}

/**
 * Generates `count` records (stream `batch`), each with `copyCount` copies, and COPYs them, a chunk at a time:
 * memory stays flat.
 */
async function load(count: number, batch: number, copyCount: number): Promise<LoadStep & { stoppedByBudget: boolean }> {
  const started = performance.now();
  const bar = progress(`load ${batch}`, count);
  const skipped: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  let generated = 0;
  let rows = 0;
  let rssMax = 0;
  let stoppedByBudget = false;
  let pending: Promise<void> = Promise.resolve();
  const each = 1 + copyCount;
  const items = generateDisclosures({
    count: Math.ceil(count / each),
    seed: `${seed}/${batch}`,
    referenceDate: REFERENCE_DATE,
  });
  for (;;) {
    let disclosures = '';
    let changes = '';
    let enterprises = '';
    let n = 0;
    while (n < CHUNK) {
      const next = items.next();
      if (next.done) break;
      const item = next.value;
      generated += each;
      n += each - 1;
      const made = scaleRow(item, batch + 1, DEFAULT_PUBLICATION_RULES);
      if ('skipped' in made) skipped[made.skipped] = (skipped[made.skipped] ?? 0) + each;
      else
        for (let k = 0; k < each; k++) {
          const row = k ? copyRow(made, k) : made;
          disclosures += row.disclosure;
          changes += row.change;
          if (row.enterprise) enterprises += row.enterprise;
          statuses[row.status] = (statuses[row.status] ?? 0) + 1;
          loadedRows.add({
            id: row.id,
            agencyId: row.agencyId,
            creditCode: row.creditCode,
            decisionDate: row.decisionDate,
          });
          rows++;
        }
      // Let the previous chunk's COPY reach the socket while this one is generated.
      if (++n % 250 === 0) await yieldToIo();
    }
    await pending;
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    bar.update(generated);
    if (!n) break;
    pending = (async () => {
      // Enterprises before the disclosures that name them, and the change log after its records.
      // Credit codes of another stream may repeat one already stored: kept as the portal's upsert keeps them.
      await copy('enterprises_in', ENTERPRISE_COLUMNS, enterprises);
      await copyClient.query(
        `INSERT INTO enterprises (${ENTERPRISE_COLUMNS}) SELECT ${ENTERPRISE_COLUMNS} FROM enterprises_in ON CONFLICT DO NOTHING; TRUNCATE enterprises_in`,
      );
      await copy('disclosures', DISCLOSURE_COLUMNS, disclosures);
      await copy('record_changes', CHANGE_COLUMNS, changes);
    })();
    pending.catch(() => {}); // awaited (and thrown) before the next chunk; not an unhandled rejection meanwhile
    if (minutesUsed() > budgetMinutes) {
      stoppedByBudget = true;
      break;
    }
  }
  await pending;
  bar.stop(generated);
  const seconds = (performance.now() - started) / 1000;
  t0 = performance.now();
  await db.query('VACUUM (ANALYZE) disclosures, record_changes, enterprises');
  return {
    generated,
    copies: copyCount,
    rows,
    skipped,
    statuses,
    seconds: r1(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    rssMaxMiB: mib(rssMax),
    vacuumAnalyzeSeconds: r1((performance.now() - t0) / 1000),
    stoppedByBudget,
  };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

async function timed(n: number, run: (i: number) => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < Math.min(20, n); i++) await run(n + i); // warm-up: connections, plans, caches
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    ms.push(performance.now() - t);
  }
  return summarise(ms);
}

const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;

/** What /disclosures/{id} reads: the record (or its tombstone), then its agency, laws and discretion item. */
async function recordPage(id: string): Promise<void> {
  const found = await lookupDisclosure(db, id);
  if (found.kind !== 'public') return;
  const d = found.record;
  await agencyRef(db, d.agencyId);
  await lawTitles(db, [...new Set((d.basisRefs ?? []).map((b) => b.lawCode))]);
  if (d.discretionItemId) await discretionSummary(db, d.discretionItemId);
}

type Sampled = (typeof loadedRows.items)[number];

/** A filtered listing: the public decisions of the row's agency in the row's decision year, newest first. */
function listing(d: Db, r: Sampled, page: number) {
  const year = r.decisionDate.slice(0, 4);
  return pagedDecisions(
    d,
    'd.agency_id = $1 AND d.decision_date >= $2::date AND d.decision_date <= $3::date',
    [r.agencyId, `${year}-01-01`, `${year}-12-31`],
    page,
    PAGE,
  );
}

const BIG_TABLES = new Set(['disclosures', 'record_changes', 'enterprises', 'permits', 'inspection_results']);

/** How each hot query reads the big tables at this size: "table: index" or "table: Seq Scan", per statement. */
async function hotPlans(rows: Sampled[], withCode: Sampled[]) {
  const access = async (run: (d: Db) => Promise<unknown>) =>
    (await tableAccess(db, run)).map((s) =>
      s.access
        .filter((a) => BIG_TABLES.has(a.relation))
        .map((a) => `${a.relation}: ${a.index ?? a.type}`)
        .join(', '),
    );
  return {
    recordPage: await access((d) => lookupDisclosure(d, rows[0]!.id)),
    enterprisePage: await access((d) => enterpriseView(d, withCode[0]!.creditCode!)),
    listing: await access((d) => listing(d, rows[0]!, DEEP_PAGE)),
    changeFeedPage: await access(async (d) => {
      await latestChange(d);
      await publicChangeEvents(d, await changesSince(d, 0, FEED_PAGE), SITE);
    }),
    exportBatch: await access(async (d) => {
      const reader = exportStream(d, {}, 'csv', SITE).getReader();
      await reader.read(); // the header
      await reader.read(); // the first batch
      await reader.cancel();
    }),
  };
}

async function measure() {
  const rows = loadedRows.items;
  const withCode = rows.filter((r) => r.creditCode);
  const plans = await hotPlans(rows, withCode);
  const recordPageMs = await timed(samples, (i) => recordPage(pick(rows, i).id));
  const enterprisePageMs = await timed(samples, (i) => enterpriseView(db, pick(withCode, i).creditCode!));
  const listingPage1Ms = await timed(samples, (i) => listing(db, pick(rows, i), 1));
  const listingDeepMs = await timed(samples, (i) => listing(db, pick(rows, i), DEEP_PAGE));

  // Change feed from cursor 0, page by page, doing what GET /api/v1/changes does for each page.
  const feedMs: number[] = [];
  let cursor = 0;
  let events = 0;
  let t = performance.now();
  for (;;) {
    const p = performance.now();
    await latestChange(db);
    const page = await changesSince(db, cursor, FEED_PAGE);
    if (!page.length) break;
    await publicChangeEvents(db, page, SITE);
    feedMs.push(performance.now() - p);
    events += page.length;
    cursor = page[page.length - 1]!.seq;
  }
  const feedSeconds = (performance.now() - t) / 1000;

  // The CSV export to a discarding sink, sampling RSS as it goes.
  let exportRss = 0;
  let lines = 0;
  let bytes = 0;
  t = performance.now();
  const reader = exportStream(db, {}, 'csv', SITE).getReader();
  for (let chunks = 0; ; chunks++) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    lines += countLineFeeds(value);
    if (chunks % 10 === 0) exportRss = Math.max(exportRss, process.memoryUsage().rss);
  }
  const exportSeconds = (performance.now() - t) / 1000;
  return {
    plans,
    recordPage: recordPageMs,
    enterprisePage: enterprisePageMs,
    listingPage1: listingPage1Ms,
    listingDeepPage: listingDeepMs,
    changeFeed: {
      events,
      seconds: r1(feedSeconds),
      eventsPerSecond: Math.round(events / feedSeconds),
      pageSize: FEED_PAGE,
      pageMs: summarise(feedMs),
    },
    export: {
      rows: lines - 2,
      megabytes: mib(bytes),
      seconds: r1(exportSeconds),
      rowsPerSecond: Math.round((lines - 2) / exportSeconds),
      rssMaxMiB: mib(exportRss),
    },
  };
}

type Point = { size: number; partial: boolean; load: LoadStep; tables: TableSizes } & Awaited<
  ReturnType<typeof measure>
>;
const points: Point[] = [];
let generatedSoFar = 0;
let budgetHit = false;
try {
  for (const [batch, size] of sizes.entries()) {
    if (budgetHit) break;
    const step = await load(size - generatedSoFar, batch, generatedSoFar >= genuineUpTo ? copies : 0);
    generatedSoFar += step.generated;
    budgetHit = step.stoppedByBudget;
    const { stoppedByBudget: _s, ...loadFigures } = step;
    const tables = await tableSizes();
    log(
      `${label(generatedSoFar)}: ${tables.rows.toLocaleString('en-US')} disclosures, ${mib(tables.database)} MiB; measuring…`,
    );
    const figures = await measure();
    points.push({ size: generatedSoFar, partial: budgetHit, load: loadFigures, tables, ...figures });
    log(
      `  p95 ms: record ${figures.recordPage.p95}, enterprise ${figures.enterprisePage.p95}, listing ${figures.listingPage1.p95}/${figures.listingDeepPage.p95}, feed page ${figures.changeFeed.pageMs.p95}; feed ${figures.changeFeed.eventsPerSecond}/s, export ${figures.export.rowsPerSecond}/s`,
    );
    writeResults();
  }
} finally {
  await copyClient.end();
  await dispose();
}
writeResults();

function writeResults() {
  const report = {
    benchmark: 'bench:pg-scale',
    generatedAt: new Date().toISOString(),
    machine: machine(),
    command: `npm run bench:pg-scale -- --sizes ${sizes.join(',')}${arg('budget-minutes') ? ` --budget-minutes ${budgetMinutes}` : ''}${arg('genuine-up-to') ? ` --genuine-up-to ${genuineUpTo}` : ''}${arg('copies') ? ` --copies ${copies}` : ''}`,
    seed,
    requestedSizes: sizes,
    largestSize: points.at(-1)?.size ?? 0,
    stoppedByBudget: budgetHit,
    sampleContent: { seconds: r1(seedSeconds), ...baseline },
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    method: {
      size: 'generated disclosures (content/generator/stream.ts); rows = those the portal stores (not_published and held_for_review are skipped as storeDisclosure would), on top of the seeded sample',
      copies: `a loading step that starts at or past ${genuineUpTo.toLocaleString('en-US')} records loads each generated record and ${copies} copies of it (bench/lib/scale-rows.ts copyRow): the same text under its own decision number, id and party credit code (another division), with its own enterprise row. Records per enterprise stay as generated; records per agency and decision year grow with the size`,
      samplesPerQuery: samples,
      recordPage:
        'lookupDisclosure + agencyRef + lawTitles + discretionSummary (what /disclosures/{id} awaits), random loaded ids, any status',
      enterprisePage: 'enterpriseView (what /enterprises/{code} awaits), random loaded credit codes',
      listing: `pagedDecisions (public decisions newest first, total counted up to TOTAL_CAP = 10,000): agency + one decision year, ${PAGE} per page, page 1 and page ${DEEP_PAGE}`,
      changeFeed: `latestChange + changesSince + publicChangeEvents per page of ${FEED_PAGE} (what GET /api/v1/changes does), from cursor 0 to the end`,
      export: 'exportStream(csv) of the whole public set to a discarding sink',
    },
    points,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(out.replace(/\.json$/, '.md'), markdown(report));
}

function markdown(report: { machine: ReturnType<typeof machine>; command: string; stoppedByBudget: boolean }): string {
  const q = [
    ['record page', (p: Point) => p.recordPage],
    ['enterprise page', (p: Point) => p.enterprisePage],
    ['listing, page 1', (p: Point) => p.listingPage1],
    [`listing, page ${DEEP_PAGE}`, (p: Point) => p.listingDeepPage],
    [`change feed, page of ${FEED_PAGE}`, (p: Point) => p.changeFeed.pageMs],
  ] as const;
  const head = `| query | ${points.map((p) => `${label(p.size)}${p.partial ? ' (partial)' : ''}`).join(' | ')} |`;
  const rule = `| --- | ${points.map(() => '---:').join(' | ')} |`;
  const lat = q.map(
    ([name, f]) =>
      `| ${name} p50 / p95 / p99 ms | ${points.map((p) => `${f(p).p50} / **${f(p).p95}** / ${f(p).p99}`).join(' | ')} |`,
  );
  const first = points[0];
  const curve = q.map(
    ([name, f]) =>
      `| ${name} | ${points.map((p) => `${f(p).p95}${first ? ` (×${(f(p).p95 / f(first).p95).toFixed(2)})` : ''}`).join(' | ')} |`,
  );
  return [
    '# PostgreSQL at scale (`bench:pg-scale`)',
    '',
    `\`${report.command}\` — ${report.machine.cores} cores, ${report.machine.cpu}, load average ${report.machine.loadAverage.join(' / ')} when written.`,
    report.stoppedByBudget ? '\nLoading stopped at the time budget: the last size is the largest reached.\n' : '',
    head,
    rule,
    `| disclosures rows / change events | ${points.map((p) => `${p.tables.rows.toLocaleString('en-US')} / ${p.tables.events.toLocaleString('en-US')}`).join(' | ')} |`,
    `| database size | ${points.map((p) => `${(p.tables.database / 2 ** 30).toFixed(2)} GiB`).join(' | ')} |`,
    `| load (COPY) rows/s, peak RSS | ${points.map((p) => `${p.load.rowsPerSecond.toLocaleString('en-US')}, ${p.load.rssMaxMiB} MiB`).join(' | ')} |`,
    ...lat,
    `| change feed catch-up, events/s | ${points.map((p) => p.changeFeed.eventsPerSecond.toLocaleString('en-US')).join(' | ')} |`,
    `| CSV export rows/s, peak RSS | ${points.map((p) => `${p.export.rowsPerSecond.toLocaleString('en-US')}, ${p.export.rssMaxMiB} MiB`).join(' | ')} |`,
    '',
    '## The curve: size → p95 (ms), × the smallest size',
    '',
    head.replace('query', 'p95'),
    rule,
    ...curve,
    '',
  ].join('\n');
}
