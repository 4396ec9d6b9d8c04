/** 行政执法事项目录: 主项 and 子项, each tied to a power and to law articles. */
import { type BasisRef, type Field } from '@sunlight/domain/schemas/common';
import { ENFORCEMENT_ITEM_LEVELS } from '@sunlight/domain/schemas/enforcement-item';
import type { Db } from '../db/types';
import {
  addBasisFilter,
  allWithTitles,
  addSearch,
  basisListText,
  lawTitles,
  PAGE_SIZE,
  pageOf,
  paramsOf,
  pick,
  sharedListFilters,
  Where,
  type Paged,
  type ListQuery,
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
  return { ...sharedListFilters(sp), level: pick(sp.get('level'), ENFORCEMENT_ITEM_LEVELS) };
}

export function enforcementItemParams(f: EnforcementItemFilters) {
  return paramsOf(f, ['q', 'agency', 'field', 'level', 'law', 'article', 'page']);
}

function itemWhere(f: EnforcementItemFilters): Where {
  const w = new Where();
  if (f.agency) w.add('e.agency_id = {}', f.agency);
  if (f.field) w.add(`e.data->>'field' = {}`, f.field);
  if (f.level) w.add('e.level = {}', f.level);
  addBasisFilter(w, `e.data->'basis'`, f.law, f.article);
  addSearch(w, f.q, ['e.code', `e.data->>'name'`, `e.data->>'powerCode'`], { column: `e.data->'basis'` });
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

const ITEMS: ListQuery = {
  from: 'enforcement_items e',
  join: `JOIN agencies a ON a.id = e.agency_id LEFT JOIN powers p ON p.code = e.data->>'powerCode'`,
  columns: `e.code, e.data->>'name' AS name, e.level, e.parent_code AS "parentCode", e.data->>'powerCode' AS "powerCode",
  p.name AS "powerName", e.data->>'field' AS field, e.agency_id AS "agencyId", a.name AS "agencyName",
  coalesce(a.short_name, a.name) AS "agencyShortName", e.data->'basis' AS basis`,
  order: 'e.code',
};

export async function listEnforcementItems(
  db: Db,
  f: EnforcementItemFilters,
  pageSize = PAGE_SIZE,
): Promise<Paged<EnforcementItemRow> & { titles: Map<string, string> }> {
  const result = await pageOf<EnforcementItemRow>(db, ITEMS, itemWhere(f), f.page, pageSize);
  const titles = await lawTitles(
    db,
    result.items.map((r) => r.basis),
  );
  return { ...result, titles };
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
  const { rows, titles } = await allWithTitles<EnforcementItemRow>(db, ITEMS, itemWhere(f), (r) => r.basis);
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
