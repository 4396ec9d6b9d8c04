import { chinaWeekday } from '@sunlight/domain/china-time';
import { addDays, dayStart } from './period';

/**
 * Working-day arithmetic for work-order deadlines, behind one function so that a real holiday calendar
 * (statutory holidays and 调休 workdays) can replace the configured lists without touching callers.
 */
export interface WorkingCalendar {
  /** Weekday dates that are holidays (法定节假日). */
  holidays: readonly string[];
  /** Weekend dates that are working days (调休上班). */
  workdays: readonly string[];
}

export const EMPTY_CALENDAR: WorkingCalendar = { holidays: [], workdays: [] };

export function isWorkingDay(date: string, cal: WorkingCalendar = EMPTY_CALENDAR): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const wd = chinaWeekday(dayStart(date));
  return wd !== 0 && wd !== 6;
}

/** The date `n` working days after `date` (YYYY-MM-DD, China dates); n ≥ 0. */
export function addWorkingDays(date: string, n: number, cal: WorkingCalendar = EMPTY_CALENDAR): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}
