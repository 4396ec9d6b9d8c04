import { RECORD_TYPES, recordTypePaths, type RecordType } from '@sunlight/domain/schemas/record-type';
import { describe, expect, inject, it } from 'vitest';

/**
 * Search across record types over HTTP, on the shared portal's sample. The assertions hold for whatever
 * types the sample publishes (penalties always; permits and inspection results once their sources are
 * registered): every hit of a type filter is of that type, and the type facet adds up to the total.
 */
const base = () => inject('portalUrl');

interface Hit {
  id: string;
  type: RecordType;
  typeLabel: string;
  url: string;
  apiUrl: string;
  fineYuan: number;
}
interface Body {
  total: number;
  hits: Hit[];
  facets: { type?: { value: string; count: number }[] };
  nextCursor: string | null;
}

async function get(path: string): Promise<Body> {
  const res = await fetch(`${base()}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Body;
}

const sum = (facet: { count: number }[] | undefined) => (facet ?? []).reduce((s, f) => s + f.count, 0);

describe('search across record types over HTTP', () => {
  it.each([
    [''],
    ['q=%E9%A4%90%E9%A5%AE'],
    ['agency=market'],
    ['dateFrom=2020-01-01&partyType=%E4%B8%AA%E4%BD%93%E5%B7%A5%E5%95%86%E6%88%B7'],
  ])(
    '/api/v1/search?%s: the type facet adds up to the total, and each type filter returns only its type, as many as counted',
    async (qs) => {
      const all = await get(`/api/v1/search?${qs}&facets=type&pageSize=100`);
      expect(all.total).toBeGreaterThan(0);
      expect(sum(all.facets.type)).toBe(all.total);
      for (const f of all.facets.type!) {
        expect(RECORD_TYPES).toContain(f.value);
        const one = await get(`/api/v1/search?${qs}&type=${f.value}&facets=type&pageSize=100`);
        expect(one.total).toBe(f.count);
        expect(one.facets.type).toEqual([{ value: f.value, count: f.count }]);
        for (const hit of one.hits) {
          expect(hit.type).toBe(f.value);
          expect(new URL(hit.url).pathname).toBe(`${recordTypePaths[hit.type]}/${hit.id}`);
          expect(new URL(hit.apiUrl).pathname).toBe(`/api/v1${recordTypePaths[hit.type]}/${hit.id}`);
        }
      }
    },
  );

  it('a type with no records is an empty answer, not an error; several types are OR-ed', async () => {
    const all = await get('/api/v1/search?facets=type');
    const counts = new Map(all.facets.type!.map((f) => [f.value, f.count]));
    for (const type of RECORD_TYPES)
      expect((await get(`/api/v1/search?type=${type}`)).total).toBe(counts.get(type) ?? 0);
    const two = await get('/api/v1/search?type=penalty&type=permit');
    expect(two.total).toBe((counts.get('penalty') ?? 0) + (counts.get('permit') ?? 0));
  });

  it('the penalty routes keep answering penalties only unless type is given, and GET and POST agree', async () => {
    const penalties = await get('/api/v1/search?type=penalty&facets=type');
    const get1 = await get('/api/v1/disclosures?facets=type');
    expect(get1.total).toBe(penalties.total);
    expect(get1.facets.type).toEqual([{ value: 'penalty', count: penalties.total }]);
    expect(get1.hits.every((h) => h.type === 'penalty' && h.typeLabel === '行政处罚')).toBe(true);
    const post = (await (
      await fetch(`${base()}/api/v1/disclosures/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ facets: ['type'] }),
      })
    ).json()) as Body;
    expect(post.total).toBe(penalties.total);
    const widened = await get('/api/v1/disclosures?type=penalty,permit,inspection-result&facets=type');
    expect(widened.total).toBe((await get('/api/v1/search')).total);
  });

  it('the cursor of a type-filtered search pages through that type only', async () => {
    const first = await get('/api/v1/disclosures?pageSize=5');
    expect(first.nextCursor).not.toBeNull();
    const second = await get(`/api/v1/disclosures?pageSize=5&cursor=${first.nextCursor}`);
    expect(second.hits.every((h) => h.type === 'penalty')).toBe(true);
    // The same cursor under another type filter belongs to another query.
    const res = await fetch(`${base()}/api/v1/search?type=permit&pageSize=5&cursor=${first.nextCursor}`);
    expect(res.status).toBe(400);
  });

  it.each([
    ['GET', '/api/v1/search?type=licence'],
    ['GET', '/api/v1/search?type=penalty,decision'],
    ['GET', '/api/v1/disclosures?type=PERMIT'],
    ['GET', '/api/v1/search?facets=types'],
    ['POST', '/api/v1/search'],
    ['POST', '/api/v1/disclosures/search'],
  ])('%s %s with an unknown type is a 400 problem naming type in Chinese', async (method, path) => {
    const res =
      method === 'GET'
        ? await fetch(`${base()}${path}`)
        : await fetch(`${base()}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: ['penalty', 'permits'] }),
          });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = (await res.json()) as { detail: string; errors: { parameter: string; message: string }[] };
    const error = p.errors.find((e) => e.parameter === (path.includes('facets') ? 'facets' : 'type'))!;
    expect(error).toBeDefined();
    expect(error.message).toMatch(path.includes('facets') ? /type/ : /行政许可/);
  });
});

describe('the search pages', () => {
  it('/search offers the type facet with counts and labels every hit with its type', async () => {
    const res = await fetch(`${base()}/search?q=${encodeURIComponent('餐饮')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<legend class="label">记录类型</legend>');
    for (const label of ['行政处罚', '行政许可', '检查结果'])
      expect(html).toMatch(new RegExp(`${label}\\s*<span class="count"`));
    const api = await get(`/api/v1/search?q=${encodeURIComponent('餐饮')}&facets=type`);
    expect(html).toContain(`共找到 ${api.total.toLocaleString('zh-CN')} 条与“餐饮”有关的公示记录`);
    const tags = [...html.matchAll(/<strong class="tag tag--type"[^>]*>([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(tags.length).toBe(Math.min(20, api.total));
    for (const hit of api.hits) expect(html).toContain(`href="${recordTypePaths[hit.type]}/${hit.id}"`);
  });

  it('/search?type=licence is a 400 page that names the field', async () => {
    const res = await fetch(`${base()}/search?type=licence`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/记录类型：应为penalty（行政处罚）/);
  });

  it('/disclosures stays the penalty list whatever type the address asks for', async () => {
    const penalties = await get('/api/v1/disclosures');
    for (const qs of ['', '?type=permit', '?type=inspection-result,permit']) {
      const res = await fetch(`${base()}/disclosures${qs}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`共找到 ${penalties.total.toLocaleString('zh-CN')} 条处罚决定`);
      expect(html).not.toContain('href="/permits/');
      expect(html).not.toContain('href="/inspection-results/');
      expect(html).not.toMatch(/(\?|&amp;)type=/);
    }
  });
});
