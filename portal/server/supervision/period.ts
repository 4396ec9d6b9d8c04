import { chinaDate, chinaInstant, DAY_MS, todayInChina } from '@sunlight/domain/china-time';
import { isRealIsoDate } from '@sunlight/domain/validators/dates';

export {
  chinaDate,
  chinaIso,
  chinaDateTime as formatDateTime,
  CHINA_OFFSET_MS,
  DAY_MS,
} from '@sunlight/domain/china-time';

/** A reporting period of whole days in China time: [start, end) as instants. */
export interface Period {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  to: string;
  start: Date;
  end: Date;
  days: number;
}

/** Longest period the workspace computes at once. */
export const MAX_PERIOD_DAYS = 366 * 3;

export const dayStart = (iso: string): Date => chinaInstant(iso);
export const addDays = (iso: string, n: number): string => chinaDate(dayStart(iso).getTime() + n * DAY_MS);

export function makePeriod(from: string, to: string): Period {
  const start = dayStart(from);
  const end = dayStart(addDays(to, 1));
  return { from, to, start, end, days: Math.round((end.getTime() - start.getTime()) / DAY_MS) };
}

export interface PeriodPreset {
  id: string;
  label: string;
  from: string;
  to: string;
}

export function presets(today: string): PeriodPreset[] {
  const y = Number(today.slice(0, 4));
  return [
    { id: 'year', label: '本年度', from: `${y}-01-01`, to: today },
    { id: 'last-year', label: '上一年度', from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
    { id: '90d', label: '近90天', from: addDays(today, -89), to: today },
    { id: '30d', label: '近30天', from: addDays(today, -29), to: today },
    { id: '12m', label: '近12个月', from: addDays(today, -364), to: today },
  ];
}

export interface PeriodError {
  field: 'from' | 'to';
  message: string;
}

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (China dates); default the current year to today. Errors name the
 * field; the default period is used when there are any.
 */
export function parsePeriod(
  params: URLSearchParams,
  now = Date.now(),
): { period: Period; errors: PeriodError[]; explicit: boolean } {
  const today = todayInChina(now);
  const fallback = makePeriod(`${today.slice(0, 4)}-01-01`, today);
  const rawFrom = params.get('from')?.trim() || '';
  const rawTo = params.get('to')?.trim() || '';
  if (!rawFrom && !rawTo) return { period: fallback, errors: [], explicit: false };
  const errors: PeriodError[] = [];
  const from = rawFrom || fallback.from;
  const to = rawTo || today;
  if (!isRealIsoDate(from)) errors.push({ field: 'from', message: '开始日期应为真实日期，格式如 2026-01-01' });
  if (!isRealIsoDate(to)) errors.push({ field: 'to', message: '结束日期应为真实日期，格式如 2026-06-30' });
  if (!errors.length) {
    if (to < from) errors.push({ field: 'to', message: '结束日期不能早于开始日期' });
    else if (makePeriod(from, to).days > MAX_PERIOD_DAYS) {
      errors.push({ field: 'to', message: `统计期间最长 ${MAX_PERIOD_DAYS} 天，请缩短期间` });
    }
  }
  if (errors.length) return { period: fallback, errors, explicit: true };
  return { period: makePeriod(from, to), errors, explicit: true };
}

/** `2026年1月1日` */
export function formatDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

export function periodLabel(p: Period): string {
  return `${formatDate(p.from)}至${formatDate(p.to)}`;
}

/** Bucket keys of a period for trend charts: days for up to 45 days, months otherwise. */
export function buckets(p: Period): { unit: 'day' | 'month'; keys: string[] } {
  if (p.days <= 45) {
    const keys: string[] = [];
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) keys.push(d);
    return { unit: 'day', keys };
  }
  const keys: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.to.slice(0, 7);
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    keys.push(k);
    if (k >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return { unit: 'month', keys };
}

export function bucketLabel(key: string): string {
  return key.length === 7
    ? `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`
    : `${Number(key.slice(5, 7))}月${Number(key.slice(8, 10))}日`;
}

/** First and last day of a bucket key (`YYYY-MM` or `YYYY-MM-DD`). */
function bucketDays(key: string): { first: string; last: string } {
  if (key.length !== 7) return { first: key, last: key };
  const [y, m] = [Number(key.slice(0, 4)), Number(key.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { first: `${key}-01`, last: addDays(next, -1) };
}

/**
 * Whether a trend bucket covers less than its whole length: cut by the period's first or last day, or not
 * over yet (today falls inside it). `future` when it starts after today: it has no figures, not zeros.
 */
export function bucketState(key: string, p: Period, today: string): 'whole' | 'partial' | 'future' {
  const { first, last } = bucketDays(key);
  if (first > today) return 'future';
  return p.from > first || p.to < last || today <= last ? 'partial' : 'whole';
}
