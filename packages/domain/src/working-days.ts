import national from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { chinaDate, type Instant } from './china-time';
import type { Calendar } from './schemas/calendar';

/**
 * The working-day calendar of mainland China: weekends, statutory holidays (法定节假日 and the days joined
 * to them by 放假调休) and 调休 workdays (weekend days worked instead). Every working-day computation of
 * the project goes through this module: the 非工作时间签发 alert, publication deadlines (7 / 20 working
 * days), withdrawal (3 working days) and work-order deadlines.
 *
 * Source: the npm package `chinese-days` (MIT, maintained, updated each year from the State Council
 * notice; version 1.5.7 covers 2004–2026). Its 2026 dates were checked against 国务院办公厅关于2026年部分
 * 节假日安排的通知 (2025-11-04): 元旦 1月1–3日, 1月4日上班; 春节 2月15–23日, 2月14日、2月28日上班;
 * 清明 4月4–6日; 劳动节 5月1–5日, 5月9日上班; 端午 6月19–21日; 中秋 9月25–27日; 国庆 10月1–7日,
 * 9月20日、10月10日上班 (see working-days.test.ts). A year the package does not cover (2027 until a
 * newer version is installed) counts weekends only, unless the content directory's `calendar.json`
 * lists that year's dates; `sunlight content check` warns when the current year is not covered.
 *
 * Dates are China calendar days (`YYYY-MM-DD`); an instant is first turned into its China day by
 * china-time.ts. Day arithmetic works on calendar days (UTC fields of midnight), never on clock offsets.
 */

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  working: boolean;
  /** 周六, 国庆节, 春节调休上班, 周三: what the alert texts call the day. */
  label: string;
}

export interface WorkingCalendar {
  day(date: string): CalendarDay;
  /** Whether holidays and 调休 workdays of this year are known (from the package or calendar.json). */
  covers(year: number): boolean;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** `2026-10-01` from a day or an instant (its China day). */
export const toChinaDay = (v: Instant): string => (typeof v === 'string' && DAY_PATTERN.test(v) ? v : chinaDate(v));

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dayOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** Calendar arithmetic on China days: `date` plus `n` days. */
export const shiftDay = (date: string, n: number): string => dayOfNumber(dayNumber(date) + n);
/** 0 Sunday … 6 Saturday of a calendar day. */
export const weekdayOf = (date: string): number => new Date(dayNumber(date) * DAY_MS).getUTCDay();
export const weekdayLabel = (date: string): string => WEEKDAYS[weekdayOf(date)]!;

/** The package's entries read `English name,中文名,天数`. */
const chineseName = (entry: string) => entry.split(',')[1] ?? entry;

const NATIONAL_HOLIDAYS = new Map(
  Object.entries(national.holidays as Record<string, string>).map(([d, e]) => [d, chineseName(e)]),
);
const NATIONAL_WORKDAYS = new Map(
  Object.entries(national.workdays as Record<string, string>).map(([d, e]) => [d, chineseName(e)]),
);
const NATIONAL_YEARS = new Set([...NATIONAL_HOLIDAYS.keys()].map((d) => Number(d.slice(0, 4))));

/** The national calendar with a deployment's additions (`calendar.json`), which win over the package. */
export function createWorkingCalendar(additions?: Pick<Calendar, 'holidays' | 'workdays'>): WorkingCalendar {
  const holidays = new Map(NATIONAL_HOLIDAYS);
  const workdays = new Map(NATIONAL_WORKDAYS);
  const years = new Set(NATIONAL_YEARS);
  for (const h of additions?.holidays ?? []) {
    holidays.set(h.date, h.name);
    workdays.delete(h.date);
    years.add(Number(h.date.slice(0, 4)));
  }
  for (const w of additions?.workdays ?? []) {
    workdays.set(w.date, w.name);
    holidays.delete(w.date);
    years.add(Number(w.date.slice(0, 4)));
  }
  return {
    day(date) {
      const holiday = holidays.get(date);
      if (holiday !== undefined) return { date, kind: 'holiday', working: false, label: holiday };
      const adjusted = workdays.get(date);
      if (adjusted !== undefined)
        return { date, kind: 'adjusted-workday', working: true, label: `${adjusted}调休上班` };
      const weekday = weekdayOf(date);
      const weekend = weekday === 0 || weekday === 6;
      return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, label: WEEKDAYS[weekday]! };
    },
    covers: (year) => years.has(year),
  };
}

let current = createWorkingCalendar();

/** The calendar in force: the national one plus the loaded content's `calendar.json` (set at start-up). */
export const workingCalendar = (): WorkingCalendar => current;
export function setWorkingCalendar(calendar: WorkingCalendar): void {
  current = calendar;
}

/** The China day of `v` (a day or an instant) with its kind and label. */
export const calendarDay = (v: Instant, cal: WorkingCalendar = current): CalendarDay => cal.day(toChinaDay(v));

export const isWorkingDay = (v: Instant, cal: WorkingCalendar = current): boolean => calendarDay(v, cal).working;

/**
 * The working day `n` working days after the China day of `v` (n ≥ 1; the day itself does not count):
 * a decision of Friday 2026-09-18 with 7 working days to publish is due 2026-09-29 (Sunday 9月20日 is a 调休
 * workday, 中秋 9月25–27日 are not).
 * n = 0 gives the day itself if it is a working day, else the next working day. Negative n counts back.
 */
export function addWorkingDays(v: Instant, n: number, cal: WorkingCalendar = current): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n 应为整数，收到 ${n}`);
  let date = toChinaDay(v);
  if (n === 0) {
    while (!cal.day(date).working) date = shiftDay(date, 1);
    return date;
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    date = shiftDay(date, step);
    if (cal.day(date).working) left--;
  }
  return date;
}

/**
 * Working days after the China day of `a` up to and including the China day of `b` (so a deadline
 * `addWorkingDays(a, n)` is exactly n working days away); negative when `b` is before `a`.
 */
export function workingDaysBetween(a: Instant, b: Instant, cal: WorkingCalendar = current): number {
  const from = toChinaDay(a);
  const to = toChinaDay(b);
  if (to < from) return -workingDaysBetween(b, a, cal);
  let count = 0;
  for (let d = shiftDay(from, 1); d <= to; d = shiftDay(d, 1)) if (cal.day(d).working) count++;
  return count;
}
