/** 检查事项清单: what may be inspected, by whom, how often. An item not on this list may not be inspected. */
import { type Field } from '@sunlight/domain/schemas/common';
import {
  INSPECTION_METHODS,
  type InspectionItem,
  type InspectionMethod,
} from '@sunlight/domain/schemas/inspection-item';
import type { Db } from '../db/types';
import {
  addBasisFilter,
  allWithTitles,
  recordWithAgency,
  addSearch,
  basisListText,
  lawTitles,
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
import type { CsvValue } from '../csv';

export const RANDOM_OPTIONS = { '1': '双随机抽查', '0': '日常巡查等其他方式' } as const;

export interface InspectionItemFilters {
  q?: string | undefined;
  agency?: string | undefined;
  field?: Field | undefined;
  method?: InspectionMethod | undefined;
  random?: '1' | '0' | undefined;
  law?: string | undefined;
  article?: number | undefined;
  page: number;
}

export function parseInspectionItemFilters(sp: URLSearchParams): InspectionItemFilters {
  return {
    ...sharedListFilters(sp),
    method: pick(sp.get('method'), INSPECTION_METHODS),
    random: pick(sp.get('random'), ['1', '0'] as const),
  };
}

export function inspectionItemParams(f: InspectionItemFilters) {
  return paramsOf(f, ['q', 'agency', 'field', 'method', 'random', 'law', 'article', 'page']);
}

function itemWhere(f: InspectionItemFilters): Where {
  const w = new Where();
  if (f.agency) w.add('i.agency_id = {}', f.agency);
  if (f.field) w.add('i.field = {}', f.field);
  if (f.method) w.add(`i.data->'methods' @> jsonb_build_array({}::text)`, f.method);
  if (f.random) w.add(`(i.data->>'random')::boolean = {}`, f.random === '1');
  addBasisFilter(w, `i.data->'basis'`, f.law, f.article);
  addSearch(w, f.q, ['i.code', `i.data->>'name'`, `i.data->>'objectType'`, `i.data->>'content'`], {
    column: `i.data->'basis'`,
  });
  return w;
}

export interface InspectionItemRow {
  item: InspectionItem;
  agencyName: string;
  agencyShortName: string;
}

const ITEMS: ListQuery = {
  from: 'inspection_items i',
  join: 'JOIN agencies a ON a.id = i.agency_id',
  columns: 'i.data, a.name, a.short_name',
  order: 'i.code',
};

export async function listInspectionItems(
  db: Db,
  f: InspectionItemFilters,
  pageSize = PAGE_SIZE,
): Promise<Paged<InspectionItemRow> & { titles: Map<string, string> }> {
  const result = await pageOf<{ data: InspectionItem; name: string; short_name: string | null }>(
    db,
    ITEMS,
    itemWhere(f),
    f.page,
    pageSize,
  );
  const items = result.items.map((r) => ({
    item: r.data,
    agencyName: r.name,
    agencyShortName: r.short_name ?? r.name,
  }));
  const titles = await lawTitles(
    db,
    items.map((r) => r.item.basis),
  );
  return { ...result, items, titles };
}

export const INSPECTION_ITEM_CSV_HEADERS = [
  '检查事项编码',
  '检查事项名称',
  '检查主体',
  '执法领域',
  '检查对象',
  '检查方式',
  '是否双随机抽查',
  '抽查比例（%）',
  '检查频次',
  '检查依据',
  '检查内容',
  '对应权责事项编码',
] as const;

export async function inspectionItemsCsvRows(db: Db, f: InspectionItemFilters): Promise<CsvValue[][]> {
  const { rows, titles } = await allWithTitles<{ data: InspectionItem; name: string }>(
    db,
    ITEMS,
    itemWhere(f),
    (r) => r.data.basis,
  );
  return rows.map(({ data: i, name }) => [
    i.code,
    i.name,
    name,
    i.field,
    i.objectType,
    i.methods.join('、'),
    i.random,
    i.ratio,
    i.frequency,
    basisListText(i.basis, titles),
    i.content,
    i.powerCode,
  ]);
}

export interface InspectionItemDetail {
  item: InspectionItem;
  agency: { id: string; name: string; shortName: string; complaintPhone: string | undefined };
  basis: ResolvedBasis[];
  power: { code: string; name: string; type: string } | undefined;
}

export async function getInspectionItem(db: Db, code: string): Promise<InspectionItemDetail | undefined> {
  const row = await recordWithAgency<InspectionItem>(db, 'inspection_items', 'code', code);
  if (!row) return undefined;
  const item = row.data;
  const [basis, power] = await Promise.all([
    resolveBasis(db, item.basis),
    item.powerCode
      ? db.query<{ code: string; name: string; type: string }>('SELECT code, name, type FROM powers WHERE code = $1', [
          item.powerCode,
        ])
      : Promise.resolve([]),
  ]);
  return {
    item,
    agency: row.agency,
    basis,
    power: power[0],
  };
}
