import { z } from 'zod';
import { FIELDS, PARTY_TYPES, PENALTY_CATEGORIES, PROCEDURES } from '@sunlight/domain/schemas/common';
import { parameterErrors } from '@sunlight/domain/errors';
import { PUBLIC_DISCLOSURE_STATUSES } from '@sunlight/domain/schemas/disclosure';
import { RecordTypeSchema } from '@sunlight/domain/schemas/record-type';

/** Facets a query may ask counts for. `year` is the decision year; `type` the record type (penalty, permit, inspection-result). */
export const FACETS = [
  'type',
  'agency',
  'field',
  'category',
  'procedure',
  'partyType',
  'region',
  'year',
  'status',
] as const;
export type Facet = (typeof FACETS)[number];

export const SORTS = ['relevance', 'date_desc', 'date_asc', 'amount_desc', 'amount_asc'] as const;
export type Sort = (typeof SORTS)[number];

export const QUERY_LIMITS = { qLength: 200, listItems: 50, pageSize: 100, maxOffset: 10_000 } as const;

export const queryParamLabels: Record<string, string> = {
  q: '关键词',
  type: '记录类型',
  agency: '执法机关',
  field: '执法领域',
  category: '处罚类别',
  procedure: '程序',
  partyType: '相对人类别',
  region: '地区',
  status: '状态',
  dateFrom: '决定日期起',
  dateTo: '决定日期止',
  fineMin: '最低罚款金额（元）',
  fineMax: '最高罚款金额（元）',
  facets: '分面',
  sort: '排序',
  page: '页码',
  pageSize: '每页条数',
  cursor: '游标',
  highlight: '高亮',
};

const splitList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    splitList,
    z
      .array(item, { error: '应为列表，可用逗号分隔或重复参数' })
      .max(QUERY_LIMITS.listItems, `最多${QUERY_LIMITS.listItems}项`)
      .optional(),
  );
}

const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `应为以下之一：${values.join('、')}` });

const numberParam = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({ error: `${label}应为数字` })
      .min(0, `${label}不能为负数`)
      .max(1e12, `${label}过大`)
      .optional(),
  );

const intParam = (label: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({ error: `${label}应为整数` })
      .int(`${label}应为整数`)
      .min(min, `${label}最小为${min}`)
      .max(max, `${label}最大为${max}`)
      .default(fallback),
  );

const dateParam = (label: string) =>
  z
    .string({ error: `${label}应为日期，如2025-03-18` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为YYYY-MM-DD格式，如2025-03-18`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label}不是真实存在的日期`)
    .optional();

const boolParam = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean({ error: '高亮应为true或false' }).default(true),
);

/**
 * The one query model: the portal's search page, the JSON API and the mini-program all send this,
 * and both engines answer it. Parsed identically from a URL query string and from JSON.
 */
export const SearchQuerySchema = z
  .strictObject({
    q: z
      .string({ error: '关键词应为文本' })
      .max(QUERY_LIMITS.qLength, `关键词最多${QUERY_LIMITS.qLength}个字符，请缩短后再搜索`)
      .transform((s) => s.normalize('NFKC').replace(/\s+/g, ' ').trim())
      .default(''),
    type: list(RecordTypeSchema),
    agency: list(z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '执法机关应为机关编号，如scjgj')),
    field: list(enumOf(FIELDS)),
    category: list(enumOf(PENALTY_CATEGORIES)),
    procedure: list(enumOf(PROCEDURES)),
    partyType: list(enumOf(PARTY_TYPES)),
    region: list(z.string().min(1).max(40, '地区名称最多40个字符')),
    status: list(enumOf(PUBLIC_DISCLOSURE_STATUSES)),
    dateFrom: dateParam('决定日期起'),
    dateTo: dateParam('决定日期止'),
    fineMin: numberParam('最低罚款金额'),
    fineMax: numberParam('最高罚款金额'),
    facets: list(enumOf(FACETS)),
    sort: enumOf(SORTS).default('relevance'),
    page: intParam('页码', 1, 1000, 1),
    pageSize: intParam('每页条数', 1, QUERY_LIMITS.pageSize, 20),
    cursor: z
      .string({ error: '游标应为上一页返回的nextCursor' })
      .regex(/^[A-Za-z0-9_-]{1,200}$/, '游标无效，请使用上一页返回的nextCursor')
      .optional(),
    highlight: boolParam,
  })
  .superRefine((v, ctx) => {
    if (v.dateFrom && v.dateTo && v.dateFrom > v.dateTo)
      ctx.addIssue({ code: 'custom', path: ['dateTo'], message: '决定日期止不能早于决定日期起' });
    if (v.fineMin !== undefined && v.fineMax !== undefined && v.fineMin > v.fineMax)
      ctx.addIssue({ code: 'custom', path: ['fineMax'], message: '最高罚款金额不能小于最低罚款金额' });
    if ((v.page - 1) * v.pageSize >= QUERY_LIMITS.maxOffset)
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: `页码过大：最多浏览前${QUERY_LIMITS.maxOffset}条，请用筛选条件缩小范围，或用游标（cursor）翻页`,
      });
  });

export type SearchQuery = z.output<typeof SearchQuerySchema>;
export type SearchQueryInput = z.input<typeof SearchQuerySchema>;

export interface QueryProblem {
  parameter: string;
  label: string;
  message: string;
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; problems: QueryProblem[] };

function toProblems(error: z.ZodError): QueryProblem[] {
  return parameterErrors(error, queryParamLabels).map((p) => ({ ...p, label: p.label ?? p.parameter }));
}

export function parseQuery(input: unknown): ParsedQuery {
  const res = SearchQuerySchema.safeParse(input ?? {});
  return res.success ? { ok: true, query: res.data } : { ok: false, problems: toProblems(res.error) };
}

/** URL query string → the same object a JSON client would send (repeated keys become lists). */
export function paramsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values.flatMap((v) => v.split(','));
  }
  return out;
}

export function parseQueryString(search: string | URLSearchParams): ParsedQuery {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return parseQuery(paramsToObject(params));
}

/** The canonical query string of a query (defaults dropped), for shareable URLs and cache keys. */
export function queryToParams(query: Partial<SearchQuery>): URLSearchParams {
  const params = new URLSearchParams();
  const defaults: Partial<Record<keyof SearchQuery, unknown>> = {
    q: '',
    sort: 'relevance',
    page: 1,
    pageSize: 20,
    highlight: true,
  };
  for (const key of Object.keys(queryParamLabels) as (keyof SearchQuery)[]) {
    const value = query[key];
    if (value === undefined || value === defaults[key]) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params;
}
