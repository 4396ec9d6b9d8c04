/**
 * The PostgreSQL baseline: the same documents in a throwaway database, searched the way a portal
 * without a search engine would: `ILIKE '%term%'` per term over one text column with a pg_trgm GIN
 * index, the same filters as WHERE clauses, facet counts by GROUP BY, ORDER BY and LIMIT/OFFSET.
 * Each query of the mix is ONE statement (a materialised CTE of the matches, then total, page and
 * facets from it), so the matches are found once per query.
 *
 * "Relevance" here is what SQL can do without a ranking function: exact code/decision-number hits
 * first, then newest first.
 */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { SearchQuery } from '@sunlight/search-indexer/query';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import { exactKey, normalise } from '@sunlight/search-indexer/tokenize';
import { searchableText } from '@sunlight/search-indexer/searchable';
import meiliSettings from '../../search-indexer/settings/meilisearch.json' with { type: 'json' };
import { progress } from './progress.ts';

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** The text the engine indexes (its WEIGHTED_FIELDS), one field per line so no match spans two fields. */
export function searchText(d: SearchDoc): string {
  return normalise(searchableText(d));
}

const synonyms = new Map<string, string[]>(
  Object.entries(meiliSettings.settings.synonyms as Record<string, string[]>).map(([k, v]) => [
    normalise(k),
    v.map(normalise),
  ]),
);

/** A term and its synonyms, normalised like the engine does. */
export function alternatives(term: string): string[] {
  const t = normalise(term);
  return [t, ...(synonyms.get(t) ?? [])];
}

/** A value in COPY's text format (\N for null; backslash, tab and line breaks escaped). */
export const copyText = (v: string | null): string =>
  v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const copyArray = (xs: string[]) => copyText(`{${xs.map((x) => `"${x.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`);

export interface PgLoadFigures {
  database: string;
  loadSeconds: number;
  indexSeconds: number;
  tableBytes: number;
  trgmIndexBytes: number;
  totalBytes: number;
}

export class PgBaseline {
  readonly database: string;
  private admin: pg.Client | null = null;
  client: pg.Client | null = null;

  constructor(private readonly opts: { statementTimeoutMs: number }) {
    this.database = `sunlight_bench_${process.pid}_${Date.now().toString(36)}`;
  }

  async open(): Promise<void> {
    this.admin = new pg.Client({ connectionString: `${PG_URL}/postgres` });
    await this.admin.connect();
    // C.UTF-8 classifies Han characters as letters, so pg_trgm makes trigrams of Chinese text.
    await this.admin.query(
      `CREATE DATABASE ${this.database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
    this.client = new pg.Client({ connectionString: `${PG_URL}/${this.database}` });
    await this.client.connect();
    await this.client.query('CREATE EXTENSION pg_trgm');
    await this.client.query(`SET maintenance_work_mem = '1GB'`);
    await this.client.query(`SET work_mem = '64MB'`);
  }

  async load(docs: SearchDoc[]): Promise<PgLoadFigures> {
    const c = this.client!;
    await c.query(`CREATE TABLE docs (
      id text PRIMARY KEY, version bigint NOT NULL, decision_no text NOT NULL, party_name text NOT NULL,
      party_credit_code text, party_type text NOT NULL, agency_id text NOT NULL, agency_name text NOT NULL,
      agency_short_name text NOT NULL, field text NOT NULL, region text, procedure text NOT NULL,
      categories text[] NOT NULL, violation_type text NOT NULL, violation_facts text NOT NULL,
      penalty_content text NOT NULL, penalty_basis text NOT NULL, decision_date date NOT NULL, year int NOT NULL,
      fine_yuan double precision NOT NULL, status text NOT NULL, search text NOT NULL)`);
    const t0 = performance.now();
    const bar = progress('pg load', docs.length);
    let i = 0;
    const rows = Readable.from(
      (function* () {
        let chunk = '';
        for (; i < docs.length; i++) {
          const d = docs[i]!;
          chunk +=
            [
              copyText(d.id),
              String(d.version),
              copyText(d.decisionNo),
              copyText(d.partyName),
              copyText(d.partyCreditCode),
              copyText(d.partyType),
              copyText(d.agencyId),
              copyText(d.agencyName),
              copyText(d.agencyShortName),
              copyText(d.field),
              copyText(d.region),
              copyText(d.procedure),
              copyArray(d.categories),
              copyText(d.violationType),
              copyText(d.violationFacts),
              copyText(d.penaltyContent),
              copyText(d.penaltyBasis),
              d.decisionDate,
              String(d.year),
              String(d.fineYuan),
              copyText(d.status),
              copyText(searchText(d)),
            ].join('\t') + '\n';
          if (chunk.length > 1 << 20) {
            bar.update(i);
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
      { objectMode: false },
    );
    await pipeline(rows, c.query(copyFrom('COPY docs FROM STDIN')));
    bar.stop(docs.length);
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    process.stderr.write('pg: building indexes (pg_trgm GIN on the search column, btree/GIN on filter columns)…\n');
    await c.query('CREATE INDEX docs_search_trgm ON docs USING gin (search gin_trgm_ops)');
    for (const col of ['agency_id', 'field', 'decision_date', 'fine_yuan', 'year', 'decision_no', 'party_credit_code'])
      await c.query(`CREATE INDEX docs_${col} ON docs (${col})`);
    await c.query('CREATE INDEX docs_categories ON docs USING gin (categories)');
    await c.query('ANALYZE docs');
    const indexSeconds = (performance.now() - t1) / 1000;
    const sizes = (
      await c.query<{ table: string; trgm: string; total: string }>(
        `SELECT pg_table_size('docs') AS table, pg_relation_size('docs_search_trgm') AS trgm, pg_total_relation_size('docs') AS total`,
      )
    ).rows[0]!;
    await c.query(`SET statement_timeout = ${Math.round(this.opts.statementTimeoutMs)}`);
    return {
      database: this.database,
      loadSeconds,
      indexSeconds,
      tableBytes: Number(sizes.table),
      trgmIndexBytes: Number(sizes.trgm),
      totalBytes: Number(sizes.total),
    };
  }

  /** Runs one query of the mix; returns total and page ids, or null on statement timeout. */
  async search(
    query: SearchQuery,
  ): Promise<{ total: number; ids: string[]; facets: Record<string, [string, number][]> } | null> {
    const { text, values } = toSql(query);
    try {
      const row = (await this.client!.query(text, values)).rows[0] as Record<string, unknown>;
      const facets: Record<string, [string, number][]> = {};
      for (const [k, v] of Object.entries(row))
        if (k.startsWith('f_')) facets[k.slice(2)] = (v as [string, number][] | null) ?? [];
      return { total: Number(row.total), ids: row.ids as string[], facets };
    } catch (err) {
      if ((err as { code?: string }).code === '57014') return null; // statement_timeout
      throw err;
    }
  }

  async explain(query: SearchQuery): Promise<string> {
    const { text, values } = toSql(query);
    const rows = (await this.client!.query(`EXPLAIN ${text}`, values)).rows as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => {});
    this.client = null;
    if (this.admin) {
      await this.admin.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`).catch((e) => {
        process.stderr.write(`pg: could not drop ${this.database}: ${(e as Error).message}\n`);
      });
      await this.admin.end().catch(() => {});
      this.admin = null;
    }
  }
}

const FACET_EXPR: Record<string, string> = {
  agency: 'agency_id',
  field: 'field',
  category: 'unnest(categories)',
  year: 'year::text',
  procedure: 'procedure',
  partyType: 'party_type',
  region: 'region',
  status: 'status',
};

const likeEscape = (s: string) => s.replace(/([\\%_])/g, '\\$1');

export function toSql(query: SearchQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const filters: string[] = [];
  const list = (col: string, xs: string[] | undefined) => {
    if (xs?.length) filters.push(`${col} = ANY(${p(xs)}::text[])`);
  };
  list('agency_id', query.agency);
  list('field', query.field);
  list('procedure', query.procedure);
  list('party_type', query.partyType);
  list('region', query.region);
  list('status', query.status);
  if (query.category?.length) filters.push(`categories && ${p(query.category)}::text[]`);
  if (query.dateFrom) filters.push(`decision_date >= ${p(query.dateFrom)}::date`);
  if (query.dateTo) filters.push(`decision_date <= ${p(query.dateTo)}::date`);
  if (query.fineMin !== undefined) filters.push(`fine_yuan >= ${p(query.fineMin)}`);
  if (query.fineMax !== undefined) filters.push(`fine_yuan <= ${p(query.fineMax)}`);

  let exact = 'false';
  if (query.q) {
    const key = p(exactKey(query.q));
    exact = `(decision_no = ${key} OR party_credit_code = ${key})`;
    const terms = query.q.split(' ').filter(Boolean);
    const text = terms.map(
      (t) =>
        `(${alternatives(t)
          .map((a) => `search ILIKE ${p(`%${likeEscape(a)}%`)}`)
          .join(' OR ')})`,
    );
    filters.unshift(`(${text.join(' AND ')} OR ${exact})`);
  }
  const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const sort = query.sort === 'relevance' && !query.q ? 'date_desc' : query.sort;
  const orderBy =
    sort === 'relevance'
      ? 'exact DESC, decision_date DESC, id DESC'
      : sort === 'date_desc'
        ? 'decision_date DESC, id DESC'
        : sort === 'date_asc'
          ? 'decision_date ASC, id ASC'
          : sort === 'amount_desc'
            ? 'fine_yuan DESC, id DESC'
            : 'fine_yuan ASC, id ASC';
  const offset = (query.page - 1) * query.pageSize;
  const facetCols = [...new Set(query.facets ?? [])].map(
    (f) =>
      `(SELECT coalesce(json_agg(json_build_array(v, c) ORDER BY c DESC, v), '[]') FROM (SELECT ${FACET_EXPR[f]} AS v, count(*)::int AS c FROM m GROUP BY 1) g WHERE v IS NOT NULL) AS f_${f}`,
  );
  const text = `WITH m AS MATERIALIZED (
      SELECT id, agency_id, field, categories, year, procedure, party_type, region, status, decision_date, fine_yuan, ${exact} AS exact
      FROM docs ${where})
    SELECT (SELECT count(*) FROM m)::int AS total,
      ARRAY(SELECT id FROM m ORDER BY ${orderBy} LIMIT ${p(query.pageSize)} OFFSET ${p(offset)}) AS ids
      ${facetCols.map((c) => `, ${c}`).join('')}`;
  return { text, values };
}
