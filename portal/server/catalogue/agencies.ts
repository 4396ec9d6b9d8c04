/** 执法主体: every enforcement body, and one body with its lists. */
import { AGENCY_CATEGORIES, type Agency, type AgencyCategory } from '@sunlight/domain/schemas/agency';
import { FIELDS, type Field } from '@sunlight/domain/schemas/common';
import type { DiscretionKind } from '@sunlight/domain/schemas/discretion-item';
import type { Db } from '../db/types';
import { clampPage, cleanQuery, CSV_MAX_ROWS, likePattern, paged, parsePage, pick, Where, type Paged } from './common';
import type { CsvValue } from '../csv';
import { discretionOrder } from './discretion';
import { listInspectors, type PublicInspector } from './inspectors';

export const AGENCY_PAGE_SIZE = 50;

export interface AgencyFilters {
  q?: string | undefined;
  category?: AgencyCategory | undefined;
  field?: Field | undefined;
  page: number;
}

export function parseAgencyFilters(sp: URLSearchParams): AgencyFilters {
  return {
    q: cleanQuery(sp.get('q')),
    category: pick(sp.get('category')?.toUpperCase(), AGENCY_CATEGORIES),
    field: pick(sp.get('field'), FIELDS),
    page: parsePage(sp.get('page')),
  };
}

export function agencyParams(f: AgencyFilters) {
  return { q: f.q, category: f.category, field: f.field, page: f.page };
}

function agencyWhere(f: AgencyFilters): Where {
  const w = new Where();
  if (f.category) w.add('a.category = {}', f.category);
  if (f.field) w.add(`a.data->'fields' @> jsonb_build_array({}::text)`, f.field);
  if (f.q) {
    const like = w.param(likePattern(f.q));
    w.add(
      `(a.name ILIKE ${like} ESCAPE '\\' OR a.short_name ILIKE ${like} ESCAPE '\\' OR a.credit_code ILIKE ${like} ESCAPE '\\')`,
    );
  }
  return w;
}

export interface AgencyCounts {
  powers: number;
  enforcementItems: number;
  inspectionItems: number;
  inspectors: number;
  discretionItems: number;
}

export interface AgencyRow extends AgencyCounts {
  agency: Agency;
}

const COUNTS = `(SELECT count(*) FROM powers x WHERE x.agency_id = a.id)::int AS powers,
  (SELECT count(*) FROM enforcement_items x WHERE x.agency_id = a.id)::int AS "enforcementItems",
  (SELECT count(*) FROM inspection_items x WHERE x.agency_id = a.id)::int AS "inspectionItems",
  (SELECT count(*) FROM inspectors x WHERE x.agency_id = a.id)::int AS inspectors,
  (SELECT count(*) FROM discretion_items x WHERE x.agency_id = a.id)::int AS "discretionItems"`;

export async function listAgencies(db: Db, f: AgencyFilters, pageSize = AGENCY_PAGE_SIZE): Promise<Paged<AgencyRow>> {
  const w = agencyWhere(f);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM agencies a ${w.sql}`, w.params);
  const total = count?.n ?? 0;
  const page = clampPage(f.page, total, pageSize);
  const rows = total
    ? await db.query<AgencyCounts & { data: Agency }>(
        `SELECT a.data, ${COUNTS} FROM agencies a ${w.sql} ORDER BY a.category, a.name
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        w.params,
      )
    : [];
  return paged(
    rows.map(({ data, ...counts }) => ({ agency: data, ...counts })),
    total,
    page,
    pageSize,
  );
}

export const AGENCY_CSV_HEADERS = [
  '执法主体名称',
  '简称',
  '统一社会信用代码',
  '层级',
  '考核类别',
  '执法领域',
  '办公地址',
  '办公电话',
  '投诉举报电话',
  '行政复议机关',
  '行政诉讼管辖法院',
  '权责事项数',
  '行政执法事项数',
  '检查事项数',
  '执法人员数',
  '四张清单事项数',
] as const;

export async function agenciesCsvRows(db: Db, f: AgencyFilters): Promise<CsvValue[][]> {
  const w = agencyWhere(f);
  const rows = await db.query<AgencyCounts & { data: Agency }>(
    `SELECT a.data, ${COUNTS} FROM agencies a ${w.sql} ORDER BY a.category, a.name LIMIT ${CSV_MAX_ROWS}`,
    w.params,
  );
  return rows.map(({ data: a, ...c }) => [
    a.name,
    a.shortName,
    a.creditCode,
    a.level,
    a.category,
    a.fields.join('、'),
    a.address,
    a.phone,
    a.complaintPhone,
    a.remedy?.reconsiderationBody,
    a.remedy?.litigationCourt,
    c.powers,
    c.enforcementItems,
    c.inspectionItems,
    c.inspectors,
    c.discretionItems,
  ]);
}

/** How many items each section of the agency page lists before linking to the full, filtered list. */
export const SECTION_LIMIT = 10;

export interface AgencyDetail {
  agency: Agency;
  parent: { id: string; name: string } | undefined;
  children: { id: string; name: string }[];
  counts: AgencyCounts & { powersByType: { type: string; n: number }[] };
  powers: { code: string; name: string; type: string; field: string }[];
  enforcementItems: { code: string; name: string; level: string; powerCode: string }[];
  inspectionItems: { code: string; name: string; objectType: string; frequency: string; random: boolean }[];
  inspectors: Paged<PublicInspector>;
  /** Four-list items per kind (kinds with none left out). */
  discretionByKind: { kind: DiscretionKind; n: number }[];
  /** Whether the body has penalty powers (then the penalty flowcharts apply). */
  penalises: boolean;
}

export async function getAgency(db: Db, id: string, limit = SECTION_LIMIT): Promise<AgencyDetail | undefined> {
  const [row] = await db.query<AgencyCounts & { data: Agency }>(
    `SELECT a.data, ${COUNTS} FROM agencies a WHERE a.id = $1`,
    [id],
  );
  if (!row) return undefined;
  const { data: agency, ...counts } = row;
  const [related, byType, powers, enforcementItems, inspectionItems, inspectors, discretionByKind] = await Promise.all([
    db.query<{ id: string; name: string; rel: 'parent' | 'child' }>(
      `SELECT id, name, 'parent' AS rel FROM agencies WHERE id = $2
       UNION ALL SELECT id, name, 'child' AS rel FROM agencies WHERE data->>'parentId' = $1 ORDER BY rel, name`,
      [id, agency.parentId ?? null],
    ),
    db.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM powers WHERE agency_id = $1 GROUP BY type ORDER BY n DESC, type`,
      [id],
    ),
    db.query<AgencyDetail['powers'][number]>(
      `SELECT code, name, type, data->>'field' AS field FROM powers WHERE agency_id = $1
       ORDER BY CASE type WHEN '行政处罚' THEN 0 WHEN '行政检查' THEN 1 ELSE 2 END, code LIMIT ${limit}`,
      [id],
    ),
    db.query<AgencyDetail['enforcementItems'][number]>(
      `SELECT code, data->>'name' AS name, level, data->>'powerCode' AS "powerCode" FROM enforcement_items
       WHERE agency_id = $1 ORDER BY code LIMIT ${limit}`,
      [id],
    ),
    db.query<AgencyDetail['inspectionItems'][number]>(
      `SELECT code, data->>'name' AS name, data->>'objectType' AS "objectType", data->>'frequency' AS frequency,
              (data->>'random')::boolean AS random
       FROM inspection_items WHERE agency_id = $1 ORDER BY code LIMIT ${limit}`,
      [id],
    ),
    listInspectors(db, { agency: id, page: 1 }, limit),
    db.query<{ kind: DiscretionKind; n: number }>(
      `SELECT kind, count(*)::int AS n FROM discretion_items WHERE agency_id = $1 GROUP BY kind ORDER BY ${discretionOrder()}`,
      [id],
    ),
  ]);
  return {
    agency,
    parent: related.find((r) => r.rel === 'parent'),
    children: related.filter((r) => r.rel === 'child').map(({ id: cid, name }) => ({ id: cid, name })),
    counts: { ...counts, powersByType: byType },
    powers,
    enforcementItems,
    inspectionItems,
    inspectors,
    discretionByKind,
    penalises: byType.some((t) => t.type === '行政处罚'),
  };
}
