/**
 * Keeps the fictional sample alive: the committed sample files are generated for a fixed reference
 * date (sample-clock.json), and the seed moves every date in them forward by whole weeks so that the
 * reference date lands on (or up to six days before) the day the portal first seeds. Whole weeks keep
 * the weekday of every record, so weekend and working-hour patterns survive the move.
 *
 * The shift is fixed at the first seed and stored (settings key `sample-clock`): files loaded on later
 * starts move by the same number of days, so records stay consistent with each other. A content
 * directory without sample-clock.json (a real deployment) is never shifted.
 *
 * What moves: ISO dates (2026-11-01), ISO date-times (the date part; time and offset stay) and dates
 * written in text (2026年11月1日). What does not: identifiers and numbers that carry a year
 * (jc-2025-000001, 〔2025〕0001号, certificate numbers) — they are names, not dates.
 * Annual inspection caps move by whole years instead: they are repeated for every calendar year the
 * shifted sample covers. Holidays do not move: the working-day calendar (working-days.ts) applies to the
 * shifted dates as they fall.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isoDate } from '@sunlight/domain/schemas/common';
import { SampleClockSchema } from '@sunlight/domain/schemas/sample-clock';
import { makeCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { isRealIsoDate, todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';

export const SAMPLE_CLOCK_FILE = 'sample-clock.json';

const StoredShiftSchema = z.strictObject({
  referenceDate: isoDate(),
  shiftDays: z.number().int(),
  firstSeededOn: isoDate(),
});
export type SampleShift = z.infer<typeof StoredShiftSchema>;

const DAY = 86_400_000;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))$/;
const TEXT_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDayNumber = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export function addDaysIso(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/**
 * Whole weeks from the reference date to `today`, rounded down (the sample's "today" is never in the
 * future); never backwards: decision numbers carry their year, and may not name a year after the decision.
 */
export function weeksShift(referenceDate: string, today: string): number {
  return Math.max(0, Math.floor((dayNumber(today) - dayNumber(referenceDate)) / 7) * 7);
}

/** Every date inside `value` moved by `days` (see the module comment for what counts as a date). */
export function shiftValue<T>(value: T, days: number): T {
  if (days === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const d = ISO_DATE.exec(v);
      if (d) return addDaysIso(d[1]!, days);
      const dt = ISO_DATE_TIME.exec(v);
      if (dt) return addDaysIso(dt[1]!, days) + dt[2]!;
      return v.replace(TEXT_DATE, (all, y: string, m: string, dd: string) => {
        const iso = `${y}-${m.padStart(2, '0')}-${dd.padStart(2, '0')}`;
        if (!isRealIsoDate(iso)) return all;
        const [ny, nm, nd] = addDaysIso(iso, days).split('-').map(Number);
        return `${ny}年${nm}月${nd}日`;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Calendar years covered by [first, last] after the shift. */
function shiftedYears(years: number[], days: number): number[] {
  const from = Number(addDaysIso(`${Math.min(...years)}-01-01`, days).slice(0, 4));
  const to = Number(addDaysIso(`${Math.max(...years)}-12-31`, days).slice(0, 4));
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

interface Cap {
  id: string;
  agencyId: string;
  field: string;
  year: number;
}

/** Annual caps: the latest year's cap of each agency and field, repeated for every year the shifted sample covers. */
function shiftCaps(caps: Cap[], days: number): Cap[] {
  if (caps.length === 0) return caps;
  const latest = new Map<string, Cap>();
  for (const c of caps) {
    const key = `${c.agencyId}|${c.field}`;
    const seen = latest.get(key);
    if (!seen || seen.year < c.year) latest.set(key, c);
  }
  const years = shiftedYears(
    caps.map((c) => c.year),
    days,
  );
  return [...latest.values()].flatMap((c) =>
    years.map((year) => ({ ...c, id: c.id.replace(new RegExp(`${c.year}$`), String(year)), year })),
  );
}

/** Files whose dates are the sample's own events (laws, catalogues and rules keep their dates). */
const DATED_FILES: ReadonlySet<string> = new Set([
  'disclosures.ndjson',
  'inspections.ndjson',
  'certificates.ndjson',
  'enterprises.ndjson',
  'inspectors.json',
  'draws.ndjson',
  'permits.ndjson',
  'feedback.ndjson',
  'reports.ndjson',
]);

/** A whole content file (or one of its records) as it is loaded after the shift. */
export function shiftContent(file: string, value: unknown, days: number): unknown {
  if (days === 0) return value;
  if (file === 'inspection-caps.json' && Array.isArray(value)) return shiftCaps(value as Cap[], days);
  return DATED_FILES.has(file) ? shiftValue(value, days) : value;
}

/**
 * Certificate numbers carry the year of issue (JCZ-2026-0000001-C): after a shift moved issue dates into
 * other years, the sample's certificates are numbered again, per year in order of issue.
 */
export function renumberCertificates<T extends { certificateNo: string; issuedAt: string }>(rows: readonly T[]): T[] {
  const order = rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (a.row.issuedAt < b.row.issuedAt ? -1 : a.row.issuedAt > b.row.issuedAt ? 1 : a.i - b.i));
  const serial = new Map<number, number>();
  const out: T[] = new Array<T>(rows.length);
  for (const { row, i } of order) {
    const year = Number(row.issuedAt.slice(0, 4));
    const n = (serial.get(year) ?? 0) + 1;
    serial.set(year, n);
    out[i] = { ...row, certificateNo: makeCertificateNo(year, n) };
  }
  return out;
}

/**
 * The transform the seed applies to each record of `dir` read for loading: shiftContent, and for
 * certificates.ndjson also the new number (renumberCertificates over the whole file, read once).
 */
export function contentShifter(dir: string, days: number): (file: string, value: unknown) => unknown {
  let numbers: Map<string, string> | undefined;
  const renumbered = () => {
    if (numbers) return numbers;
    const file = path.join(dir, 'certificates.ndjson');
    const rows = fs.existsSync(file)
      ? fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .flatMap((l) => {
            try {
              const r = shiftValue(JSON.parse(l) as { certificateNo: string; issuedAt: string }, days);
              return typeof r.certificateNo === 'string' && typeof r.issuedAt === 'string' ? [r] : [];
            } catch {
              return []; // reported by validation
            }
          })
      : [];
    const after = renumberCertificates(rows);
    numbers = new Map(rows.map((r, i) => [r.certificateNo, after[i]!.certificateNo]));
    return numbers;
  };
  return (file, value) => {
    const shifted = shiftContent(file, value, days);
    if (days === 0 || file !== 'certificates.ndjson' || !shifted || typeof shifted !== 'object') return shifted;
    const c = shifted as { certificateNo?: unknown };
    const no = typeof c.certificateNo === 'string' ? renumbered().get(c.certificateNo) : undefined;
    return no ? { ...c, certificateNo: no } : shifted;
  };
}

/**
 * The shift for this content directory: the stored one, or (first seed of a sample) whole weeks from the
 * sample's reference date to China's today at `now`, stored for later starts. 0 for non-sample content.
 */
export async function sampleShift(db: Db, contentDir: string, now: Date): Promise<SampleShift | undefined> {
  const file = path.join(contentDir, SAMPLE_CLOCK_FILE);
  if (!fs.existsSync(file)) return undefined;
  const [stored] = await db.query<{ data: unknown }>(`SELECT data FROM settings WHERE key = 'sample-clock'`);
  const parsedStored = stored ? StoredShiftSchema.safeParse(stored.data) : undefined;
  if (parsedStored?.success) return parsedStored.data;
  const clock = SampleClockSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const today = todayInChina(now.getTime());
  const shift: SampleShift = {
    referenceDate: clock.referenceDate,
    shiftDays: weeksShift(clock.referenceDate, today),
    firstSeededOn: today,
  };
  await db.query(
    `INSERT INTO settings (key, data) VALUES ('sample-clock', $1) ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
    [JSON.stringify(shift)],
  );
  return shift;
}
