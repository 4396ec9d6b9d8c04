import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { chinaDateTime } from '@sunlight/domain/china-time';
import { calendarDay, workingCalendar, type CalendarDay, type WorkingCalendar } from '@sunlight/domain/working-days';
import { keyOf, inPeriod, certificateRecord, latest, groupBy } from '../records';
import { chinaDate, formatDate } from '../../period';
import type { Alert, AlertData, AlertRuleDefinition } from '../types';

/** Whether the China day of an instant is a day off under the settings: holidays always, weekends unless 调休. */
function dayOff(day: CalendarDay, s: AlertRulesSettings['offHours']): boolean {
  return day.kind === 'holiday' || (s.weekends && day.kind === 'weekend');
}

/**
 * Working time in China of an instant: a working day of the calendar (weekdays and 调休 Saturdays and
 * Sundays, never a statutory holiday) between the configured hours.
 */
export function isWorkingTime(
  t: Date,
  s: AlertRulesSettings['offHours'],
  cal: WorkingCalendar = workingCalendar(),
): boolean {
  if (dayOff(calendarDay(t, cal), s)) return false;
  const hhmm = chinaDateTime(t).slice(11, 16);
  return hhmm >= s.workdayStart && hhmm < s.workdayEnd;
}

/** `周六 12:55`, `国庆节 10:02`, `周三 21:40`, `春节调休上班 07:10`: the day as the calendar names it, and the time. */
export const offHoursLabel = (t: Date, cal: WorkingCalendar = workingCalendar()): string =>
  `${calendarDay(t, cal).label} ${chinaDateTime(t).slice(11, 16)}`;

/** Certificates issued outside working hours, one alert per approver and day. */
function offHoursAlerts(d: AlertData, s: AlertRulesSettings['offHours']): Alert[] {
  const out: Alert[] = [];
  const off = d.certificates.filter(
    (c) => inPeriod(c.issued_at, d.period) && !isWorkingTime(c.issued_at, s, d.calendar),
  );
  for (const rows of groupBy(off, (c) => `${c.agency_id}|${c.approver ?? ''}|${chinaDate(c.issued_at)}`).values()) {
    const first = rows[0]!;
    const day = chinaDate(first.issued_at);
    const cal = calendarDay(first.issued_at, d.calendar);
    const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
    const who = first.approver ?? '（未填审批人）';
    const why = dayOff(cal, s)
      ? cal.kind === 'holiday'
        ? `${cal.label}放假期间`
        : `${cal.label}（休息日）`
      : `${cal.label}${cal.kind === 'adjusted-workday' ? '' : '（工作日）'}上班时间以外`;
    out.push({
      key: keyOf('offHours', first.agency_id, first.approver ?? '', day),
      rule: 'offHours',
      severity: rows.length > 3 ? 'medium' : 'low',
      title: `${agency}审批人${who}于${formatDate(day)}（${offHoursLabel(first.issued_at, d.calendar)}）非工作时间签发检查证${rows.length}张`,
      detail: `签发时间：${rows.map((c) => offHoursLabel(c.issued_at, d.calendar)).join('、')}（北京时间），${why}。`,
      threshold: `工作时间为工作日 ${s.workdayStart}–${s.workdayEnd}${
        s.weekends ? '；周末和法定节假日不办公，调休上班的周末按工作日计' : '；法定节假日不办公'
      }`,
      suggestion: '核实非工作时间审批的必要性（如夜间突发事件）；没有正当理由的，检查审批是否流于形式。',
      agencyIds: [first.agency_id],
      at: latest(rows.map((c) => c.issued_at)),
      records: rows.map((c) => certificateRecord(d, c, offHoursLabel(c.issued_at, d.calendar))),
    });
  }
  return out;
}

export const offHours: AlertRuleDefinition<'offHours'> = {
  id: 'offHours',
  label: '非工作时间签发',
  describe: (s) =>
    `在工作日 ${s.workdayStart}–${s.workdayEnd} 以外${s.weekends ? '（含周末、法定节假日；调休上班日按工作日）' : '（含法定节假日）'}签发检查证`,
  run: offHoursAlerts,
};
