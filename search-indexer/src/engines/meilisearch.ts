import {
  Meilisearch,
  MeilisearchApiError,
  type EnqueuedTaskPromise,
  type Index,
  type IndexSwap,
  type Task,
} from 'meilisearch';
import meiliSettings from '../../settings/meilisearch.json' with { type: 'json' };
import { nextCursor, QueryError, startOffset } from '../cursor';
import { QUERY_LIMITS, type Facet, type SearchQuery } from '../query';
import { decisionNoKey, decisionNoMatch, decisionNoParts } from '../decision-no';
import { exactKey } from '../tokenize';
import { bigramField, bigramQuery } from '../bigrams';
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

type MeiliDoc = SearchDoc & { decisionDay: number; exactKeys: string[]; decisionKeys: string[]; bigrams: string };

/** A Meilisearch task that ended in any state but `succeeded` (failed or canceled), with the server's error. */
export class MeiliTaskError extends Error {
  override readonly name = 'MeiliTaskError';
  constructor(
    readonly what: string,
    readonly task: Task,
  ) {
    super(
      `Meilisearch task ${task.uid} (${what}) ${task.status}` +
        (task.error ? `: ${task.error.code}: ${task.error.message}` : ''),
    );
  }
}

export interface MeiliOptions {
  apiKey?: string;
  indexUid?: string;
  /** Longest wait for one HTTP request (the client has none by default). */
  requestTimeoutMs?: number;
  /** Longest wait for one task to finish: a settings change or a large batch on a busy server takes minutes. */
  taskTimeoutMs?: number;
  /** How often a task's status is polled while waiting. */
  taskPollMs?: number;
  /** Names the index a rebuild fills before it is swapped in (default: a random suffix). */
  buildSuffix?: () => string;
}

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
    bigrams: bigramField(doc, meiliSettings.settings.synonyms),
  };
}

function fromMeili(hit: Record<string, unknown>): SearchDoc {
  const { decisionDay: _d, exactKeys: _e, decisionKeys: _k, bigrams: _b, _formatted: _f, ...doc } = hit;
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

/**
 * The Meilisearch engine: same query model, same answers, for deployments at provincial scale. Every write
 * waits for its task and throws unless the task succeeded, so a caller never moves past a failed write.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly client: Meilisearch;
  readonly index: Index<MeiliDoc>;
  /** What a stored change-log position belongs to: this index under this settings version. */
  readonly identity: string;
  private readonly buildSuffix: () => string;
  private readonly wait: { timeout: number; interval: number };

  constructor(host: string, options: MeiliOptions = {}) {
    const uid = options.indexUid ?? meiliSettings.index;
    this.wait = { timeout: options.taskTimeoutMs ?? 30 * 60_000, interval: options.taskPollMs ?? 100 };
    this.client = new Meilisearch({
      host,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.requestTimeoutMs ?? 30_000,
      defaultWaitOptions: this.wait,
    });
    this.index = this.client.index<MeiliDoc>(uid);
    this.identity = `meilisearch:${uid}:v${meiliSettings.version}`;
    this.buildSuffix = options.buildSuffix ?? (() => crypto.randomUUID().slice(0, 8));
  }

  /**
   * Waits for a task and returns it if it succeeded; throws MeiliTaskError if it failed or was canceled.
   * The wait options are passed every time: the client's createIndex ignores its defaultWaitOptions (5 s).
   */
  private async settle(what: string, enqueued: EnqueuedTaskPromise): Promise<Task> {
    const task = await enqueued.waitTask(this.wait);
    if (task.status !== 'succeeded') throw new MeiliTaskError(what, task);
    return task;
  }

  /**
   * Creates the index with its primary key if it does not exist, refuses one keyed otherwise, applies the
   * settings, and deletes what a rebuild cut short (by a crash) left behind.
   */
  async configure(): Promise<void> {
    await this.prepare(this.index.uid);
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    for (const { uid } of results)
      if (uid.startsWith(`${this.index.uid}_build_`)) await this.settle(`delete ${uid}`, this.client.deleteIndex(uid));
  }

  private async prepare(uid: string): Promise<void> {
    let primaryKey: string | null = null;
    try {
      primaryKey = (await this.client.getRawIndex(uid)).primaryKey ?? null;
    } catch (err) {
      if (!(err instanceof MeilisearchApiError) || err.cause?.code !== 'index_not_found') throw err;
      try {
        await this.settle(`create ${uid}`, this.client.createIndex(uid, { primaryKey: meiliSettings.primaryKey }));
      } catch (e) {
        // Another process created it meanwhile: fine, its key is checked below.
        if (!(e instanceof MeiliTaskError) || e.task.error?.code !== 'index_already_exists') throw e;
      }
      primaryKey = (await this.client.getRawIndex(uid)).primaryKey ?? null;
    }
    if (primaryKey === null)
      await this.settle(
        `set primary key of ${uid}`,
        this.client.updateIndex(uid, { primaryKey: meiliSettings.primaryKey }),
      );
    else if (primaryKey !== meiliSettings.primaryKey)
      throw new Error(
        `Meilisearch index ${uid} has primary key "${primaryKey}", not "${meiliSettings.primaryKey}": delete it or set another index`,
      );
    await this.settle(
      `settings of ${uid}`,
      this.client.index(uid).updateSettings(meiliSettings.settings as Parameters<Index['updateSettings']>[0]),
    );
  }

  private add(index: Index<MeiliDoc>, docs: SearchDoc[]): Promise<unknown> {
    return this.settle(
      `add ${docs.length} documents to ${index.uid}`,
      index.addDocuments(docs.map(toMeili), { primaryKey: meiliSettings.primaryKey }),
    );
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    if (docs.length) await this.add(this.index, docs);
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.settle(`delete ${ids.length} documents`, this.index.deleteDocuments(ids));
  }

  async clear(): Promise<void> {
    await this.settle('delete all documents', this.index.deleteAllDocuments());
  }

  /**
   * Fills a fresh index and swaps it with the live one, so searches see the old contents until the new
   * ones are complete; the old contents (now under the build name) are then deleted.
   */
  async replaceAll(fill: (upsert: (docs: SearchDoc[]) => Promise<void>) => Promise<void>): Promise<void> {
    const uid = `${this.index.uid}_build_${this.buildSuffix()}`;
    const build = this.client.index<MeiliDoc>(uid);
    try {
      await this.prepare(uid);
      await fill(async (docs) => {
        if (docs.length) await this.add(build, docs);
      });
      await this.settle(
        `swap ${this.index.uid} with ${uid}`,
        // `rename` left out: servers before it existed refuse unknown fields, later ones default it to false.
        this.client.swapIndexes([{ indexes: [this.index.uid, uid] } as IndexSwap]),
      );
    } finally {
      await this.settle(`delete ${uid}`, this.client.deleteIndex(uid)).catch(() => {});
    }
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
    const res = await this.index.search(query.q ? bigramQuery(query.q) : null, {
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
