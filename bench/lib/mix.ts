/**
 * The fixed query mix: 500 queries in the query model's input form (what the search page and the API
 * send), deterministic for a given corpus. Shared by bench/search.ts and bench/engine-comparison.ts.
 *
 * Codes and decision numbers are drawn from the corpus with a seeded PRNG, so the same corpus always
 * yields the same mix; everything else is a fixed list.
 */
import type { SearchQueryInput } from '@sunlight/search-indexer/query';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import { mulberry32 } from '@sunlight/domain/mulberry32';

export type QueryKind = 'term' | 'multi' | 'agency' | 'code' | 'decisionNo' | 'filtered' | 'faceted' | 'sorted';

export interface MixQuery {
  n: number;
  kind: QueryKind;
  input: SearchQueryInput;
  /** Set for single two-character Han terms without synonyms: the brute-force substring oracle applies. */
  oracleTerm?: string;
}

export const MIX_COUNTS: Record<QueryKind, number> = {
  term: 90,
  multi: 60,
  agency: 40,
  code: 50,
  decisionNo: 50,
  filtered: 100,
  faceted: 60,
  sorted: 50,
};

/** Two-character terms (some rare, 油烟 absent from the synthetic vocabulary: empty results count too). */
export const TWO_CHAR_TERMS = [
  '餐饮',
  '消防',
  '排污',
  '油烟',
  '占道',
  '超标',
  '食品',
  '广告',
  '噪声',
  '扬尘',
  '垃圾',
  '废水',
  '许可',
  '通道',
  '标签',
  '网吧',
  '渣土',
  '施工',
  '电梯',
  '危险',
  '运输',
  '医疗',
  '农药',
  '虚假',
  '无照',
  '计量',
  '排放',
  '废气',
  '客运',
  '营业',
];

const MULTI_TERMS = [
  '餐饮 罚款',
  '消防 通道',
  '排污 超标',
  '食品 许可',
  '占道 经营',
  '危险 化学',
  '广告 虚假',
  '噪声 施工',
  '废气 排放',
  '油烟 餐饮',
  '扬尘 施工',
  '无照 经营',
  '安全生产',
  '营业执照',
  '消防 罚款 警告',
  '食品 经营 许可',
  '市场监管 罚款',
  '建筑 垃圾',
  '渣土 运输',
  '特种设备',
  '排污许可证',
  '责令改正 罚款',
  '客运 出租',
  '医疗 卫生',
];

const AGENCY_TERMS = [
  '市监局',
  '区市监局',
  '市场监督管理局',
  '环保局',
  '生态环境局',
  '区应急局',
  '应急局',
  '城管',
  '卫健委',
  '人社局',
  '区消防救援支队',
  '青石街道',
  '南湖镇',
  '临港管委会',
  '区交通执法支队',
  '金沙街道',
  '区城管执法局',
  '区文化执法大队',
  '高新区管委会',
  '区公安分局',
];

const FIELDS_USED = ['市场监管', '城市管理', '安全生产', '生态环境', '消防', '卫生健康', '交通运输', '文化旅游'];
const CATEGORIES_USED = ['罚款', '警告', '没收违法所得', '责令停产停业', '吊销许可证件', '没收非法财物', '通报批评'];
const FACETS = ['agency', 'field', 'category', 'year'];
const SORTS = ['date_desc', 'date_asc', 'amount_desc', 'amount_asc'] as const;

const prng = mulberry32;

const HAN2 = /^\p{Script=Han}{2}$/u;

export function buildMix(docs: SearchDoc[], seed = 20251122): MixQuery[] {
  if (docs.length === 0) throw new Error('empty corpus');
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const doc = () => docs[Math.floor(rnd() * docs.length)]!;
  const page = () => (rnd() < 0.25 ? int(2, 5) : 1);
  const agencies = [...new Set(docs.map((d) => d.agencyId))].sort();
  const years = [...new Set(docs.map((d) => d.year))].sort();
  const dateRange = () => {
    const y = pick(years);
    const m = int(1, 12);
    const months = int(1, 18);
    const from = new Date(Date.UTC(y, m - 1, 1));
    const to = new Date(Date.UTC(y, m - 1 + months, 0));
    return { dateFrom: from.toISOString().slice(0, 10), dateTo: to.toISOString().slice(0, 10) };
  };
  const fineRange = () => {
    const lo = pick([0, 500, 1000, 5000, 10000, 50000]);
    return rnd() < 0.5 ? { fineMin: lo } : { fineMin: lo, fineMax: lo * 10 + 2000 };
  };

  const out: Omit<MixQuery, 'n'>[] = [];
  const add = (kind: QueryKind, input: SearchQueryInput, oracleTerm?: string) =>
    out.push(oracleTerm ? { kind, input, oracleTerm } : { kind, input });

  for (let i = 0; i < MIX_COUNTS.term; i++) {
    const q = TWO_CHAR_TERMS[i % TWO_CHAR_TERMS.length]!;
    add('term', { q, page: page() }, HAN2.test(q) ? q : undefined);
  }
  for (let i = 0; i < MIX_COUNTS.multi; i++) add('multi', { q: MULTI_TERMS[i % MULTI_TERMS.length]!, page: page() });
  for (let i = 0; i < MIX_COUNTS.agency; i++) add('agency', { q: AGENCY_TERMS[i % AGENCY_TERMS.length]! });

  const withCode = docs.filter((d) => d.partyCreditCode);
  for (let i = 0; i < MIX_COUNTS.code; i++) {
    const d = withCode.length ? withCode[Math.floor(rnd() * withCode.length)]! : doc();
    add('code', { q: d.partyCreditCode ?? d.decisionNo });
  }
  for (let i = 0; i < MIX_COUNTS.decisionNo; i++) add('decisionNo', { q: doc().decisionNo });

  for (let i = 0; i < MIX_COUNTS.filtered; i++) {
    const input: SearchQueryInput = {};
    switch (i % 6) {
      case 0:
        input.agency = [pick(agencies)];
        break;
      case 1:
        input.q = pick(TWO_CHAR_TERMS);
        input.field = [pick(FIELDS_USED)];
        break;
      case 2:
        input.category = [pick(CATEGORIES_USED)];
        Object.assign(input, dateRange());
        break;
      case 3:
        input.q = pick(TWO_CHAR_TERMS);
        Object.assign(input, dateRange());
        break;
      case 4:
        input.agency = [pick(agencies), pick(agencies)];
        Object.assign(input, fineRange());
        break;
      default:
        input.q = pick(['罚款', '责令改正', '经营', '安全', '违法']);
        input.field = [pick(FIELDS_USED)];
        input.category = [pick(CATEGORIES_USED), pick(CATEGORIES_USED)];
        Object.assign(input, fineRange());
    }
    input.page = page();
    out.push({ kind: 'filtered', input });
  }

  for (let i = 0; i < MIX_COUNTS.faceted; i++) {
    const input: SearchQueryInput = { facets: FACETS };
    if (i % 3 === 0) input.q = pick(TWO_CHAR_TERMS);
    else if (i % 3 === 1) {
      input.q = pick(MULTI_TERMS);
      input.agency = [pick(agencies)];
    } else if (i % 6 === 2) {
      // the whole index: the landing page's facet counts
    } else Object.assign(input, dateRange());
    out.push({ kind: 'faceted', input });
  }

  for (let i = 0; i < MIX_COUNTS.sorted; i++) {
    const input: SearchQueryInput = { sort: SORTS[i % SORTS.length]!, page: page() };
    if (i % 3 === 0) input.q = pick(TWO_CHAR_TERMS);
    else if (i % 3 === 1) input.field = [pick(FIELDS_USED)];
    out.push({ kind: 'sorted', input });
  }

  // Deterministic shuffle so the kinds interleave (no kind runs hot in cache after its neighbours).
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.map((q, n) => ({ n, ...q }));
}

export const OR_SYNONYMS_NOTE =
  'Each whitespace-separated term must match (AND); a term also matches through its synonyms (OR), as in search-indexer/settings/meilisearch.json.';
