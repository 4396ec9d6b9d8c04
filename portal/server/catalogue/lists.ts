/**
 * The catalogue list pages (权责清单, 行政执法事项目录, 检查事项清单, 四张清单, 执法主体, 法律法规库, 执法人员) as
 * definitions: their address, words, filters (form fields, the chips that remove them, hidden parameters),
 * the CSV export of the same filters. CatalogueList.astro renders a definition; each page adds only its rows.
 */
import type { APIRoute } from 'astro';
import { AGENCY_CATEGORIES } from '@sunlight/domain/schemas/agency';
import { FIELDS, LAW_LEVELS, POWER_TYPES } from '@sunlight/domain/schemas/common';
import { DISCRETION_KINDS } from '@sunlight/domain/schemas/discretion-item';
import { ENFORCEMENT_ITEM_LEVELS } from '@sunlight/domain/schemas/enforcement-item';
import { INSPECTION_METHODS } from '@sunlight/domain/schemas/inspection-item';
import { INSPECTOR_STATUSES, inspectorStatusLabels } from '@sunlight/domain/schemas/inspector';
import { csvResponse, toCsv, type CsvValue } from '../csv';
import type { Db } from '../db/types';
import { agenciesCsvRows, AGENCY_CSV_HEADERS, agencyParams, parseAgencyFilters } from './agencies';
import { agencyOptions, lawFilterLabel, options, type AgencyOption } from './common';
import { discretionCsvRows, DISCRETION_CSV_HEADERS, discretionParams, parseDiscretionFilters } from './discretion';
import {
  ENFORCEMENT_ITEM_CSV_HEADERS,
  enforcementItemParams,
  enforcementItemsCsvRows,
  parseEnforcementItemFilters,
} from './enforcement-items';
import {
  INSPECTION_ITEM_CSV_HEADERS,
  inspectionItemParams,
  inspectionItemsCsvRows,
  parseInspectionItemFilters,
  RANDOM_OPTIONS,
} from './inspection-items';
import { INSPECTOR_CSV_HEADERS, inspectorParams, inspectorsCsvRows, parseInspectorFilters } from './inspectors';
import { AGENCY_CATEGORY_TEXT } from './labels';
import { LAW_CSV_HEADERS, lawParams, lawsCsvRows, parseLawFilters } from './laws';
import { parsePowerFilters, POWER_CSV_HEADERS, powerParams, powersCsvRows } from './powers';
import { hasFilters, href, without, type Params } from './url';

type Option = { value: string; label: string };

/** What a list page has loaded besides its rows, for the options and chips of its filters. */
export interface FilterContext {
  agencies: readonly AgencyOption[];
  /** Records per value of the list's own counted filter (类型, 效力级别), when it shows counts. */
  counts?: ReadonlyMap<string, number> | undefined;
  /** The law (and article) filter in words, e.g. 《中华人民共和国食品安全法》第一百二十四条. */
  lawLabel?: string | undefined;
}

/** The context of a list with agency and law filters: the agencies and the law filter in words. */
export async function filterContext(
  db: Db,
  f: { law?: string | undefined; article?: number | undefined },
): Promise<FilterContext> {
  const [agencies, lawLabel] = await Promise.all([agencyOptions(db), lawFilterLabel(db, f.law, f.article)]);
  return { agencies, lawLabel };
}

/** A filter shown as a select in the form and, when set, as a chip that removes it. */
export interface SelectFilter {
  name: string;
  label: string;
  allLabel: string;
  options: (ctx: FilterContext) => Option[];
  /** The chip's words for a value (default: `label：value`). */
  chip?: (value: string, ctx: FilterContext) => string;
}

/** A parameter that travels in a hidden field (set by links from other pages) and shows as a chip. */
export interface HiddenFilter {
  name: string;
  /** Parameters that go with it and are removed with it (e.g. article with law). */
  with?: string[];
  chip: (value: string, ctx: FilterContext) => string;
}

export interface CatalogueList<F extends { page: number }> {
  path: string;
  heading: string;
  description: string;
  breadcrumbs: { label: string; href?: string }[];
  /** Words of the result count (measure word + noun, e.g. 项权责事项) and the measure word alone. */
  noun: string;
  measure?: string;
  form: { id: string; label: string; search: { label: string; hint: string }; moreLabel: string };
  selects: SelectFilter[];
  hidden: HiddenFilter[];
  empty: { title: string; hint: string; all: string };
  paginationLabel: string;
  parse(sp: URLSearchParams): F;
  params(f: F): Params;
  csv: {
    path: string;
    title: string;
    filename: string;
    asciiName: string;
    headers: readonly string[];
    rows(db: Db, f: F): Promise<CsvValue[][]>;
  };
}

const agencySelect = (label: string): SelectFilter => ({
  name: 'agency',
  label,
  allLabel: '全部执法主体',
  options: (ctx) => ctx.agencies.map((a) => ({ value: a.id, label: a.name })),
  chip: (id, ctx) => `${label}：${ctx.agencies.find((a) => a.id === id)?.name ?? id}`,
});

const fieldSelect: SelectFilter = {
  name: 'field',
  label: '执法领域',
  allLabel: '全部领域',
  options: () => options(FIELDS),
  chip: (v) => `领域：${v}`,
};

const lawFilter: HiddenFilter = { name: 'law', with: ['article'], chip: (_, ctx) => `依据：${ctx.lawLabel}` };

export const powersList: CatalogueList<ReturnType<typeof parsePowerFilters>> = {
  path: '/powers',
  heading: '权责清单',
  description: '本区各执法部门的权责清单：每项权力的类型、实施主体、设定依据、责任事项和追责情形。',
  breadcrumbs: [{ label: '权责清单' }],
  noun: '项权责事项',
  form: {
    id: 'pf',
    label: '筛选权责事项',
    search: { label: '搜索权责事项', hint: '可以输入事项名称、编码（如 CF-000001）或法律法规名称' },
    moreLabel: '按类型、执法主体、领域筛选',
  },
  selects: [
    {
      name: 'type',
      label: '权力类型',
      allLabel: '全部类型',
      options: (ctx) => options(POWER_TYPES, ctx.counts),
      chip: (v) => `类型：${v}`,
    },
    agencySelect('实施主体'),
    fieldSelect,
  ],
  hidden: [lawFilter],
  empty: {
    title: '没有找到符合条件的权责事项',
    hint: '检查关键词有没有错别字，或者换一个更短的词，比如只输入“食品”“消防”',
    all: '查看全部权责事项',
  },
  paginationLabel: '权责清单分页',
  parse: parsePowerFilters,
  params: powerParams,
  csv: {
    path: '/powers/export.csv',
    title: '权责清单（CSV 表格）',
    filename: '权责清单.csv',
    asciiName: 'powers.csv',
    headers: POWER_CSV_HEADERS,
    rows: powersCsvRows,
  },
};

export const enforcementItemsList: CatalogueList<ReturnType<typeof parseEnforcementItemFilters>> = {
  path: '/powers/items',
  heading: '行政执法事项目录',
  description: '行政执法事项目录：每项权力细分的主项和子项，以及各自的法律依据。',
  breadcrumbs: [{ label: '权责清单', href: '/powers' }, { label: '行政执法事项目录' }],
  noun: '项行政执法事项',
  form: {
    id: 'ef',
    label: '筛选行政执法事项',
    search: { label: '搜索行政执法事项', hint: '可以输入事项名称、编码（如 SX-000001）或法律法规名称' },
    moreLabel: '按层级、执法主体、领域筛选',
  },
  selects: [
    {
      name: 'level',
      label: '事项层级',
      allLabel: '主项和子项',
      options: () => options(ENFORCEMENT_ITEM_LEVELS),
      chip: (v) => `层级：${v}`,
    },
    agencySelect('实施主体'),
    fieldSelect,
  ],
  hidden: [lawFilter],
  empty: {
    title: '没有找到符合条件的行政执法事项',
    hint: '检查关键词有没有错别字，或者换一个更短的词',
    all: '查看全部行政执法事项',
  },
  paginationLabel: '行政执法事项分页',
  parse: parseEnforcementItemFilters,
  params: enforcementItemParams,
  csv: {
    path: '/powers/items/export.csv',
    title: '行政执法事项目录（CSV 表格）',
    filename: '行政执法事项目录.csv',
    asciiName: 'enforcement-items.csv',
    headers: ENFORCEMENT_ITEM_CSV_HEADERS,
    rows: enforcementItemsCsvRows,
  },
};

export const inspectionItemsList: CatalogueList<ReturnType<typeof parseInspectionItemFilters>> = {
  path: '/inspection-items',
  heading: '检查事项清单',
  description: '检查事项清单：每个部门可以检查什么、依据什么、检查谁、怎么查、多久查一次。清单以外的事项不能检查。',
  breadcrumbs: [{ label: '检查事项清单' }],
  noun: '项检查事项',
  form: {
    id: 'if',
    label: '筛选检查事项',
    search: { label: '搜索检查事项', hint: '可以输入事项名称、编码（如 JCSX-000001）、检查对象或法律法规名称' },
    moreLabel: '按检查主体、领域、方式筛选',
  },
  selects: [
    agencySelect('检查主体'),
    fieldSelect,
    {
      name: 'method',
      label: '检查方式',
      allLabel: '全部方式',
      options: () => options(INSPECTION_METHODS),
      chip: (v) => `方式：${v}`,
    },
    {
      name: 'random',
      label: '抽查方式',
      allLabel: '全部',
      options: () => Object.entries(RANDOM_OPTIONS).map(([value, label]) => ({ value, label })),
      chip: (v) => RANDOM_OPTIONS[v as keyof typeof RANDOM_OPTIONS],
    },
  ],
  hidden: [lawFilter],
  empty: {
    title: '没有找到符合条件的检查事项',
    hint: '检查关键词有没有错别字，或者换一个更短的词，比如“消防”“食品”',
    all: '查看全部检查事项',
  },
  paginationLabel: '检查事项分页',
  parse: parseInspectionItemFilters,
  params: inspectionItemParams,
  csv: {
    path: '/inspection-items/export.csv',
    title: '检查事项清单（CSV 表格）',
    filename: '检查事项清单.csv',
    asciiName: 'inspection-items.csv',
    headers: INSPECTION_ITEM_CSV_HEADERS,
    rows: inspectionItemsCsvRows,
  },
};

export const discretionList: CatalogueList<ReturnType<typeof parseDiscretionFilters>> = {
  path: '/discretion',
  heading: '四张清单',
  description: '不予处罚、减轻处罚、从轻处罚、从重处罚四张清单：违法行为、法律依据、适用条件和处理结果。',
  breadcrumbs: [{ label: '四张清单' }],
  noun: '项清单事项',
  form: {
    id: 'df',
    label: '筛选四张清单',
    search: { label: '搜索清单事项', hint: '可以输入违法行为、编号（如 BY-0001）或法律法规名称' },
    moreLabel: '按清单、执法主体、领域筛选',
  },
  selects: [
    {
      name: 'kind',
      label: '清单',
      allLabel: '全部四张清单',
      options: () => options(DISCRETION_KINDS),
    },
    agencySelect('实施主体'),
    fieldSelect,
  ],
  hidden: [{ name: 'power', chip: (v) => `权责事项：${v}` }, lawFilter],
  empty: {
    title: '没有找到符合条件的清单事项',
    hint: '检查关键词有没有错别字，或者只输入违法行为中的几个字，比如“未按规定”“广告”',
    all: '查看全部四张清单',
  },
  paginationLabel: '四张清单分页',
  parse: parseDiscretionFilters,
  params: discretionParams,
  csv: {
    path: '/discretion/export.csv',
    title: '四张清单（CSV 表格）',
    filename: '四张清单.csv',
    asciiName: 'discretion.csv',
    headers: DISCRETION_CSV_HEADERS,
    rows: discretionCsvRows,
  },
};

export const agenciesList: CatalogueList<ReturnType<typeof parseAgencyFilters>> = {
  path: '/agencies',
  heading: '执法主体',
  description: '本区全部行政执法主体：类别、执法领域、联系电话、权责清单、执法人员和救济途径。',
  breadcrumbs: [{ label: '执法主体' }],
  noun: '个执法主体',
  measure: '个',
  form: {
    id: 'af',
    label: '筛选执法主体',
    search: { label: '搜索执法主体', hint: '可以输入名称、简称或统一社会信用代码' },
    moreLabel: '按类别、执法领域筛选',
  },
  selects: [
    {
      name: 'category',
      label: '类别',
      allLabel: '全部类别',
      options: () => AGENCY_CATEGORIES.map((c) => ({ value: c, label: AGENCY_CATEGORY_TEXT[c].label })),
      chip: (v) => `类别：${AGENCY_CATEGORY_TEXT[v as keyof typeof AGENCY_CATEGORY_TEXT].label}`,
    },
    fieldSelect,
  ],
  hidden: [],
  empty: {
    title: '没有找到符合条件的执法主体',
    hint: '检查名称有没有错别字，或者只输入名称中的几个字，比如“市场”“街道”',
    all: '查看全部执法主体',
  },
  paginationLabel: '执法主体分页',
  parse: parseAgencyFilters,
  params: agencyParams,
  csv: {
    path: '/agencies/export.csv',
    title: '执法主体名单（CSV 表格）',
    filename: '执法主体.csv',
    asciiName: 'agencies.csv',
    headers: AGENCY_CSV_HEADERS,
    rows: agenciesCsvRows,
  },
};

export const lawsList: CatalogueList<ReturnType<typeof parseLawFilters>> = {
  path: '/laws',
  heading: '法律法规库',
  description:
    '编码化法律法规规章库：执法依据的法律、行政法规、部门规章、地方性法规和地方政府规章，每一条都可以直接链接。',
  breadcrumbs: [{ label: '法律法规库' }],
  noun: '部法律法规',
  measure: '部',
  form: {
    id: 'lf',
    label: '筛选法律法规',
    search: { label: '搜索法律法规', hint: '可以输入名称、编码（如 FL-0001）、制定机关或文号' },
    moreLabel: '按效力级别筛选',
  },
  selects: [
    {
      name: 'level',
      label: '效力级别',
      allLabel: '全部级别',
      options: (ctx) => options(LAW_LEVELS, ctx.counts),
    },
  ],
  hidden: [],
  empty: {
    title: '没有找到符合条件的法律法规',
    hint: '检查名称有没有错别字，或者只输入名称中的关键词，比如“食品安全”“消防”',
    all: '查看全部法律法规',
  },
  paginationLabel: '法律法规分页',
  parse: parseLawFilters,
  params: lawParams,
  csv: {
    path: '/laws/export.csv',
    title: '法律法规库目录（CSV 表格）',
    filename: '法律法规库.csv',
    asciiName: 'laws.csv',
    headers: LAW_CSV_HEADERS,
    rows: lawsCsvRows,
  },
};

/** 执法人员 has its own two forms (by certificate number, by name) and results; the rest is declared like the others. */
export const inspectorsList: Omit<CatalogueList<ReturnType<typeof parseInspectorFilters>>, 'form' | 'empty'> = {
  path: '/inspectors',
  heading: '核验执法人员',
  description: '核验执法人员的执法证是否有效：输入执法证号，或者姓名和所属执法主体。',
  breadcrumbs: [{ label: '执法人员' }],
  noun: '名执法人员',
  measure: '名',
  selects: [
    agencySelect('执法主体'),
    {
      name: 'status',
      label: '证件状态',
      allLabel: '全部状态',
      options: () => INSPECTOR_STATUSES.map((s) => ({ value: s, label: inspectorStatusLabels[s] })),
      chip: (v) => `证件状态：${inspectorStatusLabels[v as keyof typeof inspectorStatusLabels]}`,
    },
    fieldSelect,
  ],
  hidden: [],
  paginationLabel: '执法人员分页',
  parse: parseInspectorFilters,
  params: inspectorParams,
  csv: {
    path: '/inspectors/export.csv',
    title: '执法人员名单（CSV 表格）',
    filename: '执法人员名单.csv',
    asciiName: 'inspectors.csv',
    headers: INSPECTOR_CSV_HEADERS,
    rows: inspectorsCsvRows,
  },
};

export interface Chip {
  label: string;
  removeHref: string;
}

/** The filters in force as chips, in form order: search, selects, then the hidden parameters. */
export function activeChips(
  list: Pick<CatalogueList<{ page: number }>, 'path' | 'selects' | 'hidden'>,
  params: Params,
  ctx: FilterContext,
  search: { name: string; chip: string } = { name: 'q', chip: '关键词' },
): Chip[] {
  const value = (name: string) => {
    const v = params[name];
    return v === undefined || v === null || v === '' || v === false ? undefined : String(v);
  };
  const chips: Chip[] = [];
  const q = value(search.name);
  if (q) chips.push({ label: `${search.chip}：${q}`, removeHref: href(list.path, without(params, search.name)) });
  for (const s of list.selects) {
    const v = value(s.name);
    if (v)
      chips.push({
        label: s.chip ? s.chip(v, ctx) : `${s.label}：${v}`,
        removeHref: href(list.path, without(params, s.name)),
      });
  }
  for (const h of list.hidden) {
    const v = value(h.name);
    if (v)
      chips.push({ label: h.chip(v, ctx), removeHref: href(list.path, without(params, h.name, ...(h.with ?? []))) });
  }
  return chips;
}

/** 权责清单（筛选结果）（第2页）: the page title under the filters in force. */
export function listTitle(heading: string, params: Params, page: number, filtered = '（筛选结果）'): string {
  return `${heading}${hasFilters(params) ? filtered : ''}${page > 1 ? `（第${page}页）` : ''}`;
}

/** GET <list>/export.csv?… — the list under the same filters as its page, all pages. */
export function csvExport<F extends { page: number }>(list: Pick<CatalogueList<F>, 'parse' | 'csv'>): APIRoute {
  return async ({ url, locals }) => {
    const rows = await list.csv.rows(locals.runtime.db, list.parse(url.searchParams));
    return csvResponse(toCsv(list.csv.headers, rows), list.csv.filename, list.csv.asciiName);
  };
}
