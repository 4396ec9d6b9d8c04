import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, enterpriseLabel, inspectionEpisodes, episodeSpan, episodeRecords } from '../records';
import type { Alert, AlertData, AlertRuleDefinition, InspectionRow } from '../types';

/** 多头检查: more than N inspections of one enterprise by at least K agencies within M days → joint inspection. */
function multiAgencyAlerts(d: AlertData, s: AlertRulesSettings['multiAgency']): Alert[] {
  const agenciesIn = (xs: readonly InspectionRow[]) => new Set(xs.map((r) => r.agency_id));
  const eps = inspectionEpisodes(
    d,
    (r) => r.enterprise_credit_code,
    s,
    (x) => agenciesIn(x).size >= s.minAgencies,
  );
  return eps.map((ep): Alert => {
    const first = ep[0]!;
    const ids = [...agenciesIn(ep)];
    const names = ids.map((id) => d.agencies.get(id) ?? id);
    return {
      key: keyOf('multiAgency', first.enterprise_credit_code, first.id),
      rule: 'multiAgency',
      severity: ids.length >= 3 || ep.length > 2 * s.maxInspections ? 'high' : 'medium',
      title: `${enterpriseLabel(first)}在${s.withinDays}天内被${ids.length}个机关检查${ep.length}次`,
      detail: `${episodeSpan(ep)}，${names.join('、')}先后对同一企业开展检查${ep.length}次。`,
      threshold: `${s.withinDays}天内同一企业被至少 ${s.minAgencies} 个机关检查超过 ${s.maxInspections} 次`,
      suggestion: `建议由${names[0]}牵头，会同${names.slice(1).join('、')}开展联合检查（“综合查一次”），之后的检查事项合并进行，减少对企业的干扰。`,
      agencyIds: ids,
      ...episodeRecords(d, ep),
    };
  });
}

export const multiAgency: AlertRuleDefinition<'multiAgency'> = {
  id: 'multiAgency',
  label: '多头检查',
  describe: (s) =>
    `同一企业 ${s.withinDays} 天内被至少 ${s.minAgencies} 个机关检查超过 ${s.maxInspections} 次，建议联合检查`,
  run: multiAgencyAlerts,
};
