import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../src/cursor';
import { EmbeddedEngine } from '../src/engines/embedded';
import { MeiliTaskError, MeilisearchEngine } from '../src/engines/meilisearch';
import { parseQuery, parseQueryString, type SearchQuery, type SearchQueryInput } from '../src/query';
import { RECORD_TYPES, type RecordType } from '@sunlight/domain/schemas/record-type';
import type { SearchDoc, SearchEngine } from '../src/types';
import { fixtureDocs, mixedFixtureDocs } from './fixture';
import { searchableText } from '../src/searchable';

const docs = fixtureDocs();
const byId = new Map(docs.map((d) => [d.id, d]));

function q(input: SearchQueryInput = {}): SearchQuery {
  const parsed = parseQuery(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.query;
}

const searchable = searchableText;

/** Oracle for two-character terms: a document matches when every term occurs in its text. */
const containsAllOf = (corpus: SearchDoc[], terms: string[]) =>
  corpus
    .filter((d) => terms.every((t) => searchable(d).includes(t)))
    .map((d) => d.id)
    .sort();
const containsAll = (terms: string[]) =>
  docs
    .filter((d) => terms.every((t) => searchable(d).includes(t)))
    .map((d) => d.id)
    .sort();

async function allIds(engine: SearchEngine, input: SearchQueryInput): Promise<string[]> {
  const res = await engine.search(q({ ...input, pageSize: 100 }));
  const ids = res.hits.map((h) => h.id);
  let cursor = res.nextCursor;
  while (cursor) {
    const next = await engine.search(q({ ...input, pageSize: 100, cursor }));
    ids.push(...next.hits.map((h) => h.id));
    cursor = next.nextCursor;
  }
  return ids;
}

// Without MEILI_HOST the contract runs on the embedded engine only; `npm test` says so in its summary.
const meiliHost = process.env.MEILI_HOST;
let indexes = 0;
const engines: [string, () => Promise<SearchEngine>, (e: SearchEngine) => Promise<void>][] = [
  ['embedded', async () => new EmbeddedEngine(), async () => {}],
];
if (meiliHost) {
  engines.push([
    'meilisearch',
    async () => {
      const engine = new MeilisearchEngine(meiliHost, {
        apiKey: process.env.MEILI_API_KEY,
        indexUid: `sunlight_contract_${Date.now()}_${++indexes}`,
      });
      await engine.configure();
      return engine;
    },
    async (e) => {
      const m = e as MeilisearchEngine;
      await m.client.deleteIndex(m.index.uid).waitTask();
    },
  ]);
}

describe.each(engines)('search contract on the %s engine', (_name, create, dispose) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await create();
    await engine.upsert(docs);
  });
  afterAll(async () => {
    await dispose(engine);
  });

  describe('Chinese terms', () => {
    it.each([['餐饮'], ['消防'], ['排污'], ['保质期'.slice(0, 2)], ['城市']])(
      'two-character term %s finds exactly the documents containing it',
      async (term) => {
        expect((await allIds(engine, { q: term })).sort()).toEqual(containsAll([term]));
      },
    );

    it('a multi-term query requires every term', async () => {
      const ids = (await allIds(engine, { q: '餐饮 防鼠' })).sort();
      expect(ids).toEqual(containsAll(['餐饮', '防鼠']));
      expect(ids.length).toBeGreaterThan(0);
    });

    it('an agency short name finds that agency’s decisions', async () => {
      const res = await engine.search(q({ q: '市监局', pageSize: 100 }));
      expect(res.total).toBe(docs.filter((d) => d.agencyId === 'scjgj').length);
      expect(res.hits.every((h) => h.doc.agencyId === 'scjgj')).toBe(true);
    });

    it('the full agency name finds the same decisions', async () => {
      const res = await engine.search(q({ q: '市场监督管理局' }));
      expect(res.total).toBe(docs.filter((d) => d.agencyId === 'scjgj').length);
    });

    it('a synonym (环保局 → 生态环境局) finds the agency', async () => {
      const res = await engine.search(q({ q: '环保局', pageSize: 100 }));
      expect(res.total).toBe(docs.filter((d) => d.agencyId === 'sthjj').length);
    });

    it('a term that occurs nowhere finds nothing', async () => {
      const res = await engine.search(q({ q: '航天飞机', facets: ['agency'] }));
      expect(res.total).toBe(0);
      expect(res.hits).toEqual([]);
      expect(res.facets.agency ?? []).toEqual([]);
    });
  });

  describe('codes', () => {
    const target = docs.find((d) => d.partyCreditCode && d.id.endsWith('7'))!;
    it('a full credit code ranks its record first, marked exact', async () => {
      const res = await engine.search(q({ q: target.partyCreditCode! }));
      expect(res.hits[0]?.id).toBe(target.id);
      expect(res.hits[0]?.exact).toBe(true);
    });

    it('a lower-case credit code still finds it first', async () => {
      const res = await engine.search(q({ q: target.partyCreditCode!.toLowerCase() }));
      expect(res.hits[0]?.id).toBe(target.id);
    });

    it('a full decision number ranks its record first', async () => {
      const res = await engine.search(q({ q: target.decisionNo }));
      expect(res.hits[0]?.id).toBe(target.id);
      expect(res.hits[0]?.exact).toBe(true);
    });

    it('a decision number typed without its leading zeros, or as prefix-year-serial, finds only that record', async () => {
      const [, prefix, year, serial] = /^滨江(.+)〔(\d{4})〕0*(\d+)号$/.exec(target.decisionNo)!;
      for (const typed of [`滨江${prefix}〔${year}〕${serial}号`, `${prefix}${year}-${serial}`]) {
        const res = await engine.search(q({ q: typed }));
        expect(res.hits.map((h) => h.id)).toEqual([target.id]);
        expect(res.hits[0]?.exact).toBe(true);
      }
    });

    it('a decision number typed with square brackets is normalised', async () => {
      const res = await engine.search(q({ q: target.decisionNo.replace('〔', '[').replace('〕', ']') }));
      expect(res.hits[0]?.id).toBe(target.id);
    });
  });

  describe('filters', () => {
    const count = (pred: (d: SearchDoc) => boolean) => docs.filter(pred).length;
    it('without a query returns everything, newest first', async () => {
      const res = await engine.search(q({ pageSize: 100 }));
      expect(res.total).toBe(docs.length);
      const dates = res.hits.map((h) => h.doc.decisionDate);
      expect(dates).toEqual([...dates].sort().reverse());
    });
    it('agency', async () => {
      expect((await engine.search(q({ agency: ['yjglj'] }))).total).toBe(count((d) => d.agencyId === 'yjglj'));
    });
    it('several agencies are OR-ed', async () => {
      expect((await engine.search(q({ agency: ['yjglj', 'cgzfj'] }))).total).toBe(
        count((d) => d.agencyId === 'yjglj' || d.agencyId === 'cgzfj'),
      );
    });
    it('field', async () => {
      expect((await engine.search(q({ field: ['生态环境'] }))).total).toBe(count((d) => d.field === '生态环境'));
    });
    it('penalty category matches any of a record’s categories', async () => {
      expect((await engine.search(q({ category: ['没收违法所得'] }))).total).toBe(
        count((d) => d.categories.includes('没收违法所得')),
      );
    });
    it('procedure', async () => {
      expect((await engine.search(q({ procedure: ['简易程序'] }))).total).toBe(0);
    });
    it('party type', async () => {
      expect((await engine.search(q({ partyType: ['自然人'] }))).total).toBe(count((d) => d.partyType === '自然人'));
    });
    it('region', async () => {
      expect((await engine.search(q({ region: ['临河镇'] }))).total).toBe(count((d) => d.region === '临河镇'));
    });
    it('status', async () => {
      expect((await engine.search(q({ status: ['corrected'] }))).total).toBe(count((d) => d.status === 'corrected'));
    });
    it('decision date range is inclusive at both ends', async () => {
      const res = await engine.search(q({ dateFrom: '2023-03-04', dateTo: '2023-12-31' }));
      expect(res.total).toBe(count((d) => d.decisionDate >= '2023-03-04' && d.decisionDate <= '2023-12-31'));
    });
    it('fine range in yuan is inclusive', async () => {
      const res = await engine.search(q({ fineMin: 3000, fineMax: 6000 }));
      expect(res.total).toBe(count((d) => d.fineYuan >= 3000 && d.fineYuan <= 6000));
    });
    it('filters combine with a text query', async () => {
      const res = await engine.search(q({ q: '消防', agency: ['yjglj'], dateFrom: '2022-01-01' }));
      expect(res.total).toBe(
        count((d) => searchable(d).includes('消防') && d.agencyId === 'yjglj' && d.decisionDate >= '2022-01-01'),
      );
    });
    it('an agency nobody knows matches nothing', async () => {
      expect((await engine.search(q({ agency: ['nosuch'] }))).total).toBe(0);
    });
  });

  describe('facets', () => {
    it('agency counts add up to the total', async () => {
      const res = await engine.search(q({ facets: ['agency'] }));
      expect(res.facets.agency!.reduce((s, f) => s + f.count, 0)).toBe(res.total);
    });
    it('each agency count equals the total when filtering by it', async () => {
      const res = await engine.search(q({ q: '当事人', facets: ['agency'] }));
      for (const f of res.facets.agency!) {
        expect((await engine.search(q({ q: '当事人', agency: [f.value] }))).total).toBe(f.count);
      }
    });
    it('each category count equals the filtered total (multi-valued facet)', async () => {
      const res = await engine.search(q({ facets: ['category'] }));
      for (const f of res.facets.category!) {
        expect((await engine.search(q({ category: [f.value] as SearchQuery['category'] }))).total).toBe(f.count);
      }
    });
    it('year counts under a text query add up to its total', async () => {
      const res = await engine.search(q({ q: '食品', facets: ['year'] }));
      expect(res.facets.year!.reduce((s, f) => s + f.count, 0)).toBe(res.total);
      expect(res.facets.year!.every((f) => /^\d{4}$/.test(f.value))).toBe(true);
    });
    it('facets are ordered by count, largest first', async () => {
      const res = await engine.search(q({ facets: ['region', 'partyType'] }));
      for (const list of [res.facets.region!, res.facets.partyType!]) {
        expect(list.map((f) => f.count)).toEqual([...list.map((f) => f.count)].sort((a, b) => b - a));
      }
    });
  });

  describe('sorting', () => {
    it.each([
      ['date_desc', (h: SearchDoc) => h.decisionDate, -1],
      ['date_asc', (h: SearchDoc) => h.decisionDate, 1],
      ['amount_desc', (h: SearchDoc) => h.fineYuan, -1],
      ['amount_asc', (h: SearchDoc) => h.fineYuan, 1],
    ] as const)('%s orders the whole result', async (sort, key, dir) => {
      const ids = await allIds(engine, { q: '当事人', sort });
      const values = ids.map((id) => key(byId.get(id)!));
      for (let i = 1; i < values.length; i++)
        expect(dir * (values[i]! > values[i - 1]! ? 1 : values[i]! < values[i - 1]! ? -1 : 0)).toBeGreaterThanOrEqual(
          0,
        );
    });
    it('relevance puts a match in the party name before matches in the facts only', async () => {
      const res = await engine.search(q({ q: '餐饮', pageSize: 100 }));
      const firstFactsOnly = res.hits.findIndex((h) => !h.doc.partyName.includes('餐饮'));
      const lastName = res.hits.map((h) => h.doc.partyName.includes('餐饮')).lastIndexOf(true);
      expect(lastName).toBeLessThan(firstFactsOnly);
    });
  });

  describe('paging', () => {
    it('pages concatenate to the whole result, no duplicates or gaps', async () => {
      const all = await allIds(engine, { q: '当事人', sort: 'date_desc' });
      const paged: string[] = [];
      for (let page = 1; paged.length < all.length; page++) {
        paged.push(
          ...(await engine.search(q({ q: '当事人', sort: 'date_desc', page, pageSize: 7 }))).hits.map((h) => h.id),
        );
      }
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(paged.length);
    });
    it('cursor paging gives the same sequence as page numbers', async () => {
      const byPage = (await engine.search(q({ sort: 'amount_desc', page: 2, pageSize: 10 }))).hits.map((h) => h.id);
      const first = await engine.search(q({ sort: 'amount_desc', pageSize: 10 }));
      const second = await engine.search(q({ sort: 'amount_desc', pageSize: 10, cursor: first.nextCursor! }));
      expect(second.hits.map((h) => h.id)).toEqual(byPage);
    });
    it('a cursor from another query is refused and names the cursor', async () => {
      const first = await engine.search(q({ sort: 'amount_desc', pageSize: 10 }));
      await expect(
        engine.search(q({ sort: 'date_desc', pageSize: 10, cursor: first.nextCursor! })),
      ).rejects.toMatchObject({ parameter: 'cursor' });
      await expect(engine.search(q({ cursor: 'garbage' }))).rejects.toBeInstanceOf(QueryError);
    });
    it('a page past the end is empty but keeps the total', async () => {
      const res = await engine.search(q({ agency: ['scjgj'], page: 50, pageSize: 20 }));
      expect(res.hits).toEqual([]);
      expect(res.total).toBe(docs.filter((d) => d.agencyId === 'scjgj').length);
      expect(res.nextCursor).toBeNull();
    });
  });

  describe('highlighting', () => {
    it('marks the query term in the fields it matched', async () => {
      const res = await engine.search(q({ q: '餐饮' }));
      const marked = res.hits.flatMap((h) =>
        Object.values(h.highlights ?? {})
          .flat()
          .filter((s) => s.match)
          .map((s) => s.text),
      );
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((t) => t.includes('餐') || t.includes('饮'))).toBe(true);
    });
    it('is left out when highlight=false', async () => {
      const res = await engine.search(q({ q: '餐饮', highlight: false }));
      expect(res.hits.every((h) => h.highlights === undefined)).toBe(true);
    });
  });

  describe('updates', () => {
    it('an upserted change is searchable at once and a removed record disappears', async () => {
      const changed = { ...docs[1]!, violationFacts: '当事人无证经营烟花爆竹。', version: docs[1]!.version + 1 };
      await engine.upsert([changed]);
      expect((await engine.search(q({ q: '烟花' }))).hits.map((h) => h.id)).toEqual([changed.id]);
      await engine.remove([changed.id]);
      expect((await engine.search(q({ q: '烟花' }))).total).toBe(0);
      expect((await engine.versions()).has(changed.id)).toBe(false);
      await engine.upsert([docs[1]!]);
    });
  });
});

describe.each(engines)('record types on the %s engine', (_name, create, dispose) => {
  const mixed = mixedFixtureDocs();
  const ofType = (...types: RecordType[]) => mixed.filter((d) => types.includes(d.type));
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await create();
    await engine.upsert(mixed);
  });
  afterAll(async () => {
    await dispose(engine);
  });

  it('without a type filter every type is searched', async () => {
    const res = await engine.search(q({ facets: ['type'] }));
    expect(res.total).toBe(mixed.length);
    expect(new Set(res.facets.type!.map((f) => f.value))).toEqual(new Set(RECORD_TYPES));
  });

  it.each(RECORD_TYPES)('type=%s returns only that type, all of it', async (type) => {
    const ids = await allIds(engine, { type: [type] });
    expect(ids.sort()).toEqual(
      ofType(type)
        .map((d) => d.id)
        .sort(),
    );
  });

  it('several types are OR-ed', async () => {
    const res = await engine.search(q({ type: ['permit', 'inspection-result'], pageSize: 100 }));
    expect(res.total).toBe(ofType('permit', 'inspection-result').length);
    expect(res.hits.every((h) => h.doc.type !== 'penalty')).toBe(true);
  });

  it('type facet counts add up to the total and each equals the total filtered by it', async () => {
    for (const input of [{}, { q: '餐饮' }, { q: '许可' }, { agency: ['scjgj'] }] as SearchQueryInput[]) {
      const res = await engine.search(q({ ...input, facets: ['type'] }));
      expect(res.total).toBeGreaterThan(0);
      expect(res.facets.type!.reduce((s, f) => s + f.count, 0)).toBe(res.total);
      for (const f of res.facets.type!) {
        const filtered = await engine.search(q({ ...input, type: [f.value as RecordType] }));
        expect(filtered.total).toBe(f.count);
      }
    }
  });

  it.each([['处理'], ['续处'], ['许可']])(
    'a two-character term inside a longer word (%s in 待后续处理, 排污许可证) finds every record containing it',
    async (term) => {
      const ids = (await allIds(engine, { q: term })).sort();
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(containsAllOf(mixed, [term]));
    },
  );

  it('a text query under a type filter finds only that type’s matches', async () => {
    // 排污许可证 is a penalty's fact, a permit's certificate and a result's item: the filter picks one.
    const all = (await allIds(engine, { q: '排污' })).sort();
    expect(all).toEqual(containsAllOf(mixed, ['排污']));
    const permits = await allIds(engine, { q: '排污', type: ['permit'] });
    expect(permits.length).toBeGreaterThan(0);
    expect(permits.sort()).toEqual(containsAllOf(ofType('permit'), ['排污']));
    expect(new Set(all.map((id) => mixed.find((d) => d.id === id)!.type))).toEqual(new Set(RECORD_TYPES));
  });

  it('a type filter combines with the other filters', async () => {
    const res = await engine.search(q({ type: ['permit'], agency: ['sthjj'], dateFrom: '2023-01-01' }));
    expect(res.total).toBe(
      ofType('permit').filter((d) => d.agencyId === 'sthjj' && d.decisionDate >= '2023-01-01').length,
    );
  });

  it('a credit code finds the party’s records of every type, each marked exact', async () => {
    const shared = mixed.find(
      (d) => d.type === 'permit' && mixed.some((o) => o.type === 'penalty' && o.partyCreditCode === d.partyCreditCode),
    )!;
    const expected = mixed.filter((d) => d.partyCreditCode === shared.partyCreditCode);
    const res = await engine.search(q({ q: shared.partyCreditCode!, facets: ['type'] }));
    expect(
      res.hits
        .slice(0, expected.length)
        .map((h) => h.id)
        .sort(),
    ).toEqual(expected.map((d) => d.id).sort());
    expect(res.hits.slice(0, expected.length).every((h) => h.exact)).toBe(true);
    const onlyPermits = await engine.search(q({ q: shared.partyCreditCode!, type: ['permit'] }));
    expect(onlyPermits.hits[0]?.id).toBe(shared.id);
    expect(onlyPermits.hits.every((h) => h.doc.type === 'permit')).toBe(true);
  });

  it('a fine sort or fine range under the penalty type is unaffected by records without fines', async () => {
    const res = await engine.search(q({ type: ['penalty'], fineMin: 1 }));
    expect(res.total).toBe(ofType('penalty').filter((d) => d.fineYuan >= 1).length);
  });

  it('a cursor of one type’s query is refused for another type', async () => {
    const first = await engine.search(q({ type: ['penalty'], pageSize: 10 }));
    await expect(engine.search(q({ type: ['permit'], pageSize: 10, cursor: first.nextCursor! }))).rejects.toMatchObject(
      {
        parameter: 'cursor',
      },
    );
  });
});

describe.each(engines)('a corpus over 10,000 records on the %s engine', (_name, create, dispose) => {
  const big = fixtureDocs(12_000);
  const matching = (term: string) => big.filter((d) => searchableText(d).includes(term));
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await create();
    for (let i = 0; i < big.length; i += 2000) await engine.upsert(big.slice(i, i + 2000));
  }, 600_000);
  afterAll(async () => {
    await dispose(engine);
  });

  it('totals count every match, past 10,000, and the facets add up to them', async () => {
    for (const input of [{}, { q: '当事人' }] as SearchQueryInput[]) {
      const res = await engine.search(q({ ...input, facets: ['agency', 'year'] }));
      expect(res.total).toBe(big.length);
      expect(res.facets.agency!.reduce((s, f) => s + f.count, 0)).toBe(res.total);
      expect(res.facets.year!.reduce((s, f) => s + f.count, 0)).toBe(res.total);
    }
    const food = await engine.search(q({ q: '食品', facets: ['agency'] }));
    expect(food.total).toBe(matching('食品').length);
    expect(food.facets.agency!.reduce((s, f) => s + f.count, 0)).toBe(food.total);
  });

  it('an amount sort with a query orders the whole result by amount, not within relevance buckets', async () => {
    // 餐饮 is in some party names and in some facts: relevance alone would put the names first.
    const expected = matching('餐饮')
      .sort((a, b) => b.fineYuan - a.fineYuan)
      .slice(0, 50)
      .map((d) => d.id);
    const res = await engine.search(q({ q: '餐饮', sort: 'amount_desc', pageSize: 50 }));
    expect(res.hits.map((h) => h.id)).toEqual(expected);
    expect(res.total).toBe(matching('餐饮').length);
  });

  it('a date sort with a query starts at the newest match and never goes back in time', async () => {
    const res = await engine.search(q({ q: '消防', sort: 'date_desc', pageSize: 100 }));
    const dates = res.hits.map((h) => h.doc.decisionDate);
    expect(dates[0]).toBe(
      matching('消防')
        .map((d) => d.decisionDate)
        .sort()
        .at(-1),
    );
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('a facet lists its values largest first', async () => {
    const res = await engine.search(q({ q: '食品', facets: ['region', 'category'] }));
    for (const list of [res.facets.region!, res.facets.category!])
      expect(list.map((f) => f.count)).toEqual([...list.map((f) => f.count)].sort((a, b) => b - a));
  });
});

// Only Meilisearch has tasks that fail; the failure is a real one (an identifier it refuses).
// Registered only when MEILI_HOST is set (the summary of `npm test` reports that the Meilisearch contract did not run).
if (meiliHost) {
  describe('a withdrawal under a failing task on Meilisearch', () => {
    let engine: MeilisearchEngine;
    beforeAll(async () => {
      engine = (await engines[1]![1]()) as MeilisearchEngine;
      await engine.upsert(docs.slice(0, 20));
    });
    afterAll(async () => {
      await engines[1]![2](engine);
    });

    it('a failed write rejects with the server’s error and changes nothing; the withdrawal after it applies', async () => {
      const changed = { ...docs[1]!, violationFacts: '当事人无证经营烟花爆竹。', version: docs[1]!.version + 1 };
      const err = await engine.upsert([changed, { ...docs[2]!, id: 'not a valid id!' }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MeiliTaskError);
      expect((err as MeiliTaskError).task.error?.code).toBe('invalid_document_id');
      expect((await engine.search(q({ q: '烟花' }))).total).toBe(0);
      const withdrawn = docs[3]!;
      expect((await engine.versions()).has(withdrawn.id)).toBe(true);
      await engine.remove([withdrawn.id]);
      expect((await engine.versions()).has(withdrawn.id)).toBe(false);
      expect((await engine.search(q({ q: withdrawn.decisionNo }))).hits.map((h) => h.id)).not.toContain(withdrawn.id);
    });
  });
}

describe('query model (shared by both engines)', () => {
  it('names an unknown parameter', () => {
    const res = parseQueryString('q=餐饮&colour=red');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems).toContainEqual(expect.objectContaining({ parameter: 'colour' }));
  });
  it('names a malformed date', () => {
    const res = parseQueryString('dateFrom=2024-02-30');
    expect(!res.ok && res.problems[0]!.parameter).toBe('dateFrom');
  });
  it('names a negative amount', () => {
    const res = parseQueryString('fineMin=-5');
    expect(!res.ok && res.problems[0]).toMatchObject({
      parameter: 'fineMin',
      message: expect.stringContaining('负数'),
    });
  });
  it('refuses a 10,000-character query and says how long it may be', () => {
    const res = parseQuery({ q: '餐'.repeat(10_000) });
    expect(!res.ok && res.problems[0]).toMatchObject({ parameter: 'q', message: expect.stringContaining('200') });
  });
  it('refuses a date range that ends before it starts', () => {
    const res = parseQueryString('dateFrom=2024-05-01&dateTo=2024-01-01');
    expect(!res.ok && res.problems[0]!.parameter).toBe('dateTo');
  });
  it('parses a URL query string and JSON into the same query', () => {
    const url = parseQueryString(
      'q=%E9%A4%90%E9%A5%AE&agency=scjgj,yjglj&category=罚款&fineMin=100&page=2&highlight=false',
    );
    const json = parseQuery({
      q: '餐饮',
      agency: ['scjgj', 'yjglj'],
      category: ['罚款'],
      fineMin: 100,
      page: 2,
      highlight: false,
    });
    expect(url).toEqual(json);
    expect(url.ok).toBe(true);
  });
  it('parses the record type as a list, from a URL or JSON', () => {
    const url = parseQueryString('type=permit,inspection-result&facets=type');
    expect(url.ok && url.query.type).toEqual(['permit', 'inspection-result']);
    expect(url).toEqual(parseQuery({ type: ['permit', 'inspection-result'], facets: ['type'] }));
  });
  it('refuses an unknown record type in Chinese, naming type and the values it may take', () => {
    for (const bad of ['type=penalties', 'type=permit,decision', 'type=PERMIT']) {
      const res = parseQueryString(bad);
      expect(!res.ok && res.problems[0]).toMatchObject({
        parameter: 'type',
        message: expect.stringContaining('permit（行政许可）'),
      });
    }
  });
  it('accepts repeated URL parameters as a list', () => {
    const res = parseQueryString('agency=scjgj&agency=yjglj');
    expect(res.ok && res.query.agency).toEqual(['scjgj', 'yjglj']);
  });
});
