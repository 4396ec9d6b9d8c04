import { ratingLabels, RATING_DIMENSIONS, type RatingDimension } from '@sunlight/domain/schemas/evaluation';
import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, evaluationRecord, latest, groupBy } from '../records';
import { formatDate } from '../../period';
import type { Alert, AlertData, AlertRuleDefinition } from '../types';

/** An agency whose average rating on a configured dimension is below the threshold. */
function lowRatingAlerts(d: AlertData, s: AlertRulesSettings['lowRating']): Alert[] {
  const out: Alert[] = [];
  for (const [agencyId, rows] of groupBy(d.evaluations, (e) => e.agency_id)) {
    if (rows.length < s.minEvaluations) continue;
    const averages = Object.fromEntries(
      RATING_DIMENSIONS.map((dim) => [dim, rows.reduce((sum, e) => sum + Number(e.ratings[dim]), 0) / rows.length]),
    ) as Record<RatingDimension, number>;
    const low = s.dimensions.filter((dim) => averages[dim] < s.threshold);
    if (!low.length) continue;
    const agency = d.agencies.get(agencyId) ?? agencyId;
    const prev = d.previousRatings.get(agencyId);
    const fmt = (n: number) => n.toFixed(2);
    out.push({
      key: keyOf('lowRating', agencyId, d.period.from, d.period.to),
      rule: 'lowRating',
      severity: low.some((dim) => averages[dim] < s.threshold - 1) ? 'high' : 'medium',
      title: `${agency}企业评价${low.map((dim) => ratingLabels[dim]).join('、')}平均分低于${s.threshold}`,
      detail:
        `${formatDate(d.period.from)}至${formatDate(d.period.to)}共${rows.length}条评价：` +
        low
          .map(
            (dim) =>
              `${ratingLabels[dim]}平均${fmt(averages[dim])}分${prev && prev.n > 0 ? `（上一期${fmt(Number(prev[dim]))}分）` : ''}`,
          )
          .join('，') +
        '。',
      threshold: `${s.dimensions.map((dim) => ratingLabels[dim]).join('、')}平均分低于 ${s.threshold}（至少 ${s.minEvaluations} 条评价）`,
      suggestion: '约谈该机关，分析评分低的检查（见下方评价记录），督促改进执法方式；评价人信息不得向该机关透露。',
      agencyIds: [agencyId],
      at: latest(rows.map((e) => e.created_at)),
      records: [...rows]
        .sort((a, b) => Number(a.ratings.overall) - Number(b.ratings.overall))
        .map((e) => evaluationRecord(d, e)),
    });
  }
  return out;
}

export const lowRating: AlertRuleDefinition<'lowRating'> = {
  id: 'lowRating',
  label: '评分偏低',
  describe: (s) =>
    `机关的${s.dimensions.map((x) => ratingLabels[x]).join('、')}平均分低于 ${s.threshold}（至少 ${s.minEvaluations} 条评价）`,
  run: lowRatingAlerts,
};
