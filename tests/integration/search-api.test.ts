import { describe, expect, inject, it } from 'vitest';

const base = () => inject('portalUrl');

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors: { parameter: string; message: string }[];
  };
}

describe('search API over HTTP', () => {
  it('finds public decisions by a two-character term, with permalinks, facets and highlights', async () => {
    const res = await fetch(`${base()}/api/v1/disclosures?q=${encodeURIComponent('餐饮')}&facets=agency,year`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBeGreaterThan(0);
    // Every record type shares the index; each hit links to its own type's page.
    for (const hit of body.hits as { type: string; url: string; apiUrl: string }[]) {
      const path = hit.type === 'permit' ? 'permits' : 'disclosures';
      expect(hit.url).toMatch(new RegExp(`/${path}/[\\w-]+$`));
      expect(hit.apiUrl).toMatch(new RegExp(`/api/v1/${path}/[\\w-]+$`));
    }
    expect(body.facets.agency.reduce((s: number, f: { count: number }) => s + f.count, 0)).toBe(body.total);
    expect(JSON.stringify(body.hits[0].highlights)).toContain('"match":true');
    for (const hit of body.hits) {
      expect(hit).not.toHaveProperty('partyIdNumber');
      expect(hit).not.toHaveProperty('legalRepIdNumber');
      expect(['published', 'corrected']).toContain(hit.status);
    }
  });

  it('answers a JSON body exactly as it answers the same URL parameters', async () => {
    const get = await (
      await fetch(`${base()}/api/v1/disclosures?sort=amount_desc&pageSize=5&category=${encodeURIComponent('罚款')}`)
    ).json();
    const post = await (
      await fetch(`${base()}/api/v1/disclosures/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sort: 'amount_desc', pageSize: 5, category: ['罚款'] }),
      })
    ).json();
    expect(post).toEqual(get);
    expect(get.hits.map((h: { fineYuan: number }) => h.fineYuan)).toEqual(
      [...get.hits.map((h: { fineYuan: number }) => h.fineYuan)].sort((a, b) => b - a),
    );
  });

  it.each([
    ['colour=red', 'colour'],
    ['dateFrom=2024-13-01', 'dateFrom'],
    ['fineMin=-100', 'fineMin'],
    ['sort=random', 'sort'],
    ['pageSize=1000', 'pageSize'],
    ['q=(10,000 characters)', 'q'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('%s → 400 problem+json naming %s', async (qs, parameter) => {
    const query = qs.startsWith('q=(') ? `q=${'a'.repeat(10_000)}` : qs;
    const res = await fetch(`${base()}/api/v1/disclosures?${query}`);
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.type).toMatch(/\/problems\/invalid-query$/);
    expect(p.status).toBe(400);
    expect(p.errors.map((e) => e.parameter)).toContain(parameter);
    expect(p.detail).toContain(parameter);
  });

  it('a 10,000-character Chinese query in a JSON body is refused, naming q', async () => {
    const res = await fetch(`${base()}/api/v1/disclosures/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: '餐'.repeat(10_000) }),
    });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors[0]!.parameter).toBe('q');
  });

  it('a body that is not JSON is a 400 problem, and the server keeps answering', async () => {
    const res = await fetch(`${base()}/api/v1/disclosures/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"q":',
    });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).type).toMatch(/invalid-body$/);
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });
});
