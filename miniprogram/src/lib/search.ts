import { CHINA_OFFSET_MS, chinaDate } from '@sunlight/domain/china-time';
import { FIELDS, PENALTY_CATEGORIES } from '@sunlight/domain/schemas/common';
import type { SearchQueryInput } from '@sunlight/search-indexer/query';

/**
 * 公示查询 speaks the portal's one query model (search-indexer/src/query.ts: `q`, `field`, `category`,
 * `dateFrom`/`dateTo`, `sort`, `page`, `pageSize`, `facets`, `highlight`). The mini-program builds the
 * query string itself (WeChat has no URLSearchParams) with exactly the model's parameter names; the
 * unit tests check every string it builds with the model's own parser.
 */
/** 执法领域 and 处罚类别 filters: the domain's own lists (the categories people look for most). */
export const FIELD_OPTIONS: readonly string[] = FIELDS;
export const CATEGORY_OPTIONS: readonly string[] = PENALTY_CATEGORIES.filter((c) =>
  ['警告', '通报批评', '罚款', '没收违法所得', '暂扣许可证件', '吊销许可证件', '责令停产停业', '责令关闭'].includes(c),
);

export const PERIOD_OPTIONS = [
  { value: 'all', label: '全部时间' },
  { value: '1y', label: '近一年' },
  { value: '3y', label: '近三年' },
] as const;
export type Period = (typeof PERIOD_OPTIONS)[number]['value'];

export const SORT_OPTIONS = [
  { value: 'relevance', label: '相关度' },
  { value: 'date_desc', label: '最新' },
  { value: 'amount_desc', label: '罚款金额' },
] as const;
export type SortOption = (typeof SORT_OPTIONS)[number]['value'];

export interface SearchForm {
  q: string;
  field?: string;
  category?: string;
  period: Period;
  sort: SortOption;
  page: number;
}

export const PAGE_SIZE = 10;

export const emptySearch = (): SearchForm => ({ q: '', period: 'all', sort: 'relevance', page: 1 });

/** The model's object for a form (defaults omitted, like queryToParams does). */
export function toQuery(form: SearchForm, now = Date.now()): SearchQueryInput {
  const q: SearchQueryInput = {};
  const text = form.q.trim().slice(0, 200);
  if (text) q.q = text;
  if (form.field) q.field = [form.field] as SearchQueryInput['field'];
  if (form.category) q.category = [form.category] as SearchQueryInput['category'];
  if (form.period !== 'all') {
    const d = new Date(now + CHINA_OFFSET_MS);
    d.setUTCFullYear(d.getUTCFullYear() - (form.period === '1y' ? 1 : 3));
    q.dateFrom = chinaDate(d.getTime() - CHINA_OFFSET_MS);
  }
  if (form.sort !== 'relevance') q.sort = form.sort;
  if (form.page > 1) q.page = form.page;
  q.pageSize = PAGE_SIZE;
  q.highlight = false;
  return q;
}

/** `a=b&c=d`: lists comma-joined, the way the model reads them. */
export function toQueryString(query: SearchQueryInput): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    const s = Array.isArray(v) ? v.join(',') : String(v);
    if (s) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.join('&');
}

export interface SearchHitView {
  id: string;
  decisionNo: string;
  partyName: string;
  agencyName: string;
  violationType: string;
  decisionDate: string;
  categories: string[];
  fineYuan: number;
  status: string;
}

export interface SearchAnswer {
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHitView[];
}

export function parseSearchAnswer(data: unknown): SearchAnswer {
  const d = (data ?? {}) as { total?: unknown; page?: unknown; pageSize?: unknown; hits?: unknown };
  const hits = Array.isArray(d.hits) ? d.hits : [];
  return {
    total: typeof d.total === 'number' ? d.total : 0,
    page: typeof d.page === 'number' ? d.page : 1,
    pageSize: typeof d.pageSize === 'number' ? d.pageSize : PAGE_SIZE,
    hits: hits.map((h) => {
      const x = (h ?? {}) as Record<string, unknown>;
      return {
        id: String(x.id ?? ''),
        decisionNo: String(x.decisionNo ?? ''),
        partyName: String(x.partyName ?? ''),
        agencyName: String(x.agencyName ?? ''),
        violationType: String(x.violationType ?? ''),
        decisionDate: String(x.decisionDate ?? ''),
        categories: Array.isArray(x.categories) ? x.categories.map(String) : [],
        fineYuan: typeof x.fineYuan === 'number' ? x.fineYuan : 0,
        status: String(x.status ?? ''),
      };
    }),
  };
}

export function formatYuan(yuan: number): string {
  if (!yuan) return '';
  return yuan >= 10_000
    ? `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`
    : `${yuan.toLocaleString('zh-CN')} 元`;
}
