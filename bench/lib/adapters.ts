/**
 * The four candidate engines behind one small interface, each answering the query model as closely as
 * the library allows. All of them index the same twelve fields with the same Chinese bigram tokens
 * (search-indexer/src/tokenize.ts: indexTokens at index time, queryTokens at query time) and the
 * same field weights as the EmbeddedEngine (partyName/decisionNo/partyCreditCode 8, agency names and
 * violationType 4, field 3, region and categories 2, long texts 1).
 *
 * What a library does not do itself is done by hand here and listed in `notes`: that is part of what
 * the comparison measures.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedEngine } from '@sunlight/search-indexer/engines/embedded';
import type { Facet, SearchQuery } from '@sunlight/search-indexer/query';
import { indexTokens, queryTokens } from '@sunlight/search-indexer/tokenize';
import type { FacetCount, SearchDoc } from '@sunlight/search-indexer/types';
import { alternatives } from './pg.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

export interface AdapterResult {
  total: number;
  ids: string[];
  facets?: Partial<Record<Facet, FacetCount[]>>;
}

export interface Adapter {
  readonly name: string;
  readonly version: string;
  readonly notes: string[];
  build(docs: SearchDoc[]): Promise<void>;
  search(query: SearchQuery): Promise<AdapterResult>;
  /** Every id matching free text q (no filters): for the correctness check. */
  matchAll(q: string): Promise<Set<string>>;
  /** Replace documents that are already indexed (same ids, new content). */
  update(docs: SearchDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

/** Text fields, weight, and whether single Han characters are indexed (as in the EmbeddedEngine). */
export const TEXT_FIELDS: { name: string; get: (d: SearchDoc) => string; weight: number; unigrams: boolean }[] = [
  { name: 'partyName', get: (d) => d.partyName, weight: 8, unigrams: true },
  { name: 'decisionNo', get: (d) => d.decisionNo, weight: 8, unigrams: false },
  { name: 'partyCreditCode', get: (d) => d.partyCreditCode ?? '', weight: 8, unigrams: false },
  { name: 'agencyName', get: (d) => d.agencyName, weight: 4, unigrams: true },
  { name: 'agencyShortName', get: (d) => d.agencyShortName, weight: 4, unigrams: true },
  { name: 'violationType', get: (d) => d.violationType, weight: 4, unigrams: true },
  { name: 'fieldText', get: (d) => d.field, weight: 3, unigrams: true },
  { name: 'regionText', get: (d) => d.region ?? '', weight: 2, unigrams: true },
  { name: 'categoriesText', get: (d) => d.categories.join(' '), weight: 2, unigrams: true },
  { name: 'violationFacts', get: (d) => d.violationFacts, weight: 1, unigrams: false },
  { name: 'penaltyContent', get: (d) => d.penaltyContent, weight: 1, unigrams: false },
  { name: 'penaltyBasis', get: (d) => d.penaltyBasis, weight: 1, unigrams: false },
];
const FIELD_BY_NAME = new Map(TEXT_FIELDS.map((f) => [f.name, f]));
const BOOST = Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, f.weight]));

/** The query's terms, each with its alternatives (itself and its synonyms). */
export function termAlternatives(q: string): string[][] {
  return q
    .split(' ')
    .filter(Boolean)
    .map((t) => alternatives(t));
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

// ---------------------------------------------------------------- hand-rolled parts (MiniSearch, FlexSearch)

export function docFilter(q: SearchQuery): ((d: SearchDoc) => boolean) | null {
  const checks: ((d: SearchDoc) => boolean)[] = [];
  const inSet = (xs: string[] | undefined, get: (d: SearchDoc) => string | null) => {
    if (!xs?.length) return;
    const s = new Set(xs);
    checks.push((d) => s.has(get(d) ?? ''));
  };
  inSet(q.type, (d) => d.type);
  inSet(q.agency, (d) => d.agencyId);
  inSet(q.field, (d) => d.field);
  inSet(q.procedure, (d) => d.procedure);
  inSet(q.partyType, (d) => d.partyType);
  inSet(q.region, (d) => d.region);
  inSet(q.status, (d) => d.status);
  if (q.category?.length) {
    const s = new Set<string>(q.category);
    checks.push((d) => d.categories.some((c) => s.has(c)));
  }
  if (q.dateFrom) checks.push((d) => d.decisionDate >= q.dateFrom!);
  if (q.dateTo) checks.push((d) => d.decisionDate <= q.dateTo!);
  if (q.fineMin !== undefined) checks.push((d) => d.fineYuan >= q.fineMin!);
  if (q.fineMax !== undefined) checks.push((d) => d.fineYuan <= q.fineMax!);
  if (!checks.length) return null;
  return (d) => checks.every((c) => c(d));
}

const FACET_GET: Record<Facet, (d: SearchDoc) => string[]> = {
  type: (d) => [d.type],
  agency: (d) => [d.agencyId],
  field: (d) => [d.field],
  category: (d) => d.categories,
  procedure: (d) => [d.procedure],
  partyType: (d) => [d.partyType],
  region: (d) => (d.region ? [d.region] : []),
  year: (d) => [String(d.year)],
  status: (d) => [d.status],
};

export function countFacets(facets: Facet[] | undefined, docs: SearchDoc[]): Partial<Record<Facet, FacetCount[]>> {
  const out: Partial<Record<Facet, FacetCount[]>> = {};
  for (const f of new Set(facets ?? [])) {
    const counts = new Map<string, number>();
    const get = FACET_GET[f];
    for (const d of docs) for (const v of get(d)) counts.set(v, (counts.get(v) ?? 0) + 1);
    out[f] = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }
  return out;
}

/** Sort and page scored matches the way the query model says (relevance, then newest first). */
export function sortAndPage(q: SearchQuery, matches: { doc: SearchDoc; score: number }[]): string[] {
  const sort = q.sort === 'relevance' && !q.q ? 'date_desc' : q.sort;
  const cmp: Record<string, (a: { doc: SearchDoc; score: number }, b: { doc: SearchDoc; score: number }) => number> = {
    relevance: (a, b) =>
      b.score - a.score ||
      (a.doc.decisionDate < b.doc.decisionDate ? 1 : a.doc.decisionDate > b.doc.decisionDate ? -1 : 0),
    date_desc: (a, b) =>
      a.doc.decisionDate < b.doc.decisionDate ? 1 : a.doc.decisionDate > b.doc.decisionDate ? -1 : 0,
    date_asc: (a, b) =>
      a.doc.decisionDate < b.doc.decisionDate ? -1 : a.doc.decisionDate > b.doc.decisionDate ? 1 : 0,
    amount_desc: (a, b) => b.doc.fineYuan - a.doc.fineYuan,
    amount_asc: (a, b) => a.doc.fineYuan - b.doc.fineYuan,
  };
  const start = (q.page - 1) * q.pageSize;
  return matches
    .sort(cmp[sort])
    .slice(start, start + q.pageSize)
    .map((m) => m.doc.id);
}

// ---------------------------------------------------------------- our own engine

export class EmbeddedAdapter implements Adapter {
  readonly name = 'EmbeddedEngine (ours)';
  readonly version = 'search-indexer';
  readonly notes = [
    'Filters, facets, sort, paging, synonyms and exact code/decision-number ranking are built in.',
    'matchAll reads the private matchQuery (the text match before filters) for the correctness check.',
  ];
  engine = new EmbeddedEngine();
  async build(docs: SearchDoc[]) {
    for (let i = 0; i < docs.length; i += 5000) await this.engine.upsert(docs.slice(i, i + 5000));
  }
  async search(query: SearchQuery): Promise<AdapterResult> {
    const r = await this.engine.search(query);
    return { total: r.total, ids: r.hits.map((h: { id: string }) => h.id), facets: r.facets };
  }
  async matchAll(q: string) {
    const e = this.engine as unknown as { matchQuery(q: string): { ords: number[] }; docs: (SearchDoc | undefined)[] };
    return new Set(e.matchQuery(q).ords.map((o) => e.docs[o]!.id));
  }
  async update(docs: SearchDoc[]) {
    await this.engine.upsert(docs);
  }
  async remove(ids: string[]) {
    await this.engine.remove(ids);
  }
}

// ---------------------------------------------------------------- MiniSearch

export class MiniSearchAdapter implements Adapter {
  readonly name = 'MiniSearch';
  readonly version = versionOf('minisearch');
  readonly notes = [
    'Custom tokenize (indexTokens per field / queryTokens) and identity processTerm; per-field boosts; prefix and fuzzy off.',
    "Terms AND, synonyms OR and a term's bigrams AND via a MiniSearch query tree; empty q uses MiniSearch.wildcard.",
    'Filters via the `filter` callback (a Map id → doc lookup per result); facets, sort by date/amount and paging by hand over the full result list.',
    'No exact-code ranking: a code or decision number ranks first only if BM25 + boosts put it there.',
  ];
  private ms!: import('minisearch').default<SearchDoc>;
  private byId = new Map<string, SearchDoc>();
  private MiniSearch!: typeof import('minisearch').default;

  async build(docs: SearchDoc[]) {
    this.MiniSearch = (await import('minisearch')).default;
    this.ms = new this.MiniSearch<SearchDoc>({
      idField: 'id',
      fields: TEXT_FIELDS.map((f) => f.name),
      extractField: (doc, field) => (field === 'id' ? doc.id : FIELD_BY_NAME.get(field)!.get(doc)),
      tokenize: (text, field) =>
        field ? indexTokens(text, FIELD_BY_NAME.get(field)?.unigrams ?? false) : queryTokens(text),
      processTerm: (t) => t,
      searchOptions: {
        combineWith: 'AND',
        prefix: false,
        fuzzy: false,
        boost: BOOST,
        tokenize: queryTokens,
        processTerm: (t) => t,
      },
    });
    for (const d of docs) this.byId.set(d.id, d);
    this.ms.addAll(docs);
  }

  private tree(q: string) {
    return {
      combineWith: 'AND' as const,
      queries: termAlternatives(q).map((alts) => ({
        combineWith: 'OR' as const,
        queries: alts.map((a) => ({ combineWith: 'AND' as const, queries: [a] })),
      })),
    };
  }

  async search(query: SearchQuery): Promise<AdapterResult> {
    const pred = docFilter(query);
    const filter = pred ? (r: { id: string }) => pred(this.byId.get(r.id)!) : undefined;
    const results = query.q
      ? this.ms.search(this.tree(query.q), filter ? { filter } : {})
      : this.ms.search(this.MiniSearch.wildcard, filter ? { filter } : {});
    const matches = results.map((r) => ({ doc: this.byId.get(r.id as string)!, score: r.score }));
    const facets = query.facets?.length
      ? countFacets(
          query.facets,
          matches.map((m) => m.doc),
        )
      : undefined;
    return { total: matches.length, ids: sortAndPage(query, matches), ...(facets ? { facets } : {}) };
  }
  async matchAll(q: string) {
    return new Set(this.ms.search(this.tree(q)).map((r) => r.id as string));
  }
  async update(docs: SearchDoc[]) {
    for (const d of docs) {
      this.ms.replace(d);
      this.byId.set(d.id, d);
    }
  }
  async remove(ids: string[]) {
    this.ms.discardAll(ids);
    for (const id of ids) this.byId.delete(id);
  }
}

// ---------------------------------------------------------------- Orama

type OramaDoc = Record<string, string | number | string[]>;

export class OramaAdapter implements Adapter {
  readonly name = 'Orama';
  readonly version = versionOf('@orama/orama');
  readonly notes = [
    'Custom tokenizer component (indexTokens per property at insert, queryTokens at search); built-in where filters, facets (enum), sortBy and limit/offset; per-property boosts; threshold 0 (all tokens must match).',
    'Orama requires all query tokens in ONE property (threshold 0): a multi-term query whose terms sit in different fields does not match; no synonyms (one term string per search); no exact-code ranking.',
    'Filter and facet fields are separate enum/number properties (a property has one type), so field, region and categories are stored twice.',
  ];
  private orama!: typeof import('@orama/orama');
  private count = 0;
  private db!: ReturnType<typeof import('@orama/orama').create>;

  private toDoc(d: SearchDoc): OramaDoc {
    const o: OramaDoc = { id: d.id };
    for (const f of TEXT_FIELDS) {
      const v = f.get(d);
      if (v) o[f.name] = v;
    }
    o.agencyId = d.agencyId;
    o.field = d.field;
    o.categories = d.categories;
    o.procedure = d.procedure;
    o.partyType = d.partyType;
    if (d.region) o.region = d.region;
    o.status = d.status;
    o.year = d.year;
    o.day = dayNumber(d.decisionDate);
    o.fineYuan = d.fineYuan;
    return o;
  }

  async build(docs: SearchDoc[]) {
    this.orama = await import('@orama/orama');
    const schema: Record<string, string> = {};
    for (const f of TEXT_FIELDS) schema[f.name] = 'string';
    Object.assign(schema, {
      agencyId: 'enum',
      field: 'enum',
      categories: 'enum[]',
      procedure: 'enum',
      partyType: 'enum',
      region: 'enum',
      status: 'enum',
      year: 'enum',
      day: 'number',
      fineYuan: 'number',
    });
    const tokenizer = {
      language: 'chinese',
      normalizationCache: new Map<string, string>(),
      tokenize: (raw: string, _language?: string, prop?: string) =>
        prop ? indexTokens(raw, FIELD_BY_NAME.get(prop)?.unigrams ?? false) : queryTokens(raw),
    };
    this.db = this.orama.create({
      schema: schema as never,
      components: { tokenizer },
      sort: { unsortableProperties: TEXT_FIELDS.map((f) => f.name) },
    });
    this.count = docs.length;
    const BATCH = 1000;
    for (let i = 0; i < docs.length; i += BATCH)
      await this.orama.insertMultiple(this.db, docs.slice(i, i + BATCH).map((d) => this.toDoc(d)) as never, BATCH);
  }

  private where(q: SearchQuery) {
    const w: Record<string, unknown> = {};
    if (q.agency?.length) w.agencyId = { in: q.agency };
    if (q.field?.length) w.field = { in: q.field };
    if (q.procedure?.length) w.procedure = { in: q.procedure };
    if (q.partyType?.length) w.partyType = { in: q.partyType };
    if (q.region?.length) w.region = { in: q.region };
    if (q.status?.length) w.status = { in: q.status };
    if (q.category?.length) w.categories = { containsAny: q.category };
    if (q.dateFrom || q.dateTo) {
      const from = q.dateFrom ? dayNumber(q.dateFrom) : -1e9;
      const to = q.dateTo ? dayNumber(q.dateTo) : 1e9;
      w.day = { between: [from, to] };
    }
    if (q.fineMin !== undefined || q.fineMax !== undefined)
      w.fineYuan = { between: [q.fineMin ?? 0, q.fineMax ?? 1e13] };
    return w;
  }

  async search(query: SearchQuery): Promise<AdapterResult> {
    const sort = query.sort === 'relevance' && !query.q ? 'date_desc' : query.sort;
    const facetMap: Record<string, string> = {
      agency: 'agencyId',
      field: 'field',
      category: 'categories',
      year: 'year',
      procedure: 'procedure',
      partyType: 'partyType',
      region: 'region',
      status: 'status',
    };
    const facets = query.facets?.length
      ? Object.fromEntries(query.facets.map((f) => [facetMap[f]!, { limit: 1000 }]))
      : undefined;
    const where = this.where(query);
    const params: Record<string, unknown> = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    // Without a term, `properties` must not be given: Orama would then match the empty prefix against every word.
    if (query.q)
      Object.assign(params, { term: query.q, properties: TEXT_FIELDS.map((f) => f.name), boost: BOOST, threshold: 0 });
    if (Object.keys(where).length) params.where = where;
    if (facets) params.facets = facets;
    if (sort !== 'relevance')
      params.sortBy = {
        property: sort.startsWith('date') ? 'day' : 'fineYuan',
        order: sort.endsWith('desc') ? 'DESC' : 'ASC',
      };
    const r = (await this.orama.search(this.db, params as never)) as {
      count: number;
      hits: { id: string }[];
      facets?: Record<string, { values: Record<string, number> }>;
    };
    let outFacets: AdapterResult['facets'];
    if (r.facets) {
      outFacets = {};
      for (const f of query.facets ?? []) {
        const values = r.facets[facetMap[f]!]?.values ?? {};
        outFacets[f] = Object.entries(values)
          .filter(([, c]) => c > 0)
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      }
    }
    return { total: r.count, ids: r.hits.map((h) => h.id), ...(outFacets ? { facets: outFacets } : {}) };
  }

  async matchAll(q: string) {
    const r = (await this.orama.search(this.db, {
      term: q,
      properties: TEXT_FIELDS.map((f) => f.name),
      threshold: 0,
      limit: this.count + 1,
    } as never)) as { hits: { id: string }[] };
    return new Set(r.hits.map((h) => h.id));
  }
  async update(docs: SearchDoc[]) {
    for (const d of docs) await this.orama.update(this.db, d.id, this.toDoc(d) as never);
  }
  async remove(ids: string[]) {
    await this.orama.removeMultiple(this.db, ids);
  }
}

// ---------------------------------------------------------------- FlexSearch

export class FlexSearchAdapter implements Adapter {
  readonly name = 'FlexSearch';
  readonly version = versionOf('flexsearch');
  readonly notes = [
    'Document index, one field index per text field with a custom encode (indexTokens per field; FlexSearch uses the same function for queries, which only adds implied unigrams), tokenize "strict", fastupdate on (needed for fast update/remove).',
    'FlexSearch matches all tokens of a query within ONE field; terms (AND), synonyms (OR) and field union are combined by hand, score = sum of matched field weights.',
    'Filters, facets, sort, paging and result totals by hand (search with limit = corpus size to count); no exact-code ranking.',
  ];
  private index!: InstanceType<typeof import('flexsearch').Document>;
  private byId = new Map<string, SearchDoc>();
  private limit = 0;

  private toDoc(d: SearchDoc): Record<string, string> {
    const o: Record<string, string> = { id: d.id };
    for (const f of TEXT_FIELDS) o[f.name] = f.get(d);
    return o;
  }

  async build(docs: SearchDoc[]) {
    const { Document } = await import('flexsearch');
    this.index = new Document({
      document: {
        id: 'id',
        index: TEXT_FIELDS.map((f) => ({
          field: f.name,
          tokenize: 'strict',
          encode: (s: string) => indexTokens(s, f.unigrams),
        })) as never,
      },
      fastupdate: true,
    } as never);
    for (const d of docs) {
      this.byId.set(d.id, d);
      this.index.add(this.toDoc(d) as never);
    }
    this.limit = docs.length + 1000;
  }

  /** id → score for one alternative (all its tokens within one field; union over fields). */
  private matchAlt(alt: string): Map<string, number> {
    const out = new Map<string, number>();
    const res = this.index.search(alt, { limit: this.limit } as never) as unknown as {
      field: string;
      result: string[];
    }[];
    for (const { field, result } of res) {
      const w = FIELD_BY_NAME.get(field)!.weight;
      for (const id of result) out.set(id, (out.get(id) ?? 0) + w);
    }
    return out;
  }

  private match(q: string): Map<string, number> {
    let acc: Map<string, number> | undefined;
    for (const alts of termAlternatives(q)) {
      const m = new Map<string, number>();
      for (const a of alts) for (const [id, s] of this.matchAlt(a)) m.set(id, Math.max(m.get(id) ?? 0, s));
      if (!acc) acc = m;
      else {
        const next = new Map<string, number>();
        for (const [id, s] of acc) {
          const t = m.get(id);
          if (t !== undefined) next.set(id, s + t);
        }
        acc = next;
      }
      if (!acc.size) break;
    }
    return acc ?? new Map();
  }

  async search(query: SearchQuery): Promise<AdapterResult> {
    const pred = docFilter(query);
    const matches: { doc: SearchDoc; score: number }[] = [];
    if (query.q) {
      for (const [id, score] of this.match(query.q)) {
        const doc = this.byId.get(id);
        if (doc && (!pred || pred(doc))) matches.push({ doc, score });
      }
    } else {
      for (const doc of this.byId.values()) if (!pred || pred(doc)) matches.push({ doc, score: 0 });
    }
    const facets = query.facets?.length
      ? countFacets(
          query.facets,
          matches.map((m) => m.doc),
        )
      : undefined;
    return { total: matches.length, ids: sortAndPage(query, matches), ...(facets ? { facets } : {}) };
  }
  async matchAll(q: string) {
    return new Set(this.match(q).keys());
  }
  async update(docs: SearchDoc[]) {
    for (const d of docs) {
      this.index.update(this.toDoc(d) as never);
      this.byId.set(d.id, d);
    }
  }
  async remove(ids: string[]) {
    for (const id of ids) {
      this.index.remove(id);
      this.byId.delete(id);
    }
  }
}

export const ADAPTERS: Record<string, () => Adapter> = {
  embedded: () => new EmbeddedAdapter(),
  orama: () => new OramaAdapter(),
  minisearch: () => new MiniSearchAdapter(),
  flexsearch: () => new FlexSearchAdapter(),
};
