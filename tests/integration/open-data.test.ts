import { describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createToken, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

// The OpenAPI document and every documented operation are checked in openapi.test.ts.
const portal = ownPortal();
const base = portal.url;

/** Penalties the search finds under a filter (the index holds every record type; this asks for penalties). */
async function penaltiesFound(q: string): Promise<number> {
  return (await (await fetch(`${base()}/api/v1/disclosures?${q}&type=penalty&pageSize=1`)).json()).total as number;
}
type Json = Record<string, any>;

describe('conditional requests', () => {
  // A scraper that polls every few minutes gains from every answer that can say "nothing changed": each
  // cacheable public answer must carry both validators and honour both conditional headers.
  const json = async (u: string) => (await fetch(`${base()}${u}`)).json();
  /** The day's snapshot is written a few seconds after start-up: wait for it as a mirror would. */
  async function firstSnapshot(): Promise<Json> {
    for (let tries = 0; ; tries++) {
      const [s] = (await json('/api/v1/exports/snapshots')).snapshots as Json[];
      if (s || tries >= 120) return s!;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const CACHEABLE: [string, () => Promise<string>][] = [
    ['a penalty', async () => (await json('/api/v1/disclosures?pageSize=1')).hits[0].apiUrl],
    ['a permit', async () => (await json('/api/v1/permits?pageSize=1')).permits[0].apiUrl],
    [
      'an inspection result',
      async () =>
        `${base()}/api/v1/inspection-results/${(await json('/api/v1/inspection-results?pageSize=1')).items[0].id}`,
    ],
    ['the penalty CSV export', async () => `${base()}/api/v1/exports/disclosures.csv?agency=market`],
    ['the penalty NDJSON export', async () => `${base()}/api/v1/exports/disclosures.ndjson`],
    ['the permit export', async () => `${base()}/api/v1/exports/permits.csv`],
    ['the inspection-result export', async () => `${base()}/api/v1/exports/inspection-results.ndjson`],
    ['the change feed', async () => `${base()}/api/v1/changes?since=0&limit=5`],
    ['the Atom feed', async () => `${base()}/feeds/disclosures.atom`],
    ['an agency Atom feed', async () => `${base()}/feeds/agencies/market.atom`],
    ['the snapshot list', async () => `${base()}/api/v1/exports/snapshots`],
    ['a snapshot', async () => (await firstSnapshot()).url],
  ];

  it.each(CACHEABLE)(
    '%s sends ETag and Last-Modified and answers 304 to either conditional header',
    async (_n, urlOf) => {
      const url = await urlOf();
      const first = await fetch(url);
      expect(first.status).toBe(200);
      const body = await first.text();
      expect(body.length).toBeGreaterThan(0);
      const etag = first.headers.get('etag');
      const lastModified = first.headers.get('last-modified');
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(lastModified).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);

      const byTag = await fetch(url, { headers: { 'if-none-match': etag! } });
      expect(byTag.status).toBe(304);
      expect(await byTag.text()).toBe('');
      expect(byTag.headers.get('etag')).toBe(etag);
      // Weak comparison (RFC 9110 §13.1.2): the tag with or without W/ matches, another tag does not.
      const other = etag!.startsWith('W/') ? etag!.slice(2) : `W/${etag}`;
      expect((await fetch(url, { headers: { 'if-none-match': other } })).status).toBe(304);
      expect((await fetch(url, { headers: { 'if-none-match': '"not-this-one"' } })).status).toBe(200);

      const byDate = await fetch(url, { headers: { 'if-modified-since': lastModified! } });
      expect(byDate.status).toBe(304);
      expect(byDate.headers.get('last-modified')).toBe(lastModified);
      const before = new Date(Date.parse(lastModified!) - 1000).toUTCString();
      const stale = await fetch(url, { headers: { 'if-modified-since': before } });
      expect(stale.status).toBe(200);
      expect(await stale.text()).toBe(body);
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2): a stale tag gets the body.
      const both = await fetch(url, { headers: { 'if-none-match': '"stale"', 'if-modified-since': lastModified! } });
      expect(both.status).toBe(200);
    },
  );

  it('JSON and HTML link to each other', async () => {
    const hit = (await (await fetch(`${base()}/api/v1/disclosures?pageSize=1`)).json()).hits[0];
    const api = await fetch(hit.apiUrl);
    expect(api.headers.get('link')).toContain(`<${hit.url}>; rel="alternate"; type="text/html"`);
    const html = await (await fetch(hit.url)).text();
    expect(html).toContain(`<link rel="alternate" href="/api/v1/disclosures/${hit.id}" type="application/json"`);
  });
});

describe('bulk exports', () => {
  it('CSV has a BOM, Chinese column names and the CF_* codes, one row per public record', async () => {
    const total = await penaltiesFound('agency=market');
    const res = await fetch(`${base()}/api/v1/exports/disclosures.csv?agency=market`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('行政相对人名称');
    expect(lines[1]!.split(',').slice(0, 3)).toEqual(['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM']);
    expect(lines[1]).not.toContain('CF_XDR_ZJHM');
    expect(lines.length - 2).toBe(total);
  });

  it('NDJSON filtered by date holds exactly the public records in range', async () => {
    const q = 'dateFrom=2025-01-01&dateTo=2025-12-31';
    const total = await penaltiesFound(q);
    const text = await (await fetch(`${base()}/api/v1/exports/disclosures.ndjson?${q}`)).text();
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.decisionDate >= '2025-01-01' && r.decisionDate <= '2025-12-31')).toBe(true);
    expect(rows.every((r) => r.status === 'published' || r.status === 'corrected')).toBe(true);
  });

  it('a bad filter is a 400 problem naming it', async () => {
    const res = await fetch(`${base()}/api/v1/exports/disclosures.csv?agency=NOT%20AN%20ID`);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].parameter).toBe('agency');
  });
});

describe('a partner that follows only the change feed', () => {
  async function syncInto(mirror: Map<string, Json>, since: string): Promise<string> {
    let cursor = since;
    for (;;) {
      const page = await (await fetch(`${base()}/api/v1/changes?since=${cursor}&limit=250`)).json();
      for (const e of page.events) {
        if (e.kind === 'withdrawn' || e.kind === 'expired') {
          expect(e.record).toBeNull();
          mirror.delete(e.id);
        } else if (e.record) mirror.set(e.id, e.record);
      }
      cursor = page.nextCursor;
      if (!page.hasMore) return cursor;
    }
  }

  /** Every public record of every type (ids are unique across types): the feed carries them all. */
  async function publicSet(): Promise<Map<string, Json>> {
    const text = [
      await (await fetch(`${base()}/api/v1/exports/disclosures.ndjson`)).text(),
      await (await fetch(`${base()}/api/v1/exports/permits.ndjson`)).text(),
      await (await fetch(`${base()}/api/v1/exports/inspection-results.ndjson`)).text(),
    ].join('\n');
    return new Map(
      text
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const r = JSON.parse(l);
          return [r.id, r];
        }),
    );
  }

  it('ends with exactly the public set, removals included, after publish/correct/withdraw', async () => {
    const mirror = new Map<string, Json>();
    let cursor = await syncInto(mirror, '0');
    expect([...mirror.keys()].sort()).toEqual([...(await publicSet()).keys()].sort());

    const token = await createToken(portal.dataDir(), 'market');
    const record = JSON.parse(example('disclosure.json'));
    const a = await (
      await push(base(), token, JSON.stringify({ ...record, decisionNo: '滨江市监罚〔2026〕0991号' }))
    ).json();
    const b = await (
      await push(base(), token, JSON.stringify({ ...record, decisionNo: '滨江市监罚〔2026〕0992号' }))
    ).json();
    await push(
      base(),
      token,
      JSON.stringify({
        ...record,
        decisionNo: '滨江市监罚〔2026〕0991号',
        fineAmount: 6,
        penaltyContent: '罚款人民币60,000元。',
        correctionNote: '更正罚款金额。',
      }),
      'application/json',
      `/api/v1/ingest/disclosures/${a.id}/correct`,
    );
    await push(
      base(),
      token,
      JSON.stringify({ type: '确认无效', reason: '经人民法院判决确认无效。' }),
      'application/json',
      `/api/v1/ingest/disclosures/${b.id}/withdraw`,
    );

    cursor = await syncInto(mirror, cursor);
    const truth = await publicSet();
    expect([...mirror.keys()].sort()).toEqual([...truth.keys()].sort());
    expect(mirror.get(a.id)).toMatchObject({ status: 'corrected', fineAmount: 6 });
    expect(mirror.has(b.id)).toBe(false);
    for (const [id, r] of truth) expect(mirror.get(id), id).toEqual(r);
  });

  it('a cursor the feed never issued is refused with what to do, never answered with silence', async () => {
    // A mirror restored from another deployment's backup holds a cursor beyond this log: an empty 200
    // would let it wait forever for events it has missed.
    const latest = (await (await fetch(`${base()}/api/v1/changes?since=0&limit=1`)).json()).latest as string;
    const ahead = await fetch(`${base()}/api/v1/changes?since=${Number(latest) + 1}`);
    expect(ahead.status).toBe(409);
    expect(ahead.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = await ahead.json();
    expect(p.type).toMatch(/\/problems\/cursor-ahead$/);
    expect(p.latest).toBe(latest);
    expect(p.detail).toContain(`since=${latest}`);
    expect(p.detail).toContain('重新同步');
    expect(p.resync.exports).toContain(`${base()}/api/v1/exports/disclosures.ndjson`);
    expect(p.resync.continueFrom).toBe(`${base()}/api/v1/changes?since=${latest}`);
    // Following the advice works: the latest cursor itself is a valid, caught-up position.
    const caughtUp = await (await fetch(p.resync.continueFrom)).json();
    expect(caughtUp).toMatchObject({ events: [], hasMore: false, nextCursor: latest, latest });
  });

  it.each(['0x10', '1e3', '-1', '007', ' 5', '1.5', '99999999999999999999'])(
    'a malformed cursor (since=%s) is a 400 naming since, not a guess',
    async (since) => {
      const res = await fetch(`${base()}/api/v1/changes?since=${encodeURIComponent(since)}`);
      expect(res.status).toBe(400);
      const p = await res.json();
      expect(p.errors.map((e: Json) => e.parameter)).toEqual(['since']);
      expect(p.detail).toContain('nextCursor');
    },
  );

  it('the Atom feed carries the withdrawal reason and none of the withdrawn content', async () => {
    const atom = await (await fetch(`${base()}/feeds/agencies/market.atom`)).text();
    expect(atom).toMatch(/^<\?xml/);
    // The feed's own links lead to the agency's list and change feed, not everyone's.
    const head = atom.split('<entry>')[0]!;
    expect(head).toContain(`<link rel="alternate" type="text/html" href="${base()}/disclosures?agency=market"/>`);
    expect(head).toContain(
      `<link rel="related" type="application/json" href="${base()}/api/v1/changes?agency=market"/>`,
    );
    expect(atom).toContain('<category term="withdrawn"');
    expect(atom).toContain('经人民法院判决确认无效。');
    const withdrawnEntry = atom.split('<entry>').find((e) => e.includes('0992号'))!;
    expect(withdrawnEntry).not.toContain(JSON.parse(example('disclosure.json')).partyName);
  });
});

describe('rate limits, partner keys and CORS', () => {
  it('a partner key is limited to its own rate, with Retry-After on 429', async () => {
    const created = await runSunlight(['partner', 'create', '--name', '测试信用平台', '--per-minute', '3'], {
      SUNLIGHT_DATA_DIR: portal.dataDir(),
      DATABASE_URL: '',
    });
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${base()}/api/v1/changes?since=0&limit=1`, { headers: { 'x-api-key': key } });
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[3]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last!.json()).type).toMatch(/rate-limited$/);
  });

  it('an unknown partner key is refused rather than silently treated as anonymous', async () => {
    const res = await fetch(`${base()}/api/v1/changes`, {
      headers: { 'x-api-key': 'slp_000000000000.' + 'a'.repeat(43) },
    });
    expect(res.status).toBe(401);
  });

  it('GET answers carry CORS headers and a preflight is allowed', async () => {
    const res = await fetch(`${base()}/api/v1/disclosures?pageSize=1`, {
      headers: { origin: 'https://credit.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('ratelimit-limit')).toBeTruthy();
    const pre = await fetch(`${base()}/api/v1/disclosures`, {
      method: 'OPTIONS',
      headers: { origin: 'https://credit.example', 'access-control-request-method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
  });
});
