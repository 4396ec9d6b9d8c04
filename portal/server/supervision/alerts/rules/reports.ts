import { reportKindLabels } from '@sunlight/domain/schemas/report';
import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { chinaIso } from '../../period';
import { keyOf, latest } from '../records';
import type { Alert, AlertData, AlertRuleDefinition, ReportRow } from '../types';

const DAY_MS = 86_400_000;

/**
 * 反映问题集中: `minReports` or more reports of the watched kinds (by default 入企未亮码/未亮证) against one
 * agency within `withinDays` days, ending in the period. One alert per agency: its busiest window.
 */
function reportAlerts(d: AlertData, s: AlertRulesSettings['reports']): Alert[] {
  const watched = new Set(s.kinds);
  const byAgency = new Map<string, ReportRow[]>();
  for (const r of d.reports) {
    if (!watched.has(r.kind)) continue;
    byAgency.set(r.agency_id, [...(byAgency.get(r.agency_id) ?? []), r]);
  }
  const out: Alert[] = [];
  for (const [agencyId, rows] of byAgency) {
    let best: ReportRow[] = [];
    let start = 0;
    for (let end = 0; end < rows.length; end++) {
      const endAt = new Date(rows[end]!.received_at).getTime();
      while (endAt - new Date(rows[start]!.received_at).getTime() > s.withinDays * DAY_MS) start++;
      if (endAt < d.period.start.getTime()) continue;
      if (end - start + 1 > best.length) best = rows.slice(start, end + 1);
    }
    if (best.length < s.minReports) continue;
    const agency = d.agencies.get(agencyId) ?? agencyId;
    const kinds = [...new Set(best.map((r) => reportKindLabels[r.kind]))].join('、');
    out.push({
      key: keyOf('reports', `${agencyId}:${best[0]!.receipt}`),
      rule: 'reports',
      severity: best.length >= s.minReports * 2 ? 'high' : 'medium',
      title: `${agency}在${s.withinDays}天内被反映${kinds} ${best.length} 次`,
      detail: `${s.withinDays}天内企业和群众反映${agency}检查中${kinds}共 ${best.length} 件（同一内容重复提交的只计一次）。`,
      threshold: `${s.withinDays}天内${[...watched].map((k) => reportKindLabels[k]).join('、')}达到 ${s.minReports} 件`,
      suggestion:
        '调阅该机关这段时间的检查任务和检查证签发记录，核实是否存在未经系统签发、未亮码亮证的检查；核查中不得向被检查机关透露反映人。',
      agencyIds: [agencyId],
      at: latest(best.map((r) => r.received_at)),
      records: best.map((r) => ({
        type: 'report' as const,
        receipt: r.receipt,
        caseId: r.case_id,
        agencyId,
        agencyName: agency,
        kind: r.kind,
        occurredAt: chinaIso(r.occurred_at),
        receivedAt: chinaIso(r.received_at),
      })),
    });
  }
  return out;
}

export const reports: AlertRuleDefinition<'reports'> = {
  id: 'reports',
  label: '反映问题集中',
  describe: (s) =>
    `同一机关${s.withinDays}天内被反映${s.kinds.map((k) => reportKindLabels[k]).join('、')}达到 ${s.minReports} 件`,
  run: reportAlerts,
};
