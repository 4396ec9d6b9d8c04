import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Job } from '../cluster/jobs';
import type { Db } from '../db/types';
import { ENDED_STATUS_SQL } from '../disclosures/status-sql';
import { latestSeq } from './changes';
import { CSV_HEADER, csvRow, publicExportRows } from './export';
import { Utf8Batch } from './utf8-batch';

export interface Snapshot {
  date: string;
  file: string;
  bytes: number;
  records: number;
  sha256: string;
}

export const snapshotDir = (dataDir: string) => path.join(dataDir, 'exports');

const SNAPSHOT_FILE = /^disclosures-\d{4}-\d{2}-\d{2}\.csv$/;
const SIDE_FILES = ['', '.sha256', '.meta.json', '.ids'] as const;

interface SnapshotMeta {
  records: number;
  /** The change-log position the snapshot is known to be clean up to (no withdrawn or expired record after it). */
  seq?: number;
}

/**
 * Writes the day's full CSV export to the data dir with its SHA-256 (`disclosures-YYYY-MM-DD.csv` and
 * `.csv.sha256` in `sha256sum` format) and the list of record ids it holds, streaming, then renames it
 * into place; keeps the last 30. `force` rewrites an existing file (after a withdrawal).
 */
export function writeDailySnapshot(
  db: Db,
  dataDir: string,
  siteUrl: string,
  date = todayInChina(),
  force = false,
): Promise<Snapshot> {
  return oneAtATime(() => writeSnapshot(db, dataDir, siteUrl, date, force));
}

/** Snapshot writers in one process take turns (a withdrawal and a download may both trigger a rewrite). */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => {});
  return run;
}

async function writeSnapshot(
  db: Db,
  dataDir: string,
  siteUrl: string,
  date: string,
  force: boolean,
): Promise<Snapshot> {
  const dir = snapshotDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = `disclosures-${date}.csv`;
  const existing = force ? undefined : readSnapshot(dir, file);
  if (existing) return existing;
  const seq = await latestSeq(db);
  const tmp = path.join(dir, `.${file}.${process.pid}.tmp`);
  const out = fs.createWriteStream(tmp);
  const hash = createHash('sha256');
  const ids: string[] = [];
  let bytes = 0;
  let records = 0;
  const lines = new Utf8Batch();
  /** Writes (and hashes) what was added to `lines` since the last flush. */
  const flush = async () => {
    const buf = lines.take();
    hash.update(buf);
    bytes += buf.length;
    if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  lines.add(CSV_HEADER);
  await flush();
  for await (const batch of publicExportRows(db, {})) {
    records += batch.length;
    for (const d of batch) {
      ids.push(d.id);
      lines.add(csvRow(d, siteUrl));
    }
    await flush();
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const sha256 = hash.digest('hex');
  const meta: SnapshotMeta = { records, seq };
  writeAtomically(path.join(dir, `${file}.ids`), ids.join('\n'));
  writeAtomically(path.join(dir, `${file}.meta.json`), JSON.stringify(meta));
  fs.renameSync(tmp, path.join(dir, file));
  writeAtomically(path.join(dir, `${file}.sha256`), `${sha256}  ${file}\n`);
  for (const old of listSnapshots(dataDir).slice(30)) removeSnapshot(dir, old.file);
  return { date, file, bytes, records, sha256 };
}

function writeAtomically(full: string, text: string): void {
  const tmp = `${full}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, full);
}

function removeSnapshot(dir: string, file: string): void {
  for (const suffix of SIDE_FILES) fs.rmSync(path.join(dir, `${file}${suffix}`), { force: true });
}

function readMeta(dir: string, file: string): SnapshotMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${file}.meta.json`), 'utf8')) as SnapshotMeta;
  } catch {
    return undefined;
  }
}

/** The ids a snapshot holds: from its id list, or (older snapshots) read from the CSV itself. */
function snapshotIds(dir: string, file: string): Set<string> {
  try {
    return new Set(
      fs
        .readFileSync(path.join(dir, `${file}.ids`), 'utf8')
        .split('\n')
        .filter(Boolean),
    );
  } catch {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    return new Set([...text.matchAll(/(?:^|,)(d[0-9a-z]{15})(?=,)/gm)].map((m) => m[1]!));
  }
}

/**
 * A withdrawn or expired record leaves the snapshots too: for each snapshot written before the
 * removal, today's is rewritten without it and an older one that holds it is withdrawn (deleted, no
 * longer listed or served). Snapshots that never held it are marked clean. Cheap when nothing changed.
 */
export function refreshSnapshots(
  db: Db,
  dataDir: string,
  siteUrl: string,
  today = todayInChina(),
): Promise<{ rewritten: string[]; withdrawn: string[] }> {
  return oneAtATime(() => refresh(db, dataDir, siteUrl, today));
}

async function refresh(
  db: Db,
  dataDir: string,
  siteUrl: string,
  today: string,
): Promise<{ rewritten: string[]; withdrawn: string[] }> {
  const dir = snapshotDir(dataDir);
  const done = { rewritten: [] as string[], withdrawn: [] as string[] };
  if (!fs.existsSync(dir)) return done;
  const files = fs.readdirSync(dir).filter((f) => SNAPSHOT_FILE.test(f));
  if (!files.length) return done;
  const metas = new Map(files.map((f) => [f, readMeta(dir, f)?.seq ?? 0]));
  const since = Math.min(...metas.values());
  const removals = await db.query<{ seq: number; record_id: string }>(
    `SELECT seq::int8 AS seq, record_id FROM record_changes
     WHERE record_type = 'penalty' AND kind IN ${ENDED_STATUS_SQL} AND seq > $1`,
    [since],
  );
  const head = await latestSeq(db);
  for (const file of files) {
    const seq = metas.get(file) ?? 0;
    const relevant = removals.filter((r) => Number(r.seq) > seq);
    if (seq >= head) continue;
    const held = relevant.length ? snapshotIds(dir, file) : new Set<string>();
    if (relevant.some((r) => held.has(r.record_id))) {
      const date = file.slice(12, 22);
      if (date === today) {
        await writeSnapshot(db, dataDir, siteUrl, date, true);
        done.rewritten.push(file);
      } else {
        removeSnapshot(dir, file);
        done.withdrawn.push(file);
      }
    } else {
      const meta = readMeta(dir, file);
      if (meta) writeAtomically(path.join(dir, `${file}.meta.json`), JSON.stringify({ ...meta, seq: head }));
    }
  }
  return done;
}

function readSnapshot(dir: string, file: string): Snapshot | undefined {
  try {
    const sha256 = fs.readFileSync(path.join(dir, `${file}.sha256`), 'utf8').split(/\s+/)[0]!;
    const { records } = readMeta(dir, file)!;
    const bytes = fs.statSync(path.join(dir, file)).size;
    return { date: file.slice(12, 22), file, bytes, records, sha256 };
  } catch {
    return undefined;
  }
}

/** Completed snapshots, newest first. */
export function listSnapshots(dataDir: string): Snapshot[] {
  const dir = snapshotDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => SNAPSHOT_FILE.test(f))
    .sort()
    .reverse()
    .map((f) => readSnapshot(dir, f))
    .filter((s): s is Snapshot => s !== undefined);
}

/**
 * When the snapshot list last changed: the newest modification of a listed file (a rewrite after a
 * withdrawal moves it; so does a new day's file). The epoch when there is none.
 */
export function snapshotsModified(dataDir: string, snapshots: readonly Snapshot[]): Date {
  const dir = snapshotDir(dataDir);
  let newest = 0;
  for (const s of snapshots) {
    for (const side of ['', '.sha256']) {
      const full = path.join(dir, s.file + side);
      if (fs.existsSync(full)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return new Date(newest);
}

/**
 * The day's snapshot a few seconds after a process takes over the jobs and then hourly; every minute,
 * withdrawn and expired records are taken out of the snapshots.
 */
export function snapshotJobs(db: Db, dataDir: string, siteUrl: string, refreshEveryMs = 60_000): Job[] {
  return [
    {
      name: 'snapshot',
      everyMs: 3_600_000,
      firstAfterMs: 5_000,
      async run() {
        const s = await writeDailySnapshot(db, dataDir, siteUrl);
        return `[snapshot] ${s.file}: ${s.records} records, sha256 ${s.sha256.slice(0, 12)}…`;
      },
    },
    {
      name: 'snapshot-refresh',
      everyMs: refreshEveryMs,
      firstAfterMs: refreshEveryMs,
      async run() {
        const r = await refreshSnapshots(db, dataDir, siteUrl);
        const lines = [
          ...r.rewritten.map((f) => `[snapshot] ${f} rewritten without withdrawn or expired records`),
          ...r.withdrawn.map((f) => `[snapshot] ${f} withdrawn: it held a withdrawn or expired record`),
        ];
        return lines.join('\n') || undefined;
      },
    },
  ];
}
