import type { InspectionCap } from '@sunlight/domain/schemas/inspection-cap';
import { keyOf, inPeriod, fieldsOf, inspectionRecord, enterpriseLabel, latest, live } from '../records';
import { chinaDate } from '../../period';
import type { Alert, AlertData, AlertRuleDefinition, InspectionRow } from '../types';

/** An enterprise inspected by one agency in one field more often in a year than the agency's published cap. */
function capAlerts(d: AlertData): Alert[] {
  const caps = new Map(d.caps.map((c) => [`${c.agencyId}|${c.field}|${c.year}`, c]));
  const groups = new Map<string, { cap: InspectionCap; rows: InspectionRow[] }>();
  for (const r of d.inspections.filter(live)) {
    const year = Number(chinaDate(r.window_start).slice(0, 4));
    for (const field of fieldsOf(d, r)) {
      const cap = caps.get(`${r.agency_id}|${field}|${year}`);
      if (!cap) continue;
      const k = `${r.agency_id}|${r.enterprise_credit_code}|${field}|${year}`;
      const g = groups.get(k);
      if (g) g.rows.push(r);
      else groups.set(k, { cap, rows: [r] });
    }
  }
  const out: Alert[] = [];
  for (const { cap, rows } of groups.values()) {
    if (rows.length <= cap.maxPerEnterprise) continue;
    const over = rows.slice(cap.maxPerEnterprise);
    if (!over.some((r) => inPeriod(r.window_start, d.period))) continue;
    const first = rows[0]!;
    const agency = d.agencies.get(cap.agencyId) ?? cap.agencyId;
    const unexplained = over.filter((r) => !r.flagged);
    out.push({
      key: keyOf('cap', cap.agencyId, first.enterprise_credit_code, cap.field, cap.year),
      rule: 'cap',
      severity: unexplained.length ? 'high' : 'medium',
      title: `${enterpriseLabel(first)} ${cap.year}年被${agency}在“${cap.field}”领域检查${rows.length}次，超出上限${cap.maxPerEnterprise}次`,
      detail:
        `${agency}公布的${cap.year}年“${cap.field}”领域同一企业检查上限为${cap.maxPerEnterprise}次（${cap.basis}），` +
        `该企业已被检查${rows.length}次，超出${over.length}次` +
        (unexplained.length
          ? `，其中${unexplained.length}次没有投诉举报或上级交办的超限理由。`
          : '；超出的检查均以投诉举报或上级交办为由，需核实理由是否属实。'),
      threshold: `年度上限 ${cap.maxPerEnterprise} 次（${cap.basis}）`,
      suggestion: '核实超出上限的检查是否确有投诉举报或上级交办依据；没有依据的，责令纠正并纳入评议考核。',
      agencyIds: [cap.agencyId],
      enterpriseCreditCode: first.enterprise_credit_code,
      at: latest(rows.map((r) => r.window_start)),
      records: rows.map((r, i) =>
        inspectionRecord(
          d,
          r,
          i >= cap.maxPerEnterprise ? `第${i + 1}次，超出上限${r.flagged ? '（已说明理由）' : ''}` : `第${i + 1}次`,
        ),
      ),
    });
  }
  return out;
}

export const cap: AlertRuleDefinition<'cap'> = {
  id: 'cap',
  label: '超出年度检查上限',
  describe: () => '同一机关在同一领域一年内检查同一企业的次数超过该机关公布的年度上限（inspection-caps.json）',
  run: capAlerts,
};
