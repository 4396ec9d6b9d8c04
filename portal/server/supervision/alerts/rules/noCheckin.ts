import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, inPeriod, inspectionRecord, enterpriseLabel, live } from '../records';
import { chinaDate, chinaIso, formatDate } from '../../period';
import type { Alert, AlertData, AlertRuleDefinition } from '../types';

/** An inspection whose window ended (plus a grace period) without a check-in by the enterprise. */
function noCheckinAlerts(d: AlertData, s: AlertRulesSettings['noCheckin']): Alert[] {
  const out: Alert[] = [];
  const cutoff = d.now.getTime() - s.graceHours * 3_600_000;
  for (const r of d.inspections) {
    if (!live(r) || r.cert_status === 'revoked') continue;
    if (!inPeriod(r.window_end, d.period) || r.window_end.getTime() > cutoff) continue;
    if (r.checked_in) continue;
    const agency = d.agencies.get(r.agency_id) ?? r.agency_id;
    out.push({
      key: keyOf('noCheckin', r.id),
      rule: 'noCheckin',
      severity: r.certificate_no ? 'medium' : 'high',
      title: `${agency}对${enterpriseLabel(r)}的检查结束后没有扫码登记`,
      detail: r.certificate_no
        ? `检查时间窗至${formatDate(chinaDate(r.window_end))}结束，被检查企业没有扫码登记（事中登记），检查证 ${r.certificate_no} 未被使用。`
        : `该检查任务没有电子检查证，检查时间窗至${formatDate(chinaDate(r.window_end))}结束，也没有扫码登记。`,
      threshold: `检查时间窗结束 ${s.graceHours} 小时后仍无登记`,
      suggestion: '核实检查是否实际开展、检查人员是否出示电子检查证并请企业扫码登记；未开展的应撤销检查证。',
      agencyIds: [r.agency_id],
      enterpriseCreditCode: r.enterprise_credit_code,
      at: chinaIso(r.window_end),
      records: [inspectionRecord(d, r, r.certificate_no ? '检查结束后企业未扫码登记' : '无电子检查证')],
    });
  }
  return out;
}

export const noCheckin: AlertRuleDefinition<'noCheckin'> = {
  id: 'noCheckin',
  label: '未扫码登记',
  describe: (s) => `检查时间窗结束 ${s.graceHours} 小时后，企业仍未扫码登记`,
  run: noCheckinAlerts,
};
