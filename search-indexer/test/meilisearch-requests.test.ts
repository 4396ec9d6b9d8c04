import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import settings from '../settings/meilisearch.json' with { type: 'json' };
import { MeilisearchEngine, meiliFilter } from '../src/engines/meilisearch';
import { FACETS, parseQuery, type SearchQuery, type SearchQueryInput } from '../src/query';
import { mixedFixtureDocs } from './fixture';

/**
 * No Meilisearch server runs on the development machines (the contract suite runs against one only with
 * MEILI_HOST), so these tests put a stand-in on the other end of the HTTP connection: it records what the
 * engine asks Meilisearch and answers with a canned response, to check the translation both ways.
 */
function q(input: SearchQueryInput): SearchQuery {
  const parsed = parseQuery(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.query;
}

const docs = mixedFixtureDocs(10, 6, 4);
const permits = docs.filter((d) => d.type === 'permit');
let server: Server;
let host = '';
const requests: { path: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      const facets = (body.facets as string[] | undefined) ?? [];
      res.end(
        JSON.stringify({
          hits: permits.map((d) => ({ ...d, decisionDay: 0, exactKeys: [], decisionKeys: [] })),
          query: body.q ?? '',
          processingTimeMs: 1,
          limit: body.limit ?? 20,
          offset: body.offset ?? 0,
          estimatedTotalHits: permits.length,
          facetDistribution: facets.includes('type') ? { type: { permit: permits.length } } : {},
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
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
    const engine = new MeilisearchEngine(host, undefined, 'contract_types');
    requests.length = 0;
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
    const searches = requests.filter((r) => r.path === '/indexes/contract_types/search');
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
    const engine = new MeilisearchEngine(host, undefined, 'contract_types');
    const res = await engine.search(q({ type: ['permit'], facets: ['type'] }));
    expect(res.facets.type).toEqual([{ value: 'permit', count: permits.length }]);
    expect(res.total).toBe(permits.length);
    expect(res.hits.map((h) => h.doc.type)).toEqual(permits.map(() => 'permit'));
    expect(res.hits[0]!.doc).toEqual(permits[0]);
  });
});
