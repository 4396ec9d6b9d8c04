/**
 * China Standard Time (UTC+8 all year, no daylight saving). Every conversion between an instant and a
 * China day or clock time goes through this module, whatever the machine's or the phone's time zone.
 */

export const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The IANA zone, for PostgreSQL (`AT TIME ZONE`) and Intl. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
export const DAY_MS = 86_400_000;

/** An instant: a Date, epoch milliseconds or a string Date.parse reads. */
export type Instant = Date | number | string;

const epochMs = (v: Instant): number => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v));

/** The instant as the UTC fields of a Date shifted to China's wall clock, whole seconds. */
const wallClock = (v: Instant): string =>
  new Date(Math.floor(epochMs(v) / 1000) * 1000 + CHINA_OFFSET_MS).toISOString();

/** `2026-03-02`: the China day of an instant. */
export const chinaDate = (v: Instant): string => wallClock(v).slice(0, 10);

/** Today's date in China as `YYYY-MM-DD`. */
export const todayInChina = (now: Instant = Date.now()): string => chinaDate(now);

/** `2026-03-02T09:00:00+08:00` (ISO 8601 with China's offset, whole seconds). */
export const chinaIso = (v: Instant): string => `${wallClock(v).slice(0, 19)}+08:00`;

/** `2026-03-02 09:05` */
export const chinaDateTime = (v: Instant): string => wallClock(v).slice(0, 16).replace('T', ' ');

/** `2026年3月2日 09:00` */
export function formatChinaDateTime(v: Instant): string {
  const iso = wallClock(v);
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
}

/** The instant a China day (`YYYY-MM-DD`) reaches a clock time (`HH:mm`, default midnight). */
export const chinaInstant = (day: string, time = '00:00'): Date => new Date(Date.parse(`${day}T${time}:00+08:00`));

/** Day of the week in China of an instant: 0 Sunday … 6 Saturday. */
export const chinaWeekday = (v: Instant): number => new Date(wallClock(v)).getUTCDay();

/** Calendar year in China of an instant. */
export const chinaYear = (v: Instant): number => Number(wallClock(v).slice(0, 4));

/** [start, end) of a calendar year in China, as instants. */
export function chinaYearBounds(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS), new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS)];
}
