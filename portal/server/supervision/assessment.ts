import {
  ASSESSMENT_COMPONENTS,
  assessmentComponentLabels,
  type AssessmentComponent,
  type SupervisionSettings,
} from '@sunlight/domain/schemas/supervision-settings';
import { toCsv } from '../csv';
import type { Db } from '../db/types';
import { COUNTED_STATUS_SQL } from '../disclosures/status-sql';
import type { Alert } from './alerts';
import { overdueByAgency } from './cases';
import { alertsByAgency, evaluationsByAgency, inspectionsByAgency, participationByAgency } from './figures';
import type { Period } from './period';
import { countedAlerts } from './alerts/state';

/**
 * 评议考核: a score out of 100 per agency for a period. Each component is a value in 0–1 times its
 * configured weight:
 *
 * - participation (扫码登记率): share of the agency's inspections whose window ended in the period that the
 *   enterprise checked in (事中登记) — officers really used the electronic certificate (figures.ts);
 * - evaluation (企业评价): mean of all five rating dimensions, (mean − 1) / 4; needs `minEvaluations`;
 * - alerts (预警情况): 1 − (alerts per 100 inspections) / alertsForZero (at least 0), alerts attributed to
 *   the agency and not closed as 不予处理 (unfounded); needs `minInspectionsForAlerts` inspections;
 * - overdue (督办超期): 1 − overdue work orders / overdueForZero (at least 0);
 * - discretion (四张清单适用): share of the agency's penalty decisions applying a four-list item, divided
 *   by the target share (at most 1); needs at least one decision.
 *
 * A component without data (no inspections ended, too few evaluations, no decisions) is left out and
 * the score is scaled to the weights that remain, so an agency is neither rewarded nor punished for
 * having nothing to measure; the breakdown says so.
 */

export interface ComponentScore {
  component: AssessmentComponent;
  weight: number;
  /** 0–1, or null when there is no data. */
  value: number | null;
  /** Points earned (value × weight), null when there is no data. */
  points: number | null;
  /** What was measured, e.g. 36/40 or 4.2 分（12 条）. */
  basis: string;
}

export interface AgencyScore {
  /** 1-based; null when too little was measured to rank (weightCovered below minCoveredWeight). */
  rank: number | null;
  agencyId: string;
  name: string;
  shortName: string;
  category: string;
  /** 0–100, rounded to one decimal. */
  score: number;
  /** Sum of the weights with data. */
  weightCovered: number;
  components: ComponentScore[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

export async function assess(
  db: Db,
  period: Period,
  settings: SupervisionSettings,
  alerts: readonly Alert[],
  now = new Date(),
): Promise<AgencyScore[]> {
  const cfg = settings.assessment;
  const [agencies, part, inspections, evals, decisions, overdue] = await Promise.all([
    db.query<{ id: string; name: string; short_name: string | null; category: string }>(
      `SELECT id, name, short_name, category FROM agencies ORDER BY category, name`,
    ),
    participationByAgency(db, period, now),
    inspectionsByAgency(db, period),
    evaluationsByAgency(db, period),
    db.query<{ agency_id: string; n: number; applied: number }>(
      `SELECT agency_id, count(*)::int AS n, count(*) FILTER (WHERE coalesce(data->>'discretionItemId', '') <> '')::int AS applied
       FROM disclosures WHERE decision_date >= $1::date AND decision_date <= $2::date
         AND status IN ${COUNTED_STATUS_SQL}
       GROUP BY agency_id`,
      [period.from, period.to],
    ),
    overdueByAgency(db, period.start, period.end, now),
  ]);
  const decs = new Map(decisions.map((r) => [r.agency_id, r]));
  // Alerts closed as 不予处理 (unfounded, with the reason in the work order and the audit log) do not count.
  const alertCount = alertsByAgency(await countedAlerts(db, alerts));

  const rows = agencies.map((a) => {
    const w = cfg.weights;
    const p = part.get(a.id);
    const e = evals.get(a.id);
    const d = decs.get(a.id);
    const nAlerts = alertCount.get(a.id) ?? 0;
    const nInspections = inspections.get(a.id) ?? 0;
    const per100 = nInspections ? (nAlerts / nInspections) * 100 : 0;
    const nOverdue = overdue.get(a.id) ?? 0;
    const values: Record<AssessmentComponent, { value: number | null; basis: string }> = {
      participation: p?.ended
        ? { value: p.checked / p.ended, basis: `${p.checked}/${p.ended} 次检查已登记（${pct(p.checked / p.ended)}）` }
        : { value: null, basis: '期间内没有结束的检查' },
      evaluation:
        e && e.n >= cfg.minEvaluations
          ? { value: (e.mean - 1) / 4, basis: `平均 ${e.mean.toFixed(2)} 分（${e.n} 条评价）` }
          : { value: null, basis: `评价不足 ${cfg.minEvaluations} 条（${e?.n ?? 0} 条）` },
      alerts:
        nInspections >= cfg.minInspectionsForAlerts
          ? {
              value: Math.max(0, 1 - per100 / cfg.alertsForZero),
              basis: `${nAlerts} 条预警 / ${nInspections} 次检查，每百次 ${round1(per100)} 条（每百次 ${cfg.alertsForZero} 条扣完）`,
            }
          : {
              value: null,
              basis: `${nAlerts} 条预警；检查不足 ${cfg.minInspectionsForAlerts} 次（${nInspections} 次），按检查量折算不可靠，不计分`,
            },
      overdue: {
        value: Math.max(0, 1 - nOverdue / cfg.overdueForZero),
        basis: `${nOverdue} 件超期工单（${cfg.overdueForZero} 件扣完）`,
      },
      discretion: d?.n
        ? {
            value: Math.min(1, d.applied / d.n / cfg.discretionTarget),
            basis: `${d.applied}/${d.n} 个处罚决定适用（${pct(d.applied / d.n)}，目标 ${pct(cfg.discretionTarget)}）`,
          }
        : { value: null, basis: '期间内没有处罚决定' },
    };
    const components: ComponentScore[] = ASSESSMENT_COMPONENTS.map((c) => ({
      component: c,
      weight: w[c],
      value: values[c].value,
      points: values[c].value === null ? null : round1(values[c].value! * w[c]),
      basis: values[c].basis,
    }));
    const covered = components.filter((c) => c.value !== null).reduce((s, c) => s + c.weight, 0);
    const earned = components.reduce((s, c) => s + (c.value === null ? 0 : c.value * c.weight), 0);
    return {
      rank: 0,
      agencyId: a.id,
      name: a.name,
      shortName: a.short_name ?? a.name,
      category: a.category,
      score: covered ? round1((earned / covered) * 100) : 0,
      weightCovered: covered,
      components,
    };
  });
  return rank(rows, cfg.minCoveredWeight);
}

/**
 * Ranked agencies first (best score first; equal scores share a rank: 1, 2, 2, 4), then the agencies with
 * too little data (rank null), by score.
 */
function rank(rows: AgencyScore[], minCovered: number): AgencyScore[] {
  const order = (x: AgencyScore, y: AgencyScore) =>
    y.score - x.score || x.category.localeCompare(y.category) || x.name.localeCompare(y.name, 'zh-CN');
  const ranked = rows.filter((r) => r.weightCovered >= minCovered && r.weightCovered > 0).sort(order);
  const unranked = rows.filter((r) => !ranked.includes(r)).sort(order);
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1]!.score === r.score ? ranked[i - 1]!.rank : i + 1;
  });
  for (const r of unranked) r.rank = null;
  return [...ranked, ...unranked];
}

/** Ranks within one category (A/B/C/D), as Binhai assesses bodies of the same kind together. */
export function rankWithin(rows: readonly AgencyScore[], category: string, minCovered: number): AgencyScore[] {
  return rank(
    rows.filter((r) => r.category === category).map((r) => ({ ...r })),
    minCovered,
  );
}

/** CSV (UTF-8 with BOM, CRLF) of the ranked table with every component's value, points and basis. */
export function assessmentCsv(rows: readonly AgencyScore[], period: Period): string {
  const headers = [
    '名次',
    '执法主体',
    '类别',
    '总分',
    ...ASSESSMENT_COMPONENTS.flatMap((c) => [
      `${assessmentComponentLabels[c]}得分`,
      `${assessmentComponentLabels[c]}权重`,
      `${assessmentComponentLabels[c]}依据`,
    ]),
    '有数据的权重合计',
    '统计期间',
  ];
  return toCsv(
    headers,
    rows.map((r) => [
      r.rank ?? '数据不足，不排名',
      r.name,
      r.category,
      r.score,
      ...r.components.flatMap((c) => [c.points ?? '无数据', c.weight, c.basis]),
      r.weightCovered,
      `${period.from}至${period.to}`,
    ]),
  );
}
