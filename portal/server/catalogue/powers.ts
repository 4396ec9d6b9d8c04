/** 权责清单 (powers list): list with filters, one power with everything that hangs off it. */
import { POWER_TYPES, type BasisRef, type Field, type PowerType } from '@sunlight/domain/schemas/common';
import type { DiscretionItem } from '@sunlight/domain/schemas/discretion-item';
import type { EnforcementItem } from '@sunlight/domain/schemas/enforcement-item';
import type { InspectionItem } from '@sunlight/domain/schemas/inspection-item';
import type { PowerItem } from '@sunlight/domain/schemas/power-item';
import type { Db } from '../db/types';
import {
  addBasisFilter,
  allWithTitles,
  recordWithAgency,
  addSearch,
  basisContains,
  basisListText,
  PAGE_SIZE,
  pageOf,
  paramsOf,
  pick,
  resolveBasis,
  sharedListFilters,
  Where,
  type Paged,
  type ResolvedBasis,
  type ListQuery,
} from './common';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import type { CsvValue } from '../csv';
import { discretionOrder } from './discretion';

export interface PowerFilters {
  q?: string | undefined;
  type?: PowerType | undefined;
  agency?: string | undefined;
  field?: Field | undefined;
  law?: string | undefined;
  article?: number | undefined;
  page: number;
}

export function parsePowerFilters(sp: URLSearchParams): PowerFilters {
  return { ...sharedListFilters(sp), type: pick(sp.get('type'), POWER_TYPES) };
}

/** The filters as URL parameters (for links and the CSV address). */
export function powerParams(f: PowerFilters) {
  return paramsOf(f, ['q', 'type', 'agency', 'field', 'law', 'article', 'page']);
}

function powerWhere(f: PowerFilters): Where {
  const w = new Where();
  if (f.type) w.add('p.type = {}', f.type);
  if (f.agency) w.add('p.agency_id = {}', f.agency);
  if (f.field) w.add(`p.data->>'field' = {}`, f.field);
  addBasisFilter(w, `p.data->'basis'`, f.law, f.article);
  addSearch(w, f.q, ['p.name', 'p.code'], { column: `p.data->'basis'`, lawCodes: true });
  return w;
}

export interface PowerRow {
  code: string;
  name: string;
  type: PowerType;
  field: Field;
  agencyId: string;
  agencyName: string;
  agencyShortName: string;
  basis: BasisRef[];
}

const POWERS: ListQuery = {
  from: 'powers p',
  join: 'JOIN agencies a ON a.id = p.agency_id',
  columns: `p.code, p.name, p.type, p.data->>'field' AS field, p.agency_id AS "agencyId",
  a.name AS "agencyName", coalesce(a.short_name, a.name) AS "agencyShortName", p.data->'basis' AS basis`,
  order: 'p.code',
};

export function listPowers(db: Db, f: PowerFilters, pageSize = PAGE_SIZE): Promise<Paged<PowerRow>> {
  return pageOf<PowerRow>(db, POWERS, powerWhere(f), f.page, pageSize);
}

export const POWER_CSV_HEADERS = ['权责事项编码', '事项名称', '权力类型', '实施主体', '执法领域', '设定依据'] as const;

export async function powersCsvRows(db: Db, f: PowerFilters): Promise<CsvValue[][]> {
  const { rows, titles } = await allWithTitles<PowerRow>(db, POWERS, powerWhere(f), (r) => r.basis);
  return rows.map((r) => [r.code, r.name, r.type, r.agencyName, r.field, basisListText(r.basis, titles)]);
}

/** Counts of powers per type (for the type filter's explanation). */
export async function powerTypeCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.query<{ type: string; n: number }>('SELECT type, count(*)::int AS n FROM powers GROUP BY type');
  return new Map(rows.map((r) => [r.type, r.n]));
}

export interface PowerDetail {
  power: PowerItem;
  agency: { id: string; name: string; shortName: string; complaintPhone: string | undefined };
  basis: (ResolvedBasis & { decisions: number })[];
  /** 主项 with their 子项, in code order. */
  enforcementItems: (EnforcementItem & { children: EnforcementItem[] })[];
  inspectionItems: Pick<InspectionItem, 'code' | 'name' | 'objectType' | 'frequency' | 'random'>[];
  discretionItems: DiscretionItem[];
}

/** One power with its basis (article texts, and how many public decisions cite each article). */
export async function getPower(db: Db, code: string): Promise<PowerDetail | undefined> {
  const row = await recordWithAgency<PowerItem>(db, 'powers', 'code', code);
  if (!row) return undefined;
  const power = row.data;
  const [basis, decisionCounts, items, inspectionItems, discretionItems] = await Promise.all([
    resolveBasis(db, power.basis),
    decisionsCitingEach(db, power.basis),
    db.query<{ data: EnforcementItem }>(
      `SELECT data FROM enforcement_items WHERE data->>'powerCode' = $1 ORDER BY code`,
      [code],
    ),
    db.query<PowerDetail['inspectionItems'][number]>(
      `SELECT code, data->>'name' AS name, data->>'objectType' AS "objectType", data->>'frequency' AS frequency,
              (data->>'random')::boolean AS random
       FROM inspection_items WHERE data->>'powerCode' = $1 ORDER BY code`,
      [code],
    ),
    db.query<{ data: DiscretionItem }>(
      `SELECT data FROM discretion_items WHERE data->>'powerCode' = $1 ORDER BY ${discretionOrder()}, id`,
      [code],
    ),
  ]);
  const all = items.map((r) => r.data);
  const mains = all.filter((e) => e.level === '主项').map((e) => ({ ...e, children: [] as EnforcementItem[] }));
  const byCode = new Map(mains.map((m) => [m.code, m]));
  const orphans: (EnforcementItem & { children: EnforcementItem[] })[] = [];
  for (const e of all) {
    if (e.level !== '子项') continue;
    const parent = e.parentCode ? byCode.get(e.parentCode) : undefined;
    if (parent) parent.children.push(e);
    else orphans.push({ ...e, children: [] });
  }
  return {
    power,
    agency: row.agency,
    basis: basis.map((b, i) => ({ ...b, decisions: decisionCounts[i] ?? 0 })),
    enforcementItems: [...mains, ...orphans],
    inspectionItems,
    discretionItems: discretionItems.map((r) => r.data),
  };
}

/** For each reference, how many public decisions cite that article (of that law), in one pass over the decisions. */
export async function decisionsCitingEach(db: Db, refs: readonly BasisRef[]): Promise<number[]> {
  if (!refs.length) return [];
  // One containment test per cited law (usually one), OR-ed: each decompresses a stored decision once, and a
  // GIN index on data->'basisRefs' can answer each of them. The join then keeps the exact articles.
  const laws = [...new Set(refs.map((r) => r.lawCode))];
  const contains = laws.map((_, i) => `d.data->'basisRefs' @> $${i + 2}::jsonb`).join(' OR ');
  const rows = await db.query<{ code: string; article: number; n: number }>(
    `WITH refs AS (
       SELECT DISTINCT r->>'lawCode' AS code, (r->>'article')::int AS article FROM jsonb_array_elements($1::jsonb) r
     )
     SELECT refs.code, refs.article, count(DISTINCT d.id)::int AS n
     FROM disclosures d
     CROSS JOIN LATERAL jsonb_array_elements(d.data->'basisRefs') b
     JOIN refs ON refs.code = b->>'lawCode' AND refs.article = (b->>'article')::int
     WHERE d.status IN ${PUBLIC_STATUS_SQL} AND (${contains})
     GROUP BY refs.code, refs.article`,
    [JSON.stringify(refs), ...laws.map((code) => basisContains(code))],
  );
  const counts = new Map(rows.map((r) => [`${r.code}#${r.article}`, r.n]));
  return refs.map((r) => counts.get(`${r.lawCode}#${r.article}`) ?? 0);
}
