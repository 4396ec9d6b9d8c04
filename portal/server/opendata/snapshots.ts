import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import { CSV_HEADER, csvRow, publicRecords } from './export';

export interface Snapshot {
  date: string;
  file: string;
  bytes: number;
  records: number;
  sha256: string;
}

export const snapshotDir = (dataDir: string) => path.join(dataDir, 'exports');

/**
 * Writes today's full CSV export to the data dir with its SHA-256 (`disclosures-YYYY-MM-DD.csv` and
 * `.csv.sha256` in `sha256sum` format), streaming, then renames it into place; keeps the last 30.
 */
export async function writeDailySnapshot(
  db: Db,
  dataDir: string,
  siteUrl: string,
  date = todayInChina(),
): Promise<Snapshot> {
  const dir = snapshotDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = `disclosures-${date}.csv`;
  const existing = readSnapshot(dir, file);
  if (existing) return existing;
  const tmp = path.join(dir, `.${file}.${process.pid}.tmp`);
  const out = fs.createWriteStream(tmp);
  const hash = createHash('sha256');
  let bytes = 0;
  let records = 0;
  const write = async (text: string) => {
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    bytes += buf.length;
    if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  await write(CSV_HEADER);
  for await (const batch of publicRecords(db, {})) {
    records += batch.length;
    await write(batch.map((d) => csvRow(d, siteUrl)).join(''));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const sha256 = hash.digest('hex');
  fs.writeFileSync(path.join(dir, `${file}.sha256`), `${sha256}  ${file}\n`);
  fs.writeFileSync(path.join(dir, `${file}.meta.json`), JSON.stringify({ records }));
  fs.renameSync(tmp, path.join(dir, file));
  for (const old of listSnapshots(dataDir).slice(30)) {
    for (const suffix of ['', '.sha256', '.meta.json'])
      fs.rmSync(path.join(dir, `${old.file}${suffix}`), { force: true });
  }
  return { date, file, bytes, records, sha256 };
}

function readSnapshot(dir: string, file: string): Snapshot | undefined {
  try {
    const sha256 = fs.readFileSync(path.join(dir, `${file}.sha256`), 'utf8').split(/\s+/)[0]!;
    const { records } = JSON.parse(fs.readFileSync(path.join(dir, `${file}.meta.json`), 'utf8')) as { records: number };
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
    .filter((f) => /^disclosures-\d{4}-\d{2}-\d{2}\.csv$/.test(f))
    .sort()
    .reverse()
    .map((f) => readSnapshot(dir, f))
    .filter((s): s is Snapshot => s !== undefined);
}

/** Writes the day's snapshot at start-up and then checks hourly; returns a stop function. */
export function startSnapshotJob(db: Db, dataDir: string, siteUrl: string, log: (line: string) => void): () => void {
  const run = async () => {
    try {
      const s = await writeDailySnapshot(db, dataDir, siteUrl);
      log(`[snapshot] ${s.file}: ${s.records} records, sha256 ${s.sha256.slice(0, 12)}…`);
    } catch (err) {
      log(`[snapshot] failed: ${(err as Error).message}`);
    }
  };
  const first = setTimeout(() => void run(), 5_000);
  const timer = setInterval(() => void run(), 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
