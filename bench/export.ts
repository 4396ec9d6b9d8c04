/**
 * npm run bench:export — time and memory to stream the full public set as CSV, and how fast a partner
 * catches up on the change feed. A measurement, not a test. Writes bench/results/export.json.
 *
 * Rows are bulk-inserted with generate_series from one realistic public record (the generator's), so
 * the figures measure the export path, not loading. PostgreSQL when DATABASE_URL is set (1,000,000
 * rows by default), else PGlite (100,000 by default; `--rows` overrides either).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDisclosures } from '../content/generator/stream';
import { createTestDatabase } from '../tests/helpers/databases';
import { migrate } from '../portal/server/db/migrate';
import { toPublicForm } from '../portal/server/disclosures/store';
import { changesSince } from '../portal/server/opendata/changes';
import { exportStream } from '../portal/server/opendata/export';
import { countLineFeeds, machine } from './lib/stats';

const kind = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const { values } = parseArgs({ options: { rows: { type: 'string' } } });
const rows = Number(values.rows ?? (kind === 'PostgreSQL' ? 1_000_000 : 100_000));
/** Timed exports of the same table; the median is the figure (the first pass also reads pages the load left cold). */
const PASSES = 3;
const log = (s: string) => process.stderr.write(`${s}\n`);
const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

const tdb = await createTestDatabase(kind);
const db = await tdb.open();
await migrate(db);
await db.query(
  `INSERT INTO agencies (id, name, short_name, category, data) VALUES ('market', '示例市滨江新区市场监督管理局', '区市监局', 'C', '{}')`,
);

// One realistic public record as the template (about the size of a real one).
const first = generateDisclosures({ count: 1, seed: 'bench-export' }).next().value as {
  disclosure: Record<string, unknown>;
};
const template = toPublicForm({
  ...(first.disclosure as object),
  status: 'published',
  agencyId: 'market',
} as never).pub;
log(`${kind}: inserting ${rows.toLocaleString()} rows…`);
let started = performance.now();
for (let from = 1; from <= rows; from += 100_000) {
  const to = Math.min(rows, from + 99_999);
  await db.query(
    `INSERT INTO disclosures (id, agency_id, decision_no, status, decision_date, data)
     SELECT 'x' || lpad(g::text, 8, '0'), 'market', 'N' || g, 'published', $2::date,
            $1::jsonb || jsonb_build_object('id', 'x' || lpad(g::text, 8, '0'), 'decisionNo', '滨江市监罚〔2026〕' || g || '号')
     FROM generate_series($3::int, $4::int) g`,
    [JSON.stringify(template), template.decisionDate, from, to],
  );
  await db.query(
    `INSERT INTO record_changes (record_type, record_id, kind) SELECT 'penalty', 'x' || lpad(g::text, 8, '0'), 'published' FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
  log(`  ${to.toLocaleString()}`);
}
const loadSeconds = (performance.now() - started) / 1000;
// As autovacuum would on a live table (and as bench:pg-scale does after each step): without statistics the
// planner may read every batch through a bitmap of the whole table, and whether autovacuum got there during
// the load decided the figure.
await db.query('VACUUM (ANALYZE) disclosures, record_changes');

// The bulk load's dirty pages written out now, not by a checkpoint in the middle of a timed pass.
await db.query('CHECKPOINT');

/** One export to a discarding sink, sampling RSS as it goes. */
async function exportPass() {
  const rssSamples: { rows: number; rssMiB: number }[] = [];
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  const t = performance.now();
  const reader = exportStream(db, {}, 'csv', 'https://example.org').getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    lines += countLineFeeds(value);
    if (chunks++ % 25 === 0) rssSamples.push({ rows: Math.max(0, lines - 2), rssMiB: mib(process.memoryUsage().rss) });
  }
  const seconds = (performance.now() - t) / 1000;
  return { seconds, rows: lines - 2, bytes, rssSamples, rowsPerSecond: Math.round((lines - 2) / seconds) };
}
const rssBefore = process.memoryUsage().rss;
const passes = [];
for (let i = 0; i < PASSES; i++) {
  passes.push(await exportPass());
  log(`export pass ${i + 1}: ${passes.at(-1)!.rowsPerSecond.toLocaleString('en-US')} rows/s`);
}
const median = [...passes].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor(PASSES / 2)]!;
const rssSamples = passes.flatMap((p) => p.rssSamples);
const { bytes } = median;
const lines = median.rows + 2;
const exportSeconds = median.seconds;

// Change-feed catch-up: page through every event with the largest page a partner may ask for.
started = performance.now();
let cursor = 0;
let events = 0;
for (;;) {
  const page = await changesSince(db, cursor, 1000);
  if (!page.length) break;
  events += page.length;
  cursor = page[page.length - 1]!.seq;
}
const feedSeconds = (performance.now() - started) / 1000;
await tdb.dispose();

const rssValues = rssSamples.map((s) => s.rssMiB);
const report = {
  benchmark: 'bench:export',
  generatedAt: new Date().toISOString(),
  machine: machine(),
  database: kind,
  command: `${kind === 'PostgreSQL' ? 'DATABASE_URL=… ' : ''}npm run bench:export -- --rows ${rows}`,
  rows,
  loadSeconds: Math.round(loadSeconds),
  csvExport: {
    seconds: Math.round(exportSeconds * 10) / 10,
    rowsPerSecond: Math.round((lines - 2) / exportSeconds),
    passesRowsPerSecond: passes.map((p) => p.rowsPerSecond),
    megabytes: mib(bytes),
    rssBeforeMiB: mib(rssBefore),
    rssMinMiB: Math.min(...rssValues),
    rssMaxMiB: Math.max(...rssValues),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    rssSamples: rssSamples.filter((_, i) => i % Math.max(1, Math.floor(rssSamples.length / 10)) === 0),
    note: `median of ${PASSES} passes over the same table; RSS (sampled across all passes) flat means constant memory: one batch of 1,000 records is held at a time`,
  },
  changeFeed: {
    events,
    seconds: Math.round(feedSeconds * 10) / 10,
    eventsPerSecond: Math.round(events / feedSeconds),
    pageSize: 1000,
  },
};
const out = path.resolve(import.meta.dirname, 'results', kind === 'PostgreSQL' ? 'export.json' : 'export-pglite.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
void os;
