/**
 * Annual enforcement statistics: inspections, penalty decisions (by agency, field and category), fines and
 * four-list applications. Aggregates only — no record leaves this module.
 *
 * Decisions count when they were published at some point: status published, corrected or expired (a record
 * whose publication period ended still happened). Withdrawn decisions (changed, revoked or found illegal) are
 * left out. Decisions that were never public (简易程序, warnings only, minors…) are not stored at all.
 */
import { PENALTY_CATEGORIES, type Field } from '@sunlight/domain/schemas/common';
import { DISCRETION_KINDS, type DiscretionKind } from '@sunlight/domain/schemas/discretion-item';
import { INSPECTION_SOURCES, INSPECTION_STATUSES, inspectionStatusLabels } from '@sunlight/domain/schemas/inspection';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import type { CsvValue } from './csv';

export const COUNTED_STATUS_SQL = `('published', 'corrected', 'expired')`;

export interface Measures {
  inspections: number;
  decisions: number;
  /** 罚款金额合计, 万元 */
  fines: number;
  discretion: number;
}

export interface YearStatistics {
  year: number;
  /** Set when the year is not over yet: the figures run to this date. */
  asOf: string | undefined;
  totals: Measures;
  byAgency: (Measures & { id: string; name: string; shortName: string; category: string })[];
  byField: (Measures & { field: Field })[];
  byCategory: { category: string; decisions: number }[];
  byKind: { kind: DiscretionKind; n: number }[];
  bySource: { source: string; n: number }[];
  byStatus: { status: string; label: string; n: number }[];
}

export interface TrendRow {
  year: number;
  inspections: number;
  decisions: number;
  fines: number;
}

const zero = (): Measures => ({ inspections: 0, decisions: 0, fines: 0, discretion: 0 });
/** Sums of 万元 amounts keep whole fen (6 decimals). */
const wan = (n: number) => Math.round(n * 1e6) / 1e6;

/** Year by year, newest first: decisions, fines and inspections (not cancelled). */
export async function yearTrend(db: Db): Promise<TrendRow[]> {
  const [decisions, inspections] = await Promise.all([
    db.query<{ y: number; n: number; fines: number | null }>(
      `SELECT extract(year FROM decision_date)::int AS y, count(*)::int AS n,
              sum((data->>'fineAmount')::numeric) AS fines
       FROM disclosures WHERE status IN ${COUNTED_STATUS_SQL} GROUP BY 1`,
    ),
    db.query<{ y: number; n: number }>(
      `SELECT extract(year FROM window_start AT TIME ZONE 'Asia/Shanghai')::int AS y, count(*)::int AS n
       FROM inspections WHERE status <> 'cancelled' GROUP BY 1`,
    ),
  ]);
  const years = new Map<number, TrendRow>();
  const at = (y: number) => {
    let r = years.get(y);
    if (!r) years.set(y, (r = { year: y, inspections: 0, decisions: 0, fines: 0 }));
    return r;
  };
  for (const d of decisions) Object.assign(at(d.y), { decisions: d.n, fines: wan(Number(d.fines ?? 0)) });
  for (const i of inspections) at(i.y).inspections = i.n;
  return [...years.values()].sort((a, b) => b.year - a.year);
}

/** `?year=`: a four-digit year, or undefined. */
export function parseYear(value: string | null | undefined): number | undefined {
  const v = value?.trim();
  return v && /^\d{4}$/.test(v) ? Number(v) : undefined;
}

export async function yearStatistics(db: Db, year: number, today = todayInChina()): Promise<YearStatistics> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const tsFrom = `${from}T00:00:00+08:00`;
  const tsTo = `${to}T00:00:00+08:00`;
  const decisionRange = `status IN ${COUNTED_STATUS_SQL} AND decision_date >= $1::date AND decision_date < $2::date`;
  const [agencies, decisions, inspections, fieldInspections, categories, kinds, statuses] = await Promise.all([
    db.query<{ id: string; name: string; short_name: string | null; category: string }>(
      'SELECT id, name, short_name, category FROM agencies ORDER BY category, name',
    ),
    db.query<{ agency_id: string; field: Field; n: number; fines: number | null; discretion: number }>(
      `SELECT agency_id, data->>'field' AS field, count(*)::int AS n, sum((data->>'fineAmount')::numeric) AS fines,
              count(data->>'discretionItemId')::int AS discretion
       FROM disclosures WHERE ${decisionRange} GROUP BY 1, 2`,
      [from, to],
    ),
    db.query<{ agency_id: string; source: string; n: number }>(
      `SELECT agency_id, source, count(*)::int AS n FROM inspections
       WHERE status <> 'cancelled' AND window_start >= $1::timestamptz AND window_start < $2::timestamptz GROUP BY 1, 2`,
      [tsFrom, tsTo],
    ),
    db.query<{ field: Field; n: number }>(
      `SELECT ii.field, count(DISTINCT i.id)::int AS n
       FROM inspections i
       CROSS JOIN LATERAL jsonb_array_elements_text(i.data->'itemCodes') c
       JOIN inspection_items ii ON ii.code = c
       WHERE i.status <> 'cancelled' AND i.window_start >= $1::timestamptz AND i.window_start < $2::timestamptz
       GROUP BY 1`,
      [tsFrom, tsTo],
    ),
    db.query<{ category: string; n: number }>(
      `SELECT c AS category, count(*)::int AS n
       FROM disclosures CROSS JOIN LATERAL jsonb_array_elements_text(data->'penaltyCategories') c
       WHERE ${decisionRange} GROUP BY 1`,
      [from, to],
    ),
    db.query<{ kind: DiscretionKind; n: number }>(
      `SELECT di.kind, count(*)::int AS n
       FROM disclosures d JOIN discretion_items di ON di.id = d.data->>'discretionItemId'
       WHERE d.status IN ${COUNTED_STATUS_SQL} AND d.decision_date >= $1::date AND d.decision_date < $2::date
       GROUP BY 1`,
      [from, to],
    ),
    db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM inspections
       WHERE window_start >= $1::timestamptz AND window_start < $2::timestamptz GROUP BY 1`,
      [tsFrom, tsTo],
    ),
  ]);

  const totals = zero();
  const byAgency = new Map(
    agencies.map((a) => [
      a.id,
      { id: a.id, name: a.name, shortName: a.short_name ?? a.name, category: a.category, ...zero() },
    ]),
  );
  const byField = new Map<Field, Measures & { field: Field }>();
  const field = (f: Field) => {
    let r = byField.get(f);
    if (!r) byField.set(f, (r = { field: f, ...zero() }));
    return r;
  };
  for (const d of decisions) {
    const fines = Number(d.fines ?? 0);
    for (const target of [byAgency.get(d.agency_id), field(d.field), totals]) {
      if (!target) continue;
      target.decisions += d.n;
      target.fines += fines;
      target.discretion += d.discretion;
    }
  }
  const sources = new Map<string, number>();
  for (const i of inspections) {
    const a = byAgency.get(i.agency_id);
    if (a) a.inspections += i.n;
    totals.inspections += i.n;
    sources.set(i.source, (sources.get(i.source) ?? 0) + i.n);
  }
  for (const fi of fieldInspections) field(fi.field).inspections = fi.n;

  const round = <T extends Measures>(m: T): T => ({ ...m, fines: wan(m.fines) });
  const categoryCounts = new Map(categories.map((c) => [c.category, c.n]));
  const kindCounts = new Map(kinds.map((k) => [k.kind, k.n]));
  const statusCounts = new Map(statuses.map((s) => [s.status, s.n]));
  const yearOver = `${year}-12-31` < today;
  return {
    year,
    asOf: yearOver ? undefined : today,
    totals: round(totals),
    byAgency: [...byAgency.values()].map(round),
    byField: [...byField.values()]
      .map(round)
      .sort((a, b) => b.decisions - a.decisions || b.inspections - a.inspections),
    byCategory: PENALTY_CATEGORIES.map((category) => ({ category, decisions: categoryCounts.get(category) ?? 0 })),
    byKind: DISCRETION_KINDS.map((kind) => ({ kind, n: kindCounts.get(kind) ?? 0 })),
    bySource: INSPECTION_SOURCES.map((source) => ({ source, n: sources.get(source) ?? 0 })),
    byStatus: INSPECTION_STATUSES.map((status) => ({
      status,
      label: inspectionStatusLabels[status],
      n: statusCounts.get(status) ?? 0,
    })),
  };
}

export const STATISTICS_CSV_HEADERS = [
  '年度',
  '分组',
  '名称',
  '检查任务数',
  '处罚决定数',
  '罚款金额（万元）',
  '适用四张清单次数',
] as const;

/** Every table of the page in one long CSV: one row per group member; empty where a measure does not apply. */
export function statisticsCsvRows(s: YearStatistics): CsvValue[][] {
  const m = (group: string, name: string, x: Measures): CsvValue[] => [
    s.year,
    group,
    name,
    x.inspections,
    x.decisions,
    x.fines,
    x.discretion,
  ];
  return [
    m('合计', '全区', s.totals),
    ...s.byAgency.map((a) => m('执法主体', a.name, a)),
    ...s.byField.map((f) => m('执法领域', f.field, f)),
    ...s.byCategory.map((c): CsvValue[] => [s.year, '处罚类别', c.category, null, c.decisions, null, null]),
    ...s.byKind.map((k): CsvValue[] => [s.year, '四张清单类别', k.kind, null, null, null, k.n]),
    ...s.bySource.map((x): CsvValue[] => [s.year, '检查任务来源', x.source, x.n, null, null, null]),
  ];
}
