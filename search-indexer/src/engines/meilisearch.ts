import { Meilisearch, type Index } from 'meilisearch';
import meiliSettings from '../../settings/meilisearch.json' with { type: 'json' };
import { nextCursor, QueryError, startOffset } from '../cursor';
import { QUERY_LIMITS, type Facet, type SearchQuery } from '../query';
import { decisionNoKey, decisionNoMatch, decisionNoParts } from '../decision-no';
import { exactKey } from '../tokenize';
import {
  HIGHLIGHT_FIELDS,
  type FacetCount,
  type Highlight,
  type IndexStats,
  type SearchDoc,
  type SearchEngine,
  type SearchHit,
  type SearchResult,
} from '../types';

type MeiliDoc = SearchDoc & { decisionDay: number; exactKeys: string[]; decisionKeys: string[] };

const PRE = '\u0002';
const POST = '\u0003';

const facetAttribute: Record<Facet, string> = {
  type: 'type',
  agency: 'agencyId',
  field: 'field',
  category: 'categories',
  procedure: 'procedure',
  partyType: 'partyType',
  region: 'region',
  year: 'year',
  status: 'status',
};

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function toMeili(doc: SearchDoc): MeiliDoc {
  const exactKeys = [doc.decisionNo, doc.partyCreditCode].filter((k): k is string => !!k).map(exactKey);
  const parts = decisionNoParts(doc.decisionNo);
  return {
    ...doc,
    decisionDay: dayNumber(doc.decisionDate),
    exactKeys,
    decisionKeys: parts ? [decisionNoKey(parts)] : [],
  };
}

function fromMeili(hit: Record<string, unknown>): SearchDoc {
  const { decisionDay: _d, exactKeys: _e, decisionKeys: _k, _formatted: _f, ...doc } = hit;
  return doc as unknown as SearchDoc;
}

/** Meilisearch filter expression for the query model's filters. */
export function meiliFilter(query: SearchQuery): string[] {
  const out: string[] = [];
  const anyOf = (attr: string, values: string[] | undefined) => {
    if (values?.length) out.push(`${attr} IN [${values.map(quote).join(', ')}]`);
  };
  anyOf('type', query.type);
  anyOf('agencyId', query.agency);
  anyOf('field', query.field);
  anyOf('categories', query.category);
  anyOf('procedure', query.procedure);
  anyOf('partyType', query.partyType);
  anyOf('region', query.region);
  anyOf('status', query.status);
  if (query.dateFrom) out.push(`decisionDay >= ${dayNumber(query.dateFrom)}`);
  if (query.dateTo) out.push(`decisionDay <= ${dayNumber(query.dateTo)}`);
  if (query.fineMin !== undefined) out.push(`fineYuan >= ${query.fineMin}`);
  if (query.fineMax !== undefined) out.push(`fineYuan <= ${query.fineMax}`);
  return out;
}

function meiliSort(query: SearchQuery): string[] | undefined {
  const sort = query.sort === 'relevance' && !query.q ? 'date_desc' : query.sort;
  switch (sort) {
    case 'date_desc':
      return ['decisionDay:desc'];
    case 'date_asc':
      return ['decisionDay:asc'];
    case 'amount_desc':
      return ['fineYuan:desc'];
    case 'amount_asc':
      return ['fineYuan:asc'];
    default:
      return undefined;
  }
}

function toHighlight(formatted: unknown): Highlight | undefined {
  if (typeof formatted !== 'string' || !formatted.includes(PRE)) return undefined;
  const out: Highlight = [];
  for (const part of formatted.split(PRE)) {
    const [inside, after] = part.includes(POST) ? (part.split(POST, 2) as [string, string]) : [undefined, part];
    if (inside) out.push({ text: inside, match: true });
    if (after) out.push({ text: after, match: false });
  }
  return out;
}

/** Facet counts of `docs` added to counts Meilisearch already returned. */
function countFacets(
  facets: Facet[],
  docs: SearchDoc[],
  base: Map<Facet, Map<string, number>>,
): SearchResult['facets'] {
  const out: SearchResult['facets'] = {};
  for (const f of facets) {
    const counts = base.get(f) ?? new Map<string, number>();
    for (const doc of docs) {
      const values =
        f === 'category'
          ? doc.categories
          : [String(f === 'agency' ? doc.agencyId : f === 'year' ? doc.year : (doc[f as keyof SearchDoc] ?? ''))];
      for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    out[f] = [...counts]
      .map(([value, count]): FacetCount => ({ value, count }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return out;
}

/** The Meilisearch engine: same query model, same answers, for deployments at provincial scale. */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly client: Meilisearch;
  readonly index: Index<MeiliDoc>;

  constructor(host: string, apiKey?: string, indexUid: string = meiliSettings.index) {
    this.client = new Meilisearch({ host, ...(apiKey ? { apiKey } : {}) });
    this.index = this.client.index<MeiliDoc>(indexUid);
  }

  /** Creates the index if needed and applies the versioned settings from settings/meilisearch.json. */
  async configure(): Promise<void> {
    await this.client.createIndex(this.index.uid, { primaryKey: meiliSettings.primaryKey }).waitTask();
    await this.index.updateSettings(meiliSettings.settings as Parameters<Index['updateSettings']>[0]).waitTask();
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    if (docs.length) await this.index.addDocuments(docs.map(toMeili)).waitTask();
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.index.deleteDocuments(ids).waitTask();
  }

  async clear(): Promise<void> {
    await this.index.deleteAllDocuments().waitTask();
  }

  async versions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const limit = 10_000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.index.getDocuments({ fields: ['id', 'version'], limit, offset });
      for (const d of page.results) out.set(d.id, d.version);
      if (page.results.length < limit) break;
    }
    return out;
  }

  async stats(): Promise<IndexStats> {
    const s = await this.index.getStats();
    return { documents: s.numberOfDocuments, bytes: s.rawDocumentDbSize ?? null };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const offset = startOffset(query);
    if (offset >= QUERY_LIMITS.maxOffset)
      throw new QueryError('cursor', `最多浏览前${QUERY_LIMITS.maxOffset}条，请用筛选条件缩小范围`);
    const filter = meiliFilter(query);
    const facets = [...new Set(query.facets ?? [])];
    const highlight =
      query.highlight && query.q
        ? {
            attributesToHighlight: [...HIGHLIGHT_FIELDS],
            highlightPreTag: PRE,
            highlightPostTag: POST,
            attributesToCrop: ['violationFacts'],
            cropLength: 60,
          }
        : {};

    // A decision number matches decision numbers only (by year, serial and prefix), never free text.
    const dn = query.q ? decisionNoParts(query.q) : undefined;
    if (dn) {
      const res = await this.index.search('', {
        filter: [...filter, `decisionKeys = ${quote(decisionNoKey(dn))}`],
        sort: ['decisionDay:desc'],
        limit: 1000,
      });
      const ranked = (res.hits as unknown as Record<string, unknown>[])
        .map((raw) => ({ raw, m: decisionNoMatch(dn, String(raw.decisionNo)) }))
        .filter((c) => c.m > 0)
        .sort((a, b) => b.m - a.m);
      const docs = ranked.map((c) => fromMeili(c.raw));
      const pageDocs = docs.slice(offset, offset + query.pageSize);
      return {
        query,
        total: docs.length,
        page: Math.floor(offset / query.pageSize) + 1,
        pageSize: query.pageSize,
        hits: pageDocs.map((doc) => ({
          id: doc.id,
          doc,
          exact: true,
          ...(query.highlight ? { highlights: { decisionNo: [{ text: doc.decisionNo, match: true }] } } : {}),
        })),
        facets: countFacets(facets, docs, new Map()),
        nextCursor: nextCursor(query, offset, docs.length),
        suggestion: null,
        engine: 'meilisearch',
      };
    }

    // Exact credit-code / decision-number hits come first, then the text matches without them.
    const key = query.q ? exactKey(query.q) : '';
    let exact: Record<string, unknown>[] = [];
    if (key && query.sort === 'relevance') {
      const res = await this.index.search('', {
        filter: [...filter, `exactKeys = ${quote(key)}`],
        limit: 100,
        ...highlight,
      });
      exact = res.hits as unknown as Record<string, unknown>[];
    }
    const textFilter = exact.length ? [...filter, `NOT exactKeys = ${quote(key)}`] : filter;
    const textOffset = Math.max(0, offset - exact.length);
    const exactPage = exact.slice(offset, offset + query.pageSize);
    const res = await this.index.search(query.q || null, {
      filter: textFilter,
      sort: meiliSort(query),
      offset: textOffset,
      limit: query.pageSize - exactPage.length,
      facets: facets.map((f) => facetAttribute[f]),
      matchingStrategy: 'all',
      ...highlight,
    });
    const total = (res.estimatedTotalHits ?? 0) + exact.length;

    const toHit = (raw: Record<string, unknown>, isExact: boolean): SearchHit => {
      const doc = fromMeili(raw);
      const hit: SearchHit = { id: doc.id, doc, exact: isExact };
      const formatted = raw._formatted as Record<string, unknown> | undefined;
      if (formatted) {
        const hl: SearchHit['highlights'] = {};
        for (const f of HIGHLIGHT_FIELDS) {
          const h = toHighlight(formatted[f]);
          if (h) hl[f] = h;
        }
        hit.highlights = hl;
      }
      return hit;
    };
    const hits = [
      ...exactPage.map((h) => toHit(h, true)),
      ...(res.hits as unknown as Record<string, unknown>[]).map((h) => toHit(h, false)),
    ];

    const distribution = (f: Facet) => new Map(Object.entries(res.facetDistribution?.[facetAttribute[f]] ?? {}));
    const facetsOut = countFacets(facets, exact.map(fromMeili), new Map(facets.map((f) => [f, distribution(f)])));
    return {
      query,
      total,
      page: Math.floor(offset / query.pageSize) + 1,
      pageSize: query.pageSize,
      hits,
      facets: facetsOut,
      nextCursor: nextCursor(query, offset, total),
      // Meilisearch corrects typos itself (typoTolerance in settings/meilisearch.json).
      suggestion: null,
      engine: 'meilisearch',
    };
  }
}
