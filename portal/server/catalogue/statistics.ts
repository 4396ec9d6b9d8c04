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
import { CHINA_TIME_ZONE } from '@sunlight/domain/china-time';
import { REPORT_KINDS, REPORT_STATUSES, reportKindLabels, reportStatusLabels } from '@sunlight/domain/schemas/report';
import { todayInChina } from '@sunlight/domain/validators/dates';
import { Cache, perDatabase } from '../cache';
import type { Db } from '../db/types';
import type { CsvValue } from '../csv';
import { COUNTED_STATUS_SQL } from '../disclosures/status-sql';

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
  /** 反映问题 received this year (a report sent twice counts once), by kind, by agency reported and by outcome. */
  reports: {
    total: number;
    byKind: { kind: string; label: string; n: number }[];
    byAgency: { id: string | null; name: string; n: number }[];
    byOutcome: { status: string; label: string; n: number }[];
  };
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

/** `?year=`: a four-digit year, or undefined. */
export function parseYear(value: string | null | undefined): number | undefined {
  const v = value?.trim();
  return v && /^\d{4}$/.test(v) ? Number(v) : undefined;
}

interface DecisionGroup {
  part: 'main' | 'category';
  y: number;
  agency_id: string | null;
  field: Field | null;
  kind: DiscretionKind | null;
  category: string | null;
  n: number;
  fines: number | null;
  discretion: number;
}

interface InspectionGroup {
  y: number;
  agency_id: string;
  source: string;
  status: string;
  n: number;
}

export interface Statistics {
  /** Every year with decisions or inspections, newest first. */
  trend: TrendRow[];
  /** The asked year (default: the newest); undefined when there is no data for it. */
  year: YearStatistics | undefined;
}

interface RawStatistics {
  agencies: { id: string; name: string; short_name: string | null; category: string }[];
  decisionRows: DecisionGroup[];
  inspectionRows: InspectionGroup[];
  fieldRows: { y: number; field: Field; n: number }[];
  reportRows: { y: number; kind: string; agency_id: string | null; status: string; n: number }[];
}

/** Aggregates change slowly; each process keeps them this long (the page and its CSV then agree too). */
export const STATISTICS_CACHE_MS = 60_000;
const rawCache = perDatabase(() => new Cache<'raw', RawStatistics>({ ttlMs: STATISTICS_CACHE_MS, max: 1 }));

/**
 * The aggregates behind the statistics page, in four queries whatever the year: one pass over the decisions
 * (grouped by year × agency × field × four-list kind, plus year × penalty category), one over the inspections
 * (year × agency × source × status), inspections per field (through their items) and the agencies.
 */
async function queryStatistics(db: Db): Promise<RawStatistics> {
  const yearOf = `extract(year FROM window_start AT TIME ZONE '${CHINA_TIME_ZONE}')::int`;
  const [agencies, decisionRows, inspectionRows, fieldRows, reportRows] = await Promise.all([
    db.query<{ id: string; name: string; short_name: string | null; category: string }>(
      'SELECT id, name, short_name, category FROM agencies ORDER BY category, name',
    ),
    db.query<DecisionGroup>(
      // jsonb_to_record reads each stored decision once (every ->> would decompress the row again).
      `WITH y AS MATERIALIZED (
         SELECT extract(year FROM d.decision_date)::int AS y, d.agency_id, x.field, di.kind,
                x."discretionItemId" AS discretion_id, x."fineAmount" AS fine, x."penaltyCategories" AS categories
         FROM disclosures d
         CROSS JOIN LATERAL jsonb_to_record(d.data)
           AS x(field text, "discretionItemId" text, "fineAmount" numeric, "penaltyCategories" jsonb)
         LEFT JOIN discretion_items di ON di.id = x."discretionItemId"
         WHERE d.status IN ${COUNTED_STATUS_SQL}
       )
       SELECT 'main' AS part, y, agency_id, field, kind, NULL AS category, count(*)::int AS n, sum(fine) AS fines,
              count(discretion_id)::int AS discretion
       FROM y GROUP BY y, agency_id, field, kind
       UNION ALL
       SELECT 'category', y, NULL, NULL, NULL, c, count(*)::int, NULL, 0
       FROM y CROSS JOIN LATERAL jsonb_array_elements_text(y.categories) c GROUP BY y, c`,
    ),
    db.query<InspectionGroup>(
      `SELECT ${yearOf} AS y, agency_id, source, status, count(*)::int AS n FROM inspections GROUP BY 1, 2, 3, 4`,
    ),
    db.query<{ y: number; field: Field; n: number }>(
      `SELECT ${yearOf.replace('window_start', 'i.window_start')} AS y, ii.field, count(DISTINCT i.id)::int AS n
       FROM inspections i
       CROSS JOIN LATERAL jsonb_array_elements_text(i.data->'itemCodes') c
       JOIN inspection_items ii ON ii.code = c
       WHERE i.status <> 'cancelled'
       GROUP BY 1, 2`,
    ),
    db.query<{ y: number; kind: string; agency_id: string | null; status: string; n: number }>(
      `SELECT extract(year FROM r.received_at AT TIME ZONE '${CHINA_TIME_ZONE}')::int AS y, r.kind, r.agency_id,
              c.status, count(*)::int AS n
       FROM reports r JOIN supervision_cases c ON c.id = r.case_id
       WHERE r.duplicate_of IS NULL
       GROUP BY 1, 2, 3, 4`,
    ),
  ]);

  return { agencies, decisionRows, inspectionRows, fieldRows, reportRows };
}

function rawStatistics(db: Db, fresh: boolean): Promise<RawStatistics> {
  const cache = rawCache(db);
  if (fresh) cache.delete('raw');
  return cache.remember('raw', () => queryStatistics(db));
}

/** Everything the statistics page shows for one year (default: the newest), and the trend over the years. */
export async function statistics(
  db: Db,
  asked?: number,
  today = todayInChina(),
  { fresh = false }: { fresh?: boolean } = {},
): Promise<Statistics> {
  const { agencies, decisionRows, inspectionRows, fieldRows, reportRows } = await rawStatistics(db, fresh);
  const years = new Map<number, TrendRow>();
  const at = (y: number) => {
    let r = years.get(y);
    if (!r) years.set(y, (r = { year: y, inspections: 0, decisions: 0, fines: 0 }));
    return r;
  };
  for (const d of decisionRows) {
    if (d.part !== 'main') continue;
    const t = at(d.y);
    t.decisions += d.n;
    t.fines += Number(d.fines ?? 0);
  }
  for (const i of inspectionRows) if (i.status !== 'cancelled') at(i.y).inspections += i.n;
  for (const r of reportRows) at(r.y);
  const trend = [...years.values()].map((t) => ({ ...t, fines: wan(t.fines) })).sort((a, b) => b.year - a.year);

  const year = asked ?? trend[0]?.year;
  if (year === undefined || !years.has(year)) return { trend, year: undefined };

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
  const categoryCounts = new Map<string, number>();
  const kindCounts = new Map<string, number>();
  for (const d of decisionRows) {
    if (d.y !== year) continue;
    if (d.part === 'category') {
      categoryCounts.set(d.category ?? '', (categoryCounts.get(d.category ?? '') ?? 0) + d.n);
      continue;
    }
    const fines = Number(d.fines ?? 0);
    for (const target of [byAgency.get(d.agency_id ?? ''), d.field ? field(d.field) : undefined, totals]) {
      if (!target) continue;
      target.decisions += d.n;
      target.fines += fines;
      target.discretion += d.discretion;
    }
    if (d.kind) kindCounts.set(d.kind, (kindCounts.get(d.kind) ?? 0) + d.n);
  }
  const sources = new Map<string, number>();
  const statusCounts = new Map<string, number>();
  for (const i of inspectionRows) {
    if (i.y !== year) continue;
    statusCounts.set(i.status, (statusCounts.get(i.status) ?? 0) + i.n);
    if (i.status === 'cancelled') continue;
    const a = byAgency.get(i.agency_id);
    if (a) a.inspections += i.n;
    totals.inspections += i.n;
    sources.set(i.source, (sources.get(i.source) ?? 0) + i.n);
  }
  for (const f of fieldRows) if (f.y === year) field(f.field).inspections = f.n;
  const reportsOfYear = reportRows.filter((r) => r.y === year);
  const countBy = (key: (r: (typeof reportRows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of reportsOfYear) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
    return m;
  };
  const reportKinds = countBy((r) => r.kind);
  const reportAgencies = countBy((r) => r.agency_id ?? '');
  const reportOutcomes = countBy((r) => REPORT_OUTCOME_OF_CASE[r.status] ?? 'received');

  const round = <T extends Measures>(m: T): T => ({ ...m, fines: wan(m.fines) });
  return {
    trend,
    year: {
      year,
      asOf: `${year}-12-31` < today ? undefined : today,
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
      reports: {
        total: reportsOfYear.reduce((sum, r) => sum + r.n, 0),
        byKind: REPORT_KINDS.map((kind) => ({ kind, label: reportKindLabels[kind], n: reportKinds.get(kind) ?? 0 })),
        byAgency: [
          ...agencies.map((a) => ({ id: a.id as string | null, name: a.name, n: reportAgencies.get(a.id) ?? 0 })),
          { id: null, name: '反映人不清楚', n: reportAgencies.get('') ?? 0 },
        ].filter((a) => a.n > 0),
        byOutcome: REPORT_STATUSES.map((status) => ({
          status,
          label: reportStatusLabels[status],
          n: reportOutcomes.get(status) ?? 0,
        })),
      },
    },
  };
}

/** A report's outcome is its work order's state (see reports/store.ts). */
const REPORT_OUTCOME_OF_CASE: Readonly<Record<string, string>> = {
  pending: 'received',
  verifying: 'verifying',
  closed: 'closed',
  dismissed: 'unfounded',
};

export const STATISTICS_CSV_HEADERS = [
  '年度',
  '分组',
  '名称',
  '检查任务数',
  '处罚决定数',
  '罚款金额（万元）',
  '适用四张清单次数',
  '反映问题数',
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
    null,
  ];
  return [
    [...m('合计', '全区', s.totals).slice(0, -1), s.reports.total],
    ...s.byAgency.map((a) => m('执法主体', a.name, a)),
    ...s.byField.map((f) => m('执法领域', f.field, f)),
    ...s.byCategory.map((c): CsvValue[] => [s.year, '处罚类别', c.category, null, c.decisions, null, null, null]),
    ...s.byKind.map((k): CsvValue[] => [s.year, '四张清单类别', k.kind, null, null, null, k.n, null]),
    ...s.bySource.map((x): CsvValue[] => [s.year, '检查任务来源', x.source, x.n, null, null, null, null]),
    ...s.reports.byKind.map((k): CsvValue[] => [s.year, '反映问题类型', k.label, null, null, null, null, k.n]),
    ...s.reports.byAgency.map((a): CsvValue[] => [s.year, '被反映单位', a.name, null, null, null, null, a.n]),
    ...s.reports.byOutcome.map((o): CsvValue[] => [s.year, '反映办理结果', o.label, null, null, null, null, o.n]),
  ];
}
