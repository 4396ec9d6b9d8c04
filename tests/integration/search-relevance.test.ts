import { describe, expect, inject, it } from 'vitest';

const base = () => inject('portalUrl');

interface Hit {
  id: string;
  decisionNo: string;
  partyName: string;
  exact: boolean;
}
interface Body {
  total: number;
  hits: Hit[];
  suggestion: { q: string; applied: boolean; text: string } | null;
}

async function search(params: Record<string, string>): Promise<Body> {
  const res = await fetch(`${base()}/api/v1/disclosures?${new URLSearchParams(params)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
}

/** Published records of the running portal, as a citizen would first see them. */
async function published(): Promise<Hit[]> {
  const body = await search({ pageSize: '100', highlight: 'false' });
  expect(body.total).toBeGreaterThan(0);
  return body.hits;
}

describe('search a citizen expects, over HTTP', () => {
  it('a decision number typed without its zeros, with [] and without 号 finds that record first', async () => {
    const hits = await published();
    const target = hits.find((h) => /〔\d{4}〕0*\d+号$/.test(h.decisionNo))!;
    expect(target).toBeDefined();
    const [, prefix = '', year = '', serial = ''] = /^(.*)〔(\d{4})〕0*(\d+)号$/.exec(target.decisionNo)!;
    for (const typed of [
      `${prefix}[${year}]${serial}`,
      `${prefix}〔${year}〕${serial}号`,
      `〔${year}〕${serial.padStart(4, '0')}号`,
    ]) {
      const body = await search({ q: typed });
      expect(body.hits[0]?.id, typed).toBe(target.id);
      expect(body.hits[0]?.exact).toBe(true);
      for (const hit of body.hits) expect(hit.decisionNo).toMatch(new RegExp(`〔${year}〕0*${serial}号$`));
    }
  });

  it('a party name with one wrong character shows that party and says “您是不是要找”', async () => {
    const hits = await published();
    const target = hits.find((h) => /^\p{Script=Han}{8,16}$/u.test(h.partyName))!;
    expect(target).toBeDefined();
    const chars = [...target.partyName];
    chars[4] = chars[4] === '龘' ? '齉' : '龘';
    const typo = chars.join('');
    const body = await search({ q: typo });
    expect(body.suggestion).toEqual({ q: target.partyName, applied: true, text: `您是不是要找：${target.partyName}` });
    expect(body.hits.map((h) => h.id)).toContain(target.id);

    const page = await (await fetch(`${base()}/disclosures?q=${encodeURIComponent(typo)}`)).text();
    expect(page).toContain('您是不是要找');
    expect(page).toContain(`href="/disclosures?q=${encodeURIComponent(target.partyName)}`);
  });

  it('a query nothing resembles has no suggestion and no results', async () => {
    const body = await search({ q: '龘齉' });
    expect(body.total).toBe(0);
    expect(body.suggestion).toBeNull();
  });
});
