/**
 * Shared pieces of the catalogue queries (事前公开 lists): paging, GET-parameter parsing, ILIKE patterns,
 * a tiny WHERE builder and legal-basis references. Pure functions except `resolveBasis` / `agencyOptions`.
 */
import { articleLabel, toChineseNumeral } from '@sunlight/domain/numerals';
import { FIELDS, LAW_CODE_PATTERN, type BasisRef } from '@sunlight/domain/schemas/common';
import { toHalfWidth } from '@sunlight/domain/validators/text';
import type { Db, SqlParam } from '../db/types';
import type { ParamValue } from './url';

export const PAGE_SIZE = 20;
/**
 * Lists that may match without bound (a law article's or a discretion item's decisions) count up to this
 * many and page no further: a reader sees "10,000 个以上", and no request reads more than this many rows.
 */
export const TOTAL_CAP = 10_000;
/** Upper bound of rows in one CSV download (a province-sized list still fits in memory). */
export const CSV_MAX_ROWS = 100_000;

export interface Paged<T> {
  items: T[];
  /** How many match; when `capped`, a lower bound: counting stopped there (see TOTAL_CAP). */
  total: number;
  capped?: boolean;
  page: number;
  pageSize: number;
  pages: number;
  /** 1-based position of the first item on this page (0 when empty). */
  from: number;
  to: number;
}

export function paged<T>(items: T[], total: number, page: number, pageSize: number, capped = false): Paged<T> {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = items.length ? (page - 1) * pageSize + 1 : 0;
  return {
    items,
    total,
    ...(capped ? { capped } : {}),
    page,
    pageSize,
    pages,
    from,
    to: items.length ? from + items.length - 1 : 0,
  };
}

/** `?page=` as a positive integer; anything else is page 1. */
export function parsePage(value: string | null | undefined): number {
  if (!value || !/^\d{1,6}$/.test(value.trim())) return 1;
  return Math.max(1, Number(value.trim()));
}

/** Clamps a requested page to the pages that exist, so an old link past the end still shows the last page. */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / pageSize)));
}

/** A search box value: half-width, trimmed, inner whitespace collapsed, at most 100 characters. */
export function cleanQuery(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const q = toHalfWidth(value).replace(/\s+/g, ' ').trim().slice(0, 100);
  return q || undefined;
}

/** A value from a closed list (enum), or undefined. */
export function pick<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  return (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** An agency id (slug) as typed in a URL, or undefined. Existence is checked by the query (no rows). */
export function slug(value: string | null | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  return v && /^[a-z][a-z0-9-]{1,39}$/.test(v) ? v : undefined;
}

/** A law code such as FL-0001 (case-insensitive in the URL). */
export function lawCodeParam(value: string | null | undefined): string | undefined {
  const v = value?.trim().toUpperCase();
  return v && LAW_CODE_PATTERN.test(v) ? v : undefined;
}

/** An article number 1–9999. */
export function articleParam(value: string | null | undefined): number | undefined {
  const v = value?.trim();
  if (!v || !/^\d{1,4}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 ? n : undefined;
}

/** ILIKE pattern matching `q` anywhere, with the wildcard characters in q taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Collects WHERE conditions and their $n parameters. */
export class Where {
  readonly conditions: string[] = [];
  readonly params: SqlParam[] = [];

  /** Adds a parameter and returns its placeholder ($n). */
  param(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition; `{}` in sql is replaced by the placeholder of `value`. */
  add(sql: string, value?: SqlParam): this {
    this.conditions.push(value === undefined ? sql : sql.replaceAll('{}', this.param(value)));
    return this;
  }

  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** JSON for `@>` containment on a basis array: every item citing law `code` (and article `n`). */
export function basisContains(code: string, article?: number): string {
  return JSON.stringify([article === undefined ? { lawCode: code } : { lawCode: code, article }]);
}

/** Condition: the record's basis array (a jsonb expression) cites law/article. */
export function addBasisFilter(where: Where, expr: string, law?: string, article?: number): void {
  if (law) where.add(`${expr} @> {}::jsonb`, basisContains(law, article));
}

// ---------- Legal basis references ----------

/** The article's address in the law library. */
/**
 * The search of a list: `q` in any of `columns` (ILIKE, wildcards escaped) or in the title (and, with
 * `lawCodes`, the code) of a law the record cites in the basis array `basis`.
 */
export function addSearch(
  w: Where,
  q: string | undefined,
  columns: readonly string[],
  basis?: { column: string; lawCodes?: boolean },
): void {
  if (!q) return;
  const like = w.param(likePattern(q));
  const ilike = (c: string) => `${c} ILIKE ${like} ESCAPE '\\'`;
  const matches = columns.map(ilike);
  if (basis)
    matches.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(${basis.column}) b JOIN laws l ON l.code = b->>'lawCode'
      WHERE ${[ilike('l.title'), ...(basis.lawCodes ? [ilike('l.code')] : [])].join(' OR ')})`);
  w.add(`(${matches.join(' OR ')})`);
}

/** The filters most catalogue lists share: search, agency, field, law (with article) and page. */
export function sharedListFilters(sp: URLSearchParams) {
  const law = lawCodeParam(sp.get('law'));
  return {
    q: cleanQuery(sp.get('q')),
    agency: slug(sp.get('agency')),
    field: pick(sp.get('field'), FIELDS),
    law,
    article: law ? articleParam(sp.get('article')) : undefined,
    page: parsePage(sp.get('page')),
  };
}

/** The URL parameters of `keys`, in that order (the order links and the CSV address write them in). */
export function paramsOf<F extends object>(f: F, keys: readonly (keyof F & string)[]): Record<string, ParamValue> {
  return Object.fromEntries(keys.map((k) => [k, f[k] as ParamValue]));
}

/** What a list reads: its table (counted alone), the joins for its columns, the columns and the order. */
export interface ListQuery {
  from: string;
  join?: string;
  columns: string;
  order: string;
}

/** The agency that owns a catalogue record, as its detail page shows it. */
export interface OwningAgency {
  id: string;
  name: string;
  shortName: string;
  complaintPhone: string | undefined;
}

/** A catalogue record (its `data`) by key, with the agency that owns it; undefined when there is none. */
export async function recordWithAgency<T>(
  db: Db,
  table: string,
  key: string,
  value: string,
): Promise<{ data: T; agency: OwningAgency } | undefined> {
  const [row] = await db.query<{
    data: T;
    agency_id: string;
    name: string;
    short_name: string | null;
    phone: string | null;
  }>(
    `SELECT x.data, x.agency_id, a.name, a.short_name, a.data->>'complaintPhone' AS phone
     FROM ${table} x JOIN agencies a ON a.id = x.agency_id WHERE x.${key} = $1`,
    [value],
  );
  if (!row) return undefined;
  const agency = { id: row.agency_id, name: row.name, shortName: row.short_name ?? row.name };
  return { data: row.data, agency: { ...agency, complaintPhone: row.phone ?? undefined } };
}

/** Every row of a list under `w` (up to CSV_MAX_ROWS) with the titles of the laws their basis cites, for its CSV. */
export async function allWithTitles<T>(
  db: Db,
  q: ListQuery,
  w: Where,
  basis: (row: T) => readonly BasisRef[] | undefined,
): Promise<{ rows: T[]; titles: Map<string, string> }> {
  const rows = await allOf<T>(db, q, w);
  return { rows, titles: await lawTitles(db, rows.map(basis)) };
}

/** One page of a list under `w`: counts the matches, clamps the page, reads its rows. */
export async function pageOf<T>(db: Db, q: ListQuery, w: Where, page: number, pageSize: number): Promise<Paged<T>> {
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.from} ${w.sql}`, w.params);
  const total = count?.n ?? 0;
  const shown = clampPage(page, total, pageSize);
  const rows = total
    ? await db.query<T>(
        `SELECT ${q.columns} FROM ${q.from} ${q.join ?? ''} ${w.sql}
         ORDER BY ${q.order} LIMIT ${pageSize} OFFSET ${(shown - 1) * pageSize}`,
        w.params,
      )
    : [];
  return paged(rows, total, shown, pageSize);
}

/** Every row of a list under `w` (up to CSV_MAX_ROWS), for its CSV. */
export function allOf<T>(db: Db, q: ListQuery, w: Where): Promise<T[]> {
  return db.query<T>(
    `SELECT ${q.columns} FROM ${q.from} ${q.join ?? ''} ${w.sql} ORDER BY ${q.order} LIMIT ${CSV_MAX_ROWS}`,
    w.params,
  );
}

export function basisHref(ref: Pick<BasisRef, 'lawCode' | 'article'>): string {
  return `/laws/${ref.lawCode}#art-${ref.article}`;
}

/** 第十二条第二款第三项 */
export function refLabel(ref: BasisRef): string {
  let s = articleLabel(ref.article);
  if (ref.paragraph) s += `第${toChineseNumeral(ref.paragraph)}款`;
  if (ref.item) s += `第${toChineseNumeral(ref.item)}项`;
  return s;
}

/** 《中华人民共和国行政处罚法》第三十三条 (code instead of title when the law is unknown). */
export function basisText(ref: BasisRef, titles: ReadonlyMap<string, string>): string {
  const title = titles.get(ref.lawCode);
  return `${title ? `《${title}》` : ref.lawCode}${refLabel(ref)}`;
}

export function basisListText(refs: readonly BasisRef[] | undefined, titles: ReadonlyMap<string, string>): string {
  return (refs ?? []).map((r) => basisText(r, titles)).join('；');
}

/** Titles of the laws cited by the given basis lists, in one query. */
export async function lawTitles(
  db: Db,
  lists: readonly (readonly BasisRef[] | undefined)[],
): Promise<Map<string, string>> {
  const codes = [...new Set(lists.flatMap((l) => (l ?? []).map((r) => r.lawCode)))];
  if (!codes.length) return new Map();
  const rows = await db.query<{ code: string; title: string }>('SELECT code, title FROM laws WHERE code = ANY($1)', [
    codes,
  ]);
  return new Map(rows.map((r) => [r.code, r.title]));
}

export interface ResolvedBasis {
  ref: BasisRef;
  href: string;
  label: string;
  lawTitle: string | undefined;
  /** The article's text, when the law library has it. */
  text: string | undefined;
  chapter: string | undefined;
}

/** Each reference with its law title and article text from the law library (one query). */
export async function resolveBasis(db: Db, refs: readonly BasisRef[]): Promise<ResolvedBasis[]> {
  if (!refs.length) return [];
  const rows = await db.query<{ i: number; title: string | null; text: string | null; chapter: string | null }>(
    `SELECT r.i::int AS i, l.title, a->>'text' AS text, a->>'chapter' AS chapter
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(ref, i)
     LEFT JOIN laws l ON l.code = r.ref->>'lawCode'
     LEFT JOIN LATERAL (
       SELECT a FROM jsonb_array_elements(l.data->'articles') a WHERE (a->>'number')::int = (r.ref->>'article')::int LIMIT 1
     ) x ON true`,
    [JSON.stringify(refs)],
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
  return refs.map((ref, i) => {
    const row = byIndex.get(i + 1);
    return {
      ref,
      href: basisHref(ref),
      label: refLabel(ref),
      lawTitle: row?.title ?? undefined,
      text: row?.text ?? undefined,
      chapter: row?.chapter ?? undefined,
    };
  });
}

// ---------- Options for filter forms ----------

export interface AgencyOption {
  id: string;
  name: string;
  shortName: string;
  category: string;
}

/** Every agency, for the 执法主体 select (ordered by category, then name). */
export async function agencyOptions(db: Db): Promise<AgencyOption[]> {
  return db.query<AgencyOption>(
    `SELECT id, name, coalesce(short_name, name) AS "shortName", category FROM agencies ORDER BY category, name`,
  );
}

/** Formats an integer for display with zh-CN grouping (1,234). */
export function fmt(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** 万元 with up to 2 decimals: 12.5 → "12.50". */
export function fmtWan(n: number): string {
  return n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** “《title》第十二条” for a law/article filter (the code when the law is unknown). */
export async function lawFilterLabel(db: Db, code: string | undefined, article?: number): Promise<string | undefined> {
  if (!code) return undefined;
  const [row] = await db.query<{ title: string }>('SELECT title FROM laws WHERE code = $1', [code]);
  return `${row ? `《${row.title}》` : code}${article ? articleLabel(article) : ''}`;
}

/** Options for a select of closed-list values. */
export function options(
  values: readonly string[],
  counts?: ReadonlyMap<string, number>,
): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: counts ? `${v}（${fmt(counts.get(v) ?? 0)}）` : v }));
}
