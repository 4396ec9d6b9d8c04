/** 编码化法律法规库: list, one law with its articles, and what cites each article (reverse links). */
import { LAW_LEVELS, type LawLevel } from '@sunlight/domain/schemas/common';
import type { DiscretionKind } from '@sunlight/domain/schemas/discretion-item';
import type { Article, LegalBasis } from '@sunlight/domain/schemas/legal-basis';
import type { Db } from '../db/types';
import {
  addSearch,
  allOf,
  basisContains,
  cleanQuery,
  PAGE_SIZE,
  pageOf,
  paramsOf,
  parsePage,
  pick,
  Where,
  type Paged,
  type ListQuery,
} from './common';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import type { CsvValue } from '../csv';
import { discretionOrder, pagedDecisions, type DecisionLink } from './discretion';

export const LAW_STATUS_VALUES = ['现行有效', '已修改', '已废止'] as const;

export interface LawFilters {
  q?: string | undefined;
  level?: LawLevel | undefined;
  page: number;
}

export function parseLawFilters(sp: URLSearchParams): LawFilters {
  return { q: cleanQuery(sp.get('q')), level: pick(sp.get('level'), LAW_LEVELS), page: parsePage(sp.get('page')) };
}

export function lawParams(f: LawFilters) {
  return paramsOf(f, ['q', 'level', 'page']);
}

function lawWhere(f: LawFilters): Where {
  const w = new Where();
  if (f.level) w.add('l.level = {}', f.level);
  addSearch(w, f.q, ['l.title', 'l.code', `l.data->>'issuingBody'`, `l.data->>'documentNo'`]);
  return w;
}

export interface LawRow {
  code: string;
  title: string;
  level: LawLevel;
  issuingBody: string;
  documentNo: string | null;
  effectiveDate: string;
  amendedDate: string | null;
  status: string | null;
  articles: number;
}

const LAWS: ListQuery = {
  from: 'laws l',
  columns: `l.code, l.title, l.level, l.data->>'issuingBody' AS "issuingBody", l.data->>'documentNo' AS "documentNo",
  l.data->>'effectiveDate' AS "effectiveDate", l.data->>'amendedDate' AS "amendedDate", l.data->>'status' AS status,
  jsonb_array_length(l.data->'articles') AS articles`,
  /** Levels in their order of legal force, then code. */
  order: `CASE l.level WHEN '法律' THEN 1 WHEN '行政法规' THEN 2 WHEN '部门规章' THEN 3 WHEN '地方性法规' THEN 4 ELSE 5 END, l.code`,
};

export function listLaws(db: Db, f: LawFilters, pageSize = PAGE_SIZE): Promise<Paged<LawRow>> {
  return pageOf<LawRow>(db, LAWS, lawWhere(f), f.page, pageSize);
}

export const LAW_CSV_HEADERS = [
  '法律法规编码',
  '名称',
  '效力级别',
  '制定机关',
  '发布文号',
  '施行日期',
  '修正日期',
  '时效性',
  '收录条数',
] as const;

export async function lawsCsvRows(db: Db, f: LawFilters): Promise<CsvValue[][]> {
  const rows = await allOf<LawRow>(db, LAWS, lawWhere(f));
  return rows.map((r) => [
    r.code,
    r.title,
    r.level,
    r.issuingBody,
    r.documentNo,
    r.effectiveDate,
    r.amendedDate,
    r.status,
    r.articles,
  ]);
}

export async function lawLevelCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.query<{ level: string; n: number }>(
    'SELECT level, count(*)::int AS n FROM laws GROUP BY level',
  );
  return new Map(rows.map((r) => [r.level, r.n]));
}

export async function getLaw(db: Db, code: string): Promise<LegalBasis | undefined> {
  const [row] = await db.query<{ data: LegalBasis }>('SELECT data FROM laws WHERE code = $1', [code]);
  if (!row) return undefined;
  return { ...row.data, articles: [...row.data.articles].sort((a, b) => a.number - b.number) };
}

// ---------- Reverse links ----------

export interface CitingPower {
  code: string;
  name: string;
  type: string;
  agencyShortName: string;
}
export interface CitingItem {
  code: string;
  name: string;
  level: string;
  powerCode: string;
  agencyShortName: string;
}
export interface CitingDiscretion {
  id: string;
  kind: DiscretionKind;
  violation: string;
  agencyShortName: string;
}

export interface ArticleReferences {
  powers: CitingPower[];
  items: CitingItem[];
  discretion: CitingDiscretion[];
  /** The newest public decisions citing the article (at most `decisionLimit`). */
  decisions: DecisionLink[];
  decisionTotal: number;
}

export type LawReferences = Map<number, ArticleReferences>;

const empty = (): ArticleReferences => ({ powers: [], items: [], discretion: [], decisions: [], decisionTotal: 0 });

/**
 * For every article of a law: the powers, enforcement items and four-list items whose basis cites it, and the
 * public decisions (published/corrected only) whose basisRefs cite it — the newest `decisionLimit` of them
 * plus their number. Five queries for the whole law, whatever its length.
 */
export async function lawReferences(
  db: Db,
  code: string,
  { article, decisionLimit = 5 }: { article?: number; decisionLimit?: number } = {},
): Promise<LawReferences> {
  const contains = basisContains(code, article);
  const articlesOf = (expr: string) =>
    `(SELECT jsonb_agg(DISTINCT (b->>'article')::int) FROM jsonb_array_elements(${expr}) b WHERE b->>'lawCode' = $1)`;
  const [powers, items, discretion, decisions] = await Promise.all([
    db.query<CitingPower & { articles: number[] }>(
      `SELECT p.code, p.name, p.type, coalesce(a.short_name, a.name) AS "agencyShortName", ${articlesOf(`p.data->'basis'`)} AS articles
       FROM powers p JOIN agencies a ON a.id = p.agency_id
       WHERE p.data->'basis' @> $2::jsonb ORDER BY p.code`,
      [code, contains],
    ),
    db.query<CitingItem & { articles: number[] }>(
      `SELECT e.code, e.data->>'name' AS name, e.level, e.data->>'powerCode' AS "powerCode",
              coalesce(a.short_name, a.name) AS "agencyShortName", ${articlesOf(`e.data->'basis'`)} AS articles
       FROM enforcement_items e JOIN agencies a ON a.id = e.agency_id
       WHERE e.data->'basis' @> $2::jsonb ORDER BY e.code`,
      [code, contains],
    ),
    db.query<CitingDiscretion & { articles: number[] }>(
      `SELECT d.id, d.kind, d.data->>'violation' AS violation, coalesce(a.short_name, a.name) AS "agencyShortName",
              ${articlesOf(`d.data->'basis'`)} AS articles
       FROM discretion_items d JOIN agencies a ON a.id = d.agency_id
       WHERE d.data->'basis' @> $2::jsonb ORDER BY ${discretionOrder('d.kind')}, d.id`,
      [code, contains],
    ),
    decisionLimit <= 0
      ? Promise.resolve([] as (DecisionLink & { article: number; total: number })[])
      : db.query<DecisionLink & { article: number; total: number }>(
          `WITH refs AS (
         SELECT DISTINCT d.id, d.decision_no, d.decision_date, d.data->>'partyName' AS party,
                coalesce(a.short_name, a.name) AS agency, (b->>'article')::int AS article
         FROM disclosures d
         JOIN agencies a ON a.id = d.agency_id
         CROSS JOIN LATERAL jsonb_array_elements(d.data->'basisRefs') b
         WHERE d.status IN ${PUBLIC_STATUS_SQL} AND d.data->'basisRefs' @> $2::jsonb AND b->>'lawCode' = $1
           AND ($4::int IS NULL OR (b->>'article')::int = $4::int)
       ), ranked AS (
         SELECT *, count(*) OVER (PARTITION BY article)::int AS total,
                row_number() OVER (PARTITION BY article ORDER BY decision_date DESC, id) AS rn
         FROM refs
       )
       SELECT id, decision_no AS "decisionNo", party AS "partyName", decision_date::text AS "decisionDate",
              agency AS "agencyShortName", article, total
       FROM ranked WHERE rn <= $3 ORDER BY article, rn`,
          [code, contains, decisionLimit, article ?? null],
        ),
  ]);
  const out: LawReferences = new Map();
  const at = (n: number) => {
    let r = out.get(n);
    if (!r) out.set(n, (r = empty()));
    return r;
  };
  const keep = (n: number) => article === undefined || n === article;
  for (const { articles, ...p } of powers) for (const n of articles ?? []) if (keep(n)) at(n).powers.push(p);
  for (const { articles, ...e } of items) for (const n of articles ?? []) if (keep(n)) at(n).items.push(e);
  for (const { articles, ...d } of discretion) for (const n of articles ?? []) if (keep(n)) at(n).discretion.push(d);
  for (const { article: n, total, ...d } of decisions) {
    const r = at(n);
    r.decisions.push(d);
    r.decisionTotal = total;
  }
  return out;
}

/** One article of a law, with the article before and after it (for the article page). */
export function findArticle(
  law: LegalBasis,
  n: number,
): { article: Article; prev: Article | undefined; next: Article | undefined } | undefined {
  const i = law.articles.findIndex((a) => a.number === n);
  if (i < 0) return undefined;
  return { article: law.articles[i]!, prev: law.articles[i - 1], next: law.articles[i + 1] };
}

/** Public decisions citing one article, newest first, paged. */
export async function decisionsCiting(
  db: Db,
  code: string,
  article: number,
  page: number,
  pageSize = PAGE_SIZE,
): Promise<Paged<DecisionLink>> {
  return pagedDecisions(db, `d.data->'basisRefs' @> $1::jsonb`, [basisContains(code, article)], page, pageSize);
}

/** Group articles by chapter, keeping their order (for the law page's table of contents). */
export function chapters(articles: readonly Article[]): { title: string | undefined; articles: Article[] }[] {
  const out: { title: string | undefined; articles: Article[] }[] = [];
  for (const a of articles) {
    const last = out[out.length - 1];
    if (last && last.title === a.chapter) last.articles.push(a);
    else out.push({ title: a.chapter, articles: [a] });
  }
  return out;
}

const NUMERAL_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const NUMERAL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 一百零五 → 105; undefined for anything that is not a Chinese numeral 1–9999. */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of s) {
    const d = NUMERAL_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = NUMERAL_UNITS[ch]!;
    total += (digit ?? 1) * unit; // 十二: a leading 十 means 一十
    digit = undefined;
  }
  total += digit ?? 0;
  return total >= 1 && total <= 9999 ? total : undefined;
}

export type TextPart = { text: string; article?: number };

/**
 * Splits article text so that references to other articles of the same law (本法第七条, 本条例第十二条…)
 * can be linked; only numbers in `existing` become links.
 */
export function linkArticleRefs(text: string, existing: ReadonlySet<number>): TextPart[] {
  const parts: TextPart[] = [];
  const re = /(本(?:法|条例|规定|办法|细则|规则)第)([零〇一二两三四五六七八九十百千]+)(条)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const n = parseChineseNumeral(m[2]!);
    if (n === undefined || !existing.has(n)) continue;
    const start = m.index + m[1]!.length - 1; // link "第七条", keep "本法" as text
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: text.slice(start, m.index + m[0].length), article: n });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Distinct powers, items and four-list items citing any article of a law (for the summary of its page). */
export function referenceTotals(refs: LawReferences): { powers: number; items: number; discretion: number } {
  const powers = new Set<string>();
  const items = new Set<string>();
  const discretion = new Set<string>();
  for (const r of refs.values()) {
    r.powers.forEach((p) => powers.add(p.code));
    r.items.forEach((i) => items.add(i.code));
    r.discretion.forEach((d) => discretion.add(d.id));
  }
  return { powers: powers.size, items: items.size, discretion: discretion.size };
}

/** How many public decisions cite any article of a law (each decision once). */
export async function decisionsCitingLaw(db: Db, code: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM disclosures WHERE status IN ${PUBLIC_STATUS_SQL} AND data->'basisRefs' @> $1::jsonb`,
    [basisContains(code)],
  );
  return row?.n ?? 0;
}
