import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, inPeriod, certificateRecord, latest, groupBy } from '../records';
import { CHINA_OFFSET_MS, chinaDate, chinaIso, formatDate } from '../../period';
import type { Alert, AlertData, AlertRuleDefinition } from '../types';

/** Working time in China of an instant under the configured hours, weekends, holidays and 调休 workdays. */
export function isWorkingTime(t: Date, s: AlertRulesSettings['offHours']): boolean {
  const local = new Date(t.getTime() + CHINA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  if (s.holidays.includes(date)) return false;
  const weekday = local.getUTCDay();
  if (s.weekends && (weekday === 0 || weekday === 6) && !s.workdays.includes(date)) return false;
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes >= at(s.workdayStart) && minutes < at(s.workdayEnd);
}

/** Certificates issued outside working hours, one alert per approver and day. */
function offHoursAlerts(d: AlertData, s: AlertRulesSettings['offHours']): Alert[] {
  const out: Alert[] = [];
  const off = d.certificates.filter((c) => inPeriod(c.issued_at, d.period) && !isWorkingTime(c.issued_at, s));
  for (const rows of groupBy(off, (c) => `${c.agency_id}|${c.approver ?? ''}|${chinaDate(c.issued_at)}`).values()) {
    const first = rows[0]!;
    const day = chinaDate(first.issued_at);
    const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
    const who = first.approver ?? '（未填审批人）';
    out.push({
      key: keyOf('offHours', first.agency_id, first.approver ?? '', day),
      rule: 'offHours',
      severity: rows.length > 3 ? 'medium' : 'low',
      title: `${agency}审批人${who}于${formatDate(day)}非工作时间签发检查证${rows.length}张`,
      detail: `签发时间：${rows.map((c) => chinaIso(c.issued_at).slice(11, 16)).join('、')}（北京时间）。`,
      threshold: `工作时间为工作日 ${s.workdayStart}–${s.workdayEnd}${s.weekends ? '，周末和节假日不办公' : ''}`,
      suggestion: '核实非工作时间审批的必要性（如夜间突发事件）；没有正当理由的，检查审批是否流于形式。',
      agencyIds: [first.agency_id],
      at: latest(rows.map((c) => c.issued_at)),
      records: rows.map((c) => certificateRecord(d, c)),
    });
  }
  return out;
}

export const offHours: AlertRuleDefinition<'offHours'> = {
  id: 'offHours',
  label: '非工作时间签发',
  describe: (s) => `在工作日 ${s.workdayStart}–${s.workdayEnd} 以外${s.weekends ? '（含周末、节假日）' : ''}签发检查证`,
  run: offHoursAlerts,
};
