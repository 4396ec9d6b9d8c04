import { MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError } from 'meilisearch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bigramField, bigramQuery } from '../src/bigrams';
import settings from '../settings/meilisearch.json' with { type: 'json' };
import { MeiliTaskError, MeilisearchEngine, meiliFilter, type MeiliOptions } from '../src/engines/meilisearch';
import { MeiliDouble } from './meili-double';
import { FACETS, parseQuery, type SearchQuery, type SearchQueryInput } from '../src/query';
import { mixedFixtureDocs } from './fixture';

/**
 * No Meilisearch server runs on the development machines (the contract suite runs against one only with
 * MEILI_HOST), so these tests put a protocol double (./meili-double.ts) on the other end of the HTTP
 * connection: it answers as Meilisearch documents, records what the engine asks, and fails or delays the
 * tasks a test chooses. It checks the engine's handling of the protocol, not search quality.
 */
function q(input: SearchQueryInput): SearchQuery {
  const parsed = parseQuery(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.query;
}

const docs = mixedFixtureDocs(10, 6, 4);
const permits = docs.filter((d) => d.type === 'permit');
let double: MeiliDouble;
let host = '';
const requests = () => double.requests;
let uids = 0;
const fresh = (options: MeiliOptions = {}) =>
  new MeilisearchEngine(host, { indexUid: `idx_${++uids}`, taskPollMs: 2, ...options });

/** A search answer naming the permits, whatever was asked (the double does not rank). */
const cannedPermits = (_uid: string, body: Record<string, unknown>) => {
  const facets = (body.facets as string[] | undefined) ?? [];
  return {
    hits: permits.map((d) => ({ ...d, decisionDay: 0, exactKeys: [], decisionKeys: [], bigrams: '' })),
    query: body.q ?? '',
    processingTimeMs: 1,
    limit: body.limit ?? 20,
    offset: body.offset ?? 0,
    estimatedTotalHits: permits.length,
    facetDistribution: facets.includes('type') ? { type: { permit: permits.length } } : {},
  };
};

beforeEach(() => {
  double.onSearch = undefined;
  double.hang = undefined;
});

beforeAll(async () => {
  double = await new MeiliDouble().start();
  host = double.host;
});
afterAll(async () => {
  await double.stop();
});

describe('Meilisearch engine: record types', () => {
  it('filters by type with an IN expression, OR-ing several types', () => {
    expect(meiliFilter(q({ type: ['permit'] }))).toEqual(['type IN ["permit"]']);
    expect(meiliFilter(q({ type: ['permit', 'inspection-result'], agency: ['scjgj'] }))).toEqual([
      'type IN ["permit", "inspection-result"]',
      'agencyId IN ["scjgj"]',
    ]);
    expect(meiliFilter(q({})).some((f) => f.startsWith('type'))).toBe(false);
  });

  it('every facet and filter the engine sends is a filterable attribute in the versioned settings', async () => {
    const engine = fresh();
    await engine.configure();
    double.onSearch = cannedPermits;
    double.requests.length = 0;
    await engine.search(
      q({
        q: '许可',
        type: ['permit'],
        agency: ['scjgj'],
        field: ['市场监管'],
        category: ['罚款'],
        procedure: ['普通程序'],
        partyType: ['自然人'],
        region: ['江湾街道'],
        status: ['published'],
        dateFrom: '2024-01-01',
        fineMin: 1,
        facets: [...FACETS],
      }),
    );
    const searches = requests().filter((r) => r.path === `/indexes/${engine.index.uid}/search`) as {
      body: Record<string, unknown>;
    }[];
    // The exact-code lookup first, then the text search that asks for the facets.
    const search = searches.find((r) => Array.isArray(r.body.facets) && r.body.facets.length > 0)!;
    expect(search).toBeDefined();
    const filterable = new Set(settings.settings.filterableAttributes);
    expect(filterable.has('type')).toBe(true);
    for (const facet of search.body.facets as string[]) expect(filterable).toContain(facet);
    for (const r of searches)
      for (const expr of r.body.filter as string[])
        expect(filterable).toContain(expr.replace(/^NOT /, '').split(' ')[0]);
    expect(search.body.filter).toContain('type IN ["permit"]');
    expect(search.body.facets).toContain('type');
  });

  it('reads the type facet back into counts per type and returns the hits with their type', async () => {
    const engine = fresh();
    await engine.configure();
    double.onSearch = cannedPermits;
    const res = await engine.search(q({ type: ['permit'], facets: ['type'] }));
    expect(res.facets.type).toEqual([{ value: 'permit', count: permits.length }]);
    expect(res.total).toBe(permits.length);
    expect(res.hits.map((h) => h.doc.type)).toEqual(permits.map(() => 'permit'));
    expect(res.hits[0]!.doc).toEqual(permits[0]);
  });
});

describe('Meilisearch engine: tasks', () => {
  it('a failed document addition rejects with the server’s error, and nothing is added', async () => {
    const engine = fresh();
    await engine.configure();
    double.failNext('documentAdditionOrUpdate', 'internal', 'disk full');
    const err = await engine.upsert(docs.slice(0, 3)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeiliTaskError);
    expect((err as MeiliTaskError).task).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect((err as Error).message).toContain('disk full');
    expect(double.ids(engine.index.uid)).toEqual([]);
  });

  it('a failed deletion rejects and the record stays where it was', async () => {
    const engine = fresh();
    await engine.configure();
    await engine.upsert(docs.slice(0, 3));
    double.failNext('documentDeletion');
    await expect(engine.remove([docs[0]!.id])).rejects.toBeInstanceOf(MeiliTaskError);
    expect(double.ids(engine.index.uid)).toContain(docs[0]!.id);
    await engine.remove([docs[0]!.id]);
    expect(double.ids(engine.index.uid)).not.toContain(docs[0]!.id);
  });

  it('a slow task is polled through processing until it succeeds', async () => {
    const engine = fresh();
    await engine.configure();
    double.slowNext('documentAdditionOrUpdate', 20);
    await engine.upsert(docs.slice(0, 2));
    expect(double.ids(engine.index.uid)).toEqual(
      docs
        .slice(0, 2)
        .map((d) => d.id)
        .sort(),
    );
    const polls = requests().filter((r) => r.path === `/tasks/${double.tasks.at(-1)!.uid}`);
    expect(polls.length).toBeGreaterThan(20);
  });

  it('a task that never finishes fails at the configured wait, index creation included (the client would use 5 s there)', async () => {
    const engine = fresh({ taskTimeoutMs: 150 });
    double.slowNext('indexCreation', Infinity);
    const err = await engine.configure().catch((e: unknown) => e);
    double.unstick();
    expect(err).toBeInstanceOf(MeilisearchTaskTimeOutError);
    expect((err as Error).message).toMatch(/timeout of 150ms/);
  });

  it('a request the server never answers fails at the request timeout', async () => {
    const engine = fresh({ requestTimeoutMs: 150 });
    await engine.configure();
    double.hang = /\/search$/;
    const err = await engine.search(q({ q: '餐饮' })).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
  });
});

describe('Meilisearch engine: index and settings', () => {
  it('creates the index with primary key id and names it on every document addition', async () => {
    const engine = fresh();
    await engine.configure();
    expect(requests().findLast((r) => r.method === 'POST' && r.path === '/indexes')?.body).toEqual({
      uid: engine.index.uid,
      primaryKey: 'id',
    });
    await engine.upsert(docs.slice(0, 2));
    const add = requests().findLast((r) => r.path === `/indexes/${engine.index.uid}/documents`)!;
    expect(add.query.get('primaryKey')).toBe('id');
    expect(double.indexes.get(engine.index.uid)!.primaryKey).toBe('id');
  });

  it('without the explicit key, Meilisearch cannot choose between id and agencyId (why the key is sent)', async () => {
    const raw = fresh();
    const task = await raw.client
      .index('guessing')
      .addDocuments([{ ...docs[0]! }])
      .waitTask();
    expect(task.error?.code).toBe('index_primary_key_multiple_candidates_found');
  });

  it('an existing index keyed otherwise is refused with a message naming the key', async () => {
    const engine = fresh();
    await engine.client.createIndex(engine.index.uid, { primaryKey: 'agencyId' }).waitTask();
    await expect(engine.configure()).rejects.toThrow(/primary key "agencyId", not "id"/);
  });

  it('applies the versioned settings: sort first, totals above the corpus, facets by count, bigrams searchable', async () => {
    const engine = fresh();
    await engine.configure();
    const applied = double.indexes.get(engine.index.uid)!.settings as typeof settings.settings;
    expect(applied).toEqual(settings.settings);
    expect(applied.rankingRules[0]).toBe('sort');
    expect(applied.pagination.maxTotalHits).toBeGreaterThanOrEqual(10_000_000);
    expect(applied.faceting).toEqual({ maxValuesPerFacet: expect.any(Number), sortFacetValuesBy: { '*': 'count' } });
    expect(applied.faceting.maxValuesPerFacet).toBeGreaterThanOrEqual(100);
    expect(applied.searchableAttributes.at(-1)).toBe('bigrams');
    // Hits carry the record and nothing of the engine's own fields.
    expect([...applied.displayedAttributes].sort()).toEqual(Object.keys(docs[0]!).sort());
    expect(engine.identity).toBe(`meilisearch:${engine.index.uid}:v${settings.version}`);
  });
});

describe('Meilisearch engine: rebuild', () => {
  it('fills a fresh index and swaps it in: the live index answers the old records until the swap', async () => {
    const engine = fresh({ buildSuffix: () => 'b1' });
    await engine.configure();
    await engine.upsert(docs.slice(0, 4));
    const live = engine.index.uid;
    const seenDuring: number[] = [];
    await engine.replaceAll(async (upsert) => {
      await upsert(docs.slice(4, 8));
      seenDuring.push((await engine.search(q({ pageSize: 50 }))).hits.length);
      await upsert(docs.slice(8, 12));
      seenDuring.push((await engine.search(q({ pageSize: 50 }))).hits.length);
    });
    expect(seenDuring).toEqual([4, 4]);
    expect(double.ids(live)).toEqual(
      docs
        .slice(4, 12)
        .map((d) => d.id)
        .sort(),
    );
    const swap = requests().find((r) => r.path === '/swap-indexes')!;
    expect(swap.body).toEqual([{ indexes: [live, `${live}_build_b1`] }]);
    // The old contents, swapped under the build name, are deleted.
    expect(double.indexes.has(`${live}_build_b1`)).toBe(false);
    expect(double.indexes.get(live)!.primaryKey).toBe('id');
  });

  it('a build index left by a rebuild that crashed is deleted when the index is next configured', async () => {
    const engine = fresh();
    await engine.configure();
    await engine.client.createIndex(`${engine.index.uid}_build_crashed`, { primaryKey: 'id' }).waitTask();
    await engine.client.createIndex(`${engine.index.uid}_other`, { primaryKey: 'id' }).waitTask();
    await engine.configure();
    expect(double.indexes.has(`${engine.index.uid}_build_crashed`)).toBe(false);
    expect(double.indexes.has(`${engine.index.uid}_other`)).toBe(true);
  });

  it('a rebuild whose write fails leaves the live index as it was and removes the half-built one', async () => {
    const engine = fresh({ buildSuffix: () => 'b2' });
    await engine.configure();
    await engine.upsert(docs.slice(0, 4));
    double.failNext('documentAdditionOrUpdate');
    await expect(engine.replaceAll((upsert) => upsert(docs.slice(4, 8)))).rejects.toBeInstanceOf(MeiliTaskError);
    expect(double.ids(engine.index.uid)).toEqual(
      docs
        .slice(0, 4)
        .map((d) => d.id)
        .sort(),
    );
    expect(double.indexes.has(`${engine.index.uid}_build_b2`)).toBe(false);
    expect(requests().some((r) => r.path === '/swap-indexes' && JSON.stringify(r.body).includes('_b2'))).toBe(false);
  });
});

describe('Meilisearch engine: Chinese matching by bigrams', () => {
  const doc = { ...docs[0]!, violationFacts: '当事人对待处理的投诉置之不理。', agencyName: '示例市生态环境局' };

  it('sends a query as its overlapping bigrams, so 处理 is asked for as a word of its own', async () => {
    expect(bigramQuery('待处理')).toBe('待处 处理');
    expect(bigramQuery('餐饮 防鼠')).toBe('餐饮 防鼠');
    expect(bigramQuery('罚')).toBe('罚');
    expect(bigramQuery('ABC公司2024')).toBe('abc 公司 2024');
    const engine = fresh();
    await engine.configure();
    await engine.search(q({ q: '待处理' }));
    const search = requests().findLast((r) => r.path.endsWith('/search'))!;
    expect((search.body as { q: string }).q).toBe('待处 处理');
  });

  it('indexes every bigram of a document’s text, and the bigrams of a synonym its text holds', () => {
    const grams = bigramField(doc, settings.settings.synonyms).split(' ');
    expect(grams).toEqual(expect.arrayContaining(['待处', '处理', '理的', '生态', '境局']));
    expect(grams).toEqual(expect.arrayContaining(['环保', '保局']));
    expect(grams).not.toContain('航天');
    expect(new Set(grams).size).toBe(grams.length);
  });

  it('a long query keeps within Meilisearch’s 10 words, every character still asked for', () => {
    const long = '当事人未取得排污许可证擅自排放含油废水';
    const words = bigramQuery(long).split(' ');
    expect(words).toHaveLength(10);
    expect(words.slice(0, 3)).toEqual(['当事', '人未', '取得']);
    expect(new Set(words.join(''))).toEqual(new Set(long));
  });
});
