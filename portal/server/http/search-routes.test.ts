import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIContext, APIRoute } from 'astro';
import { recordTypePaths, type RecordType } from '@sunlight/domain/schemas/record-type';
import { EmbeddedEngine } from '@sunlight/search-indexer/engines/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixedFixtureDocs } from '../../../search-indexer/test/fixture';
import * as disclosuresRoute from '../../pages/api/v1/disclosures/index';
import * as disclosuresSearchRoute from '../../pages/api/v1/disclosures/search';
import * as searchRoute from '../../pages/api/v1/search';
import type { Runtime } from '../runtime';

/**
 * The search routes over real HTTP with permits and inspection results in the index. Until their record
 * sources exist in the database, the portal's own index holds penalties only (tests/integration/search-types.test.ts
 * runs the same rules against it), so here the route handlers are served with an index that holds all
 * three types, as their sources map them into SearchDoc (search-indexer/test/fixture.ts).
 */
const docs = mixedFixtureDocs();
const countOf = (...types: RecordType[]) => docs.filter((d) => types.includes(d.type)).length;
const ROUTES: Record<string, Record<string, APIRoute | undefined>> = {
  '/api/v1/search': searchRoute,
  '/api/v1/disclosures': disclosuresRoute,
  '/api/v1/disclosures/search': disclosuresSearchRoute,
};

let server: Server;
let base = '';

beforeAll(async () => {
  const engine = new EmbeddedEngine();
  await engine.upsert(docs);
  const siteUrl = 'https://sunlight.example';
  const runtime = {
    config: { siteUrl },
    search: { search: (q: unknown) => engine.search(q as never) },
  } as unknown as Runtime;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', base);
      const handler = ROUTES[url.pathname]?.[req.method ?? 'GET'];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      });
      const answer = await handler({ url, request, locals: { runtime } } as unknown as APIContext);
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

interface Body {
  total: number;
  hits: { id: string; type: RecordType; typeLabel: string; url: string; apiUrl: string; fineYuan: number }[];
  facets: { type?: { value: string; count: number }[] };
}
const get = async (path: string): Promise<Body> => {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Body;
};
const post = async (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('search routes with every record type in the index', () => {
  it('GET /api/v1/search covers every type; the type facet adds up to the total', async () => {
    const res = await get('/api/v1/search?facets=type');
    expect(res.total).toBe(docs.length);
    expect(res.facets.type).toEqual([
      { value: 'penalty', count: countOf('penalty') },
      { value: 'permit', count: countOf('permit') },
      { value: 'inspection-result', count: countOf('inspection-result') },
    ]);
  });

  it.each(['penalty', 'permit', 'inspection-result'] as const)(
    'type=%s returns only that type, with its label and its own pages',
    async (type) => {
      const res = await get(`/api/v1/search?type=${type}&pageSize=100&facets=type`);
      expect(res.total).toBe(countOf(type));
      expect(res.facets.type).toEqual([{ value: type, count: countOf(type) }]);
      for (const hit of res.hits) {
        expect(hit.type).toBe(type);
        expect(hit.typeLabel).toBe({ penalty: '行政处罚', permit: '行政许可', 'inspection-result': '检查结果' }[type]);
        expect(hit.url).toBe(`https://sunlight.example${recordTypePaths[type]}/${hit.id}`);
        expect(hit.apiUrl).toBe(`https://sunlight.example/api/v1${recordTypePaths[type]}/${hit.id}`);
        if (type !== 'penalty') expect(hit.fineYuan).toBe(0);
      }
    },
  );

  it('a text query’s type facet adds up to its total and each count is what the type filter returns', async () => {
    const res = await get(`/api/v1/search?q=${encodeURIComponent('排污')}&facets=type`);
    expect(res.facets.type!.length).toBe(3);
    expect(res.facets.type!.reduce((s, f) => s + f.count, 0)).toBe(res.total);
    for (const f of res.facets.type!)
      expect((await get(`/api/v1/search?q=${encodeURIComponent('排污')}&type=${f.value}`)).total).toBe(f.count);
  });

  it('the penalty routes answer penalties only unless asked for other types', async () => {
    expect((await get('/api/v1/disclosures?facets=type')).facets.type).toEqual([
      { value: 'penalty', count: countOf('penalty') },
    ]);
    const body = (await (await post('/api/v1/disclosures/search', { pageSize: 100 })).json()) as Body;
    expect(body.total).toBe(countOf('penalty'));
    expect(body.hits.every((h) => h.type === 'penalty')).toBe(true);
    expect((await get('/api/v1/disclosures?type=permit')).total).toBe(countOf('permit'));
    expect((await get('/api/v1/disclosures?type=')).total).toBe(countOf('penalty'));
  });

  it('POST /api/v1/search answers a JSON body exactly as GET answers the same parameters', async () => {
    const viaGet = await get('/api/v1/search?type=permit,inspection-result&sort=date_desc&pageSize=7&facets=type');
    const viaPost = (await (
      await post('/api/v1/search', {
        type: ['permit', 'inspection-result'],
        sort: 'date_desc',
        pageSize: 7,
        facets: ['type'],
      })
    ).json()) as Body;
    expect(viaPost).toEqual(viaGet);
    expect(viaGet.total).toBe(countOf('permit', 'inspection-result'));
  });

  it('an unknown type is a 400 problem naming type, on every route', async () => {
    for (const res of [
      await fetch(`${base}/api/v1/search?type=licence`),
      await fetch(`${base}/api/v1/disclosures?type=permit,licence`),
      await post('/api/v1/search', { type: ['Permit'] }),
      await post('/api/v1/disclosures/search', { type: 'all' }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const p = (await res.json()) as { errors: { parameter: string; message: string }[] };
      expect(p.errors[0]).toMatchObject({ parameter: 'type', message: expect.stringContaining('permit（行政许可）') });
    }
  });
});
