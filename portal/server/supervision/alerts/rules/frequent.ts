import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, enterpriseLabel, inspectionEpisodes, episodeSpan, episodeRecords } from '../records';
import type { Alert, AlertData, AlertRuleDefinition } from '../types';

/** 重复检查: one agency inspecting one enterprise more than N times within M days. */
function frequentAlerts(d: AlertData, s: AlertRulesSettings['frequent']): Alert[] {
  return inspectionEpisodes(d, (r) => `${r.agency_id}|${r.enterprise_credit_code}`, s).map((ep): Alert => {
    const first = ep[0]!;
    const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
    return {
      key: keyOf('frequent', first.agency_id, first.enterprise_credit_code, first.id),
      rule: 'frequent',
      severity: ep.length > 2 * s.maxInspections ? 'high' : 'medium',
      title: `${agency}在${s.withinDays}天内对${enterpriseLabel(first)}检查${ep.length}次`,
      detail: `${episodeSpan(ep)}，${agency}对同一企业开展检查${ep.length}次（来源：${[...new Set(ep.map((r) => r.source))].join('、')}）。`,
      threshold: `同一机关${s.withinDays}天内对同一企业检查超过 ${s.maxInspections} 次`,
      suggestion: '核实是否存在重复检查：同一事项能合并的应合并，已检查且无新线索的不应再次入企。',
      agencyIds: [first.agency_id],
      ...episodeRecords(d, ep),
    };
  });
}

export const frequent: AlertRuleDefinition<'frequent'> = {
  id: 'frequent',
  label: '重复检查',
  describe: (s) => `同一机关 ${s.withinDays} 天内检查同一企业超过 ${s.maxInspections} 次`,
  run: frequentAlerts,
};
