import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, inPeriod, certificateRecord, latest, episodes, groupBy } from '../records';
import { chinaIso } from '../../period';
import type { Alert, AlertData, AlertRuleDefinition } from '../types';

/** One approver approving more than N certificates within M minutes. */
function bulkAlerts(d: AlertData, s: AlertRulesSettings['bulk']): Alert[] {
  const out: Alert[] = [];
  for (const rows of groupBy(d.certificates, (c) => `${c.agency_id}|${c.approver ?? ''}`).values()) {
    if (rows.length <= s.maxCertificates) continue;
    const eps = episodes(
      rows,
      (c) => c.issued_at.getTime(),
      s.withinMinutes * 60_000,
      (x) => x.length > s.maxCertificates,
    );
    for (const ep of eps) {
      if (!ep.some((c) => inPeriod(c.issued_at, d.period))) continue;
      const first = ep[0]!;
      const last = ep[ep.length - 1]!;
      const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
      const minutes = Math.max(1, Math.round((last.issued_at.getTime() - first.issued_at.getTime()) / 60_000));
      out.push({
        key: keyOf('bulk', first.agency_id, first.approver ?? '', first.certificate_no),
        rule: 'bulk',
        severity: ep.length > 3 * s.maxCertificates ? 'high' : 'medium',
        title: `${agency}审批人${first.approver ?? '（未填）'}在${minutes}分钟内签发检查证${ep.length}张`,
        detail: `${chinaIso(first.issued_at).slice(0, 16).replace('T', ' ')}至${chinaIso(last.issued_at).slice(11, 16)}，同一审批人集中签发${ep.length}张检查证。`,
        threshold: `同一审批人 ${s.withinMinutes} 分钟内签发超过 ${s.maxCertificates} 张`,
        suggestion: '核实是否逐一审查检查必要性、检查事项和检查人员；批量“走过场”审批的，督促整改。',
        agencyIds: [first.agency_id],
        at: latest(ep.map((c) => c.issued_at)),
        records: ep.map((c) => certificateRecord(d, c)),
      });
    }
  }
  return out;
}

export const bulk: AlertRuleDefinition<'bulk'> = {
  id: 'bulk',
  label: '集中批量签发',
  describe: (s) => `同一审批人 ${s.withinMinutes} 分钟内签发检查证超过 ${s.maxCertificates} 张`,
  run: bulkAlerts,
};
