/** 行政执法事项目录: 主项 and 子项, each tied to a power and to law articles. */
import { FIELDS, type BasisRef, type Field } from '@sunlight/domain/schemas/common';
import { ENFORCEMENT_ITEM_LEVELS } from '@sunlight/domain/schemas/enforcement-item';
import type { Db } from '../db/types';
import {
  addBasisFilter,
  articleParam,
  basisListText,
  clampPage,
  cleanQuery,
  CSV_MAX_ROWS,
  lawCodeParam,
  lawTitles,
  likePattern,
  PAGE_SIZE,
  paged,
  parsePage,
  pick,
  slug,
  Where,
  type Paged,
} from './common';
import type { CsvValue } from '../csv';

export interface EnforcementItemFilters {
  q?: string | undefined;
  agency?: string | undefined;
  field?: Field | undefined;
  level?: (typeof ENFORCEMENT_ITEM_LEVELS)[number] | undefined;
  law?: string | undefined;
  article?: number | undefined;
  page: number;
}

export function parseEnforcementItemFilters(sp: URLSearchParams): EnforcementItemFilters {
  const law = lawCodeParam(sp.get('law'));
  return {
    q: cleanQuery(sp.get('q')),
    agency: slug(sp.get('agency')),
    field: pick(sp.get('field'), FIELDS),
    level: pick(sp.get('level'), ENFORCEMENT_ITEM_LEVELS),
    law,
    article: law ? articleParam(sp.get('article')) : undefined,
    page: parsePage(sp.get('page')),
  };
}

export function enforcementItemParams(f: EnforcementItemFilters) {
  return { q: f.q, agency: f.agency, field: f.field, level: f.level, law: f.law, article: f.article, page: f.page };
}

function itemWhere(f: EnforcementItemFilters): Where {
  const w = new Where();
  if (f.agency) w.add('e.agency_id = {}', f.agency);
  if (f.field) w.add(`e.data->>'field' = {}`, f.field);
  if (f.level) w.add('e.level = {}', f.level);
  addBasisFilter(w, `e.data->'basis'`, f.law, f.article);
  if (f.q) {
    const like = w.param(likePattern(f.q));
    w.add(`(e.code ILIKE ${like} ESCAPE '\\' OR e.data->>'name' ILIKE ${like} ESCAPE '\\'
      OR e.data->>'powerCode' ILIKE ${like} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(e.data->'basis') b JOIN laws l ON l.code = b->>'lawCode'
                 WHERE l.title ILIKE ${like} ESCAPE '\\'))`);
  }
  return w;
}

export interface EnforcementItemRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  powerCode: string;
  powerName: string | null;
  field: Field;
  agencyId: string;
  agencyName: string;
  agencyShortName: string;
  basis: BasisRef[];
}

const COLUMNS = `e.code, e.data->>'name' AS name, e.level, e.parent_code AS "parentCode", e.data->>'powerCode' AS "powerCode",
  p.name AS "powerName", e.data->>'field' AS field, e.agency_id AS "agencyId", a.name AS "agencyName",
  coalesce(a.short_name, a.name) AS "agencyShortName", e.data->'basis' AS basis`;
const FROM = `enforcement_items e JOIN agencies a ON a.id = e.agency_id LEFT JOIN powers p ON p.code = e.data->>'powerCode'`;

export async function listEnforcementItems(
  db: Db,
  f: EnforcementItemFilters,
  pageSize = PAGE_SIZE,
): Promise<Paged<EnforcementItemRow> & { titles: Map<string, string> }> {
  const w = itemWhere(f);
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM enforcement_items e ${w.sql}`,
    w.params,
  );
  const total = count?.n ?? 0;
  const page = clampPage(f.page, total, pageSize);
  const rows = total
    ? await db.query<EnforcementItemRow>(
        `SELECT ${COLUMNS} FROM ${FROM} ${w.sql} ORDER BY e.code LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        w.params,
      )
    : [];
  const titles = await lawTitles(
    db,
    rows.map((r) => r.basis),
  );
  return { ...paged(rows, total, page, pageSize), titles };
}

export const ENFORCEMENT_ITEM_CSV_HEADERS = [
  '事项编码',
  '事项名称',
  '事项层级',
  '所属主项编码',
  '对应权责事项编码',
  '对应权责事项名称',
  '实施主体',
  '执法领域',
  '执法依据',
] as const;

export async function enforcementItemsCsvRows(db: Db, f: EnforcementItemFilters): Promise<CsvValue[][]> {
  const w = itemWhere(f);
  const rows = await db.query<EnforcementItemRow>(
    `SELECT ${COLUMNS} FROM ${FROM} ${w.sql} ORDER BY e.code LIMIT ${CSV_MAX_ROWS}`,
    w.params,
  );
  const titles = await lawTitles(
    db,
    rows.map((r) => r.basis),
  );
  return rows.map((r) => [
    r.code,
    r.name,
    r.level,
    r.parentCode,
    r.powerCode,
    r.powerName,
    r.agencyName,
    r.field,
    basisListText(r.basis, titles),
  ]);
}
