import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayInChina } from '@sunlight/domain/china-time';
import { runSunlight } from '../helpers/cli';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { eventually, example, push } from '../helpers/ingest';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * 行政许可 end to end through a running portal, as the agencies, the public and partners meet them: ingest
 * (JSON, NDJSON, XK_* codes), idempotence and corrections, another agency trying to change a permit,
 * withdrawal and expiry leaving every surface (page, API, list, exports, enterprise record, search), and the
 * change feed and Atom telling partners. On PGlite and, when DATABASE_URL is set, on PostgreSQL.
 */
const INGEST = '/api/v1/ingest/permits';
const base0 = JSON.parse(example('permit.json')) as Record<string, unknown>;
const permit = (serial: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base0,
  decisionNo: `滨江市监许〔2026〕${8000 + serial}号`,
  ...extra,
});
const DAY = 86_400_000;

function suite(kind: 'PGlite' | 'PostgreSQL') {
  describe(`permits on ${kind}`, () => {
    let server: RunningServer;
    let database: TestDatabase | undefined;
    let env: NodeJS.ProcessEnv;
    let market = '';
    let environment = '';
    let url = '';
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`);
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    };
    const send = (token: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const events = async (id: string) => {
      const out: { id: string; type: string; kind: string; record: unknown; reason: string | null }[] = [];
      for (let since = '0'; ;) {
        const page = (await (await fetch(`${url}/api/v1/changes?since=${since}`)).json()) as {
          events: typeof out;
          nextCursor: string;
          hasMore: boolean;
        };
        out.push(...page.events.filter((e) => e.id === id));
        if (!page.hasMore) return out;
        since = page.nextCursor;
      }
    };
    /** Every public surface a permit could appear on, as one text. */
    const surfaces = async (creditCode: string) =>
      [
        (await get('/api/v1/permits?pageSize=100')).body,
        (await get('/permits?pageSize=100')).body,
        (await get('/api/v1/exports/permits.csv')).body,
        (await get('/api/v1/exports/permits.ndjson')).body,
        (await get(`/api/v1/enterprises/${creditCode}`)).body,
        (await get(`/enterprises/${creditCode}`)).body,
      ].join('\n');

    beforeAll(async () => {
      if (kind === 'PGlite') {
        server = await startServer({}, { copyOf: inject('seededDataDir') });
        env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: '' };
      } else {
        database = await createTestDatabase('PostgreSQL');
        server = await startServer({ DATABASE_URL: database.url! });
        env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: database.url! };
      }
      url = server.url;
      for (const [agency, set] of [
        ['market', (t: string) => (market = t)],
        ['environment', (t: string) => (environment = t)],
      ] as const) {
        const created = await runSunlight(['token', 'create', '--agency', agency], env);
        expect(created.code, created.stderr).toBe(0);
        set(created.stdout.trim());
      }
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await database?.dispose();
    });

    it('refuses a push without a valid token, as problem+json saying how to get one', async () => {
      const res = await push(url, undefined, JSON.stringify(permit(1)), 'application/json', INGEST);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await res.json()).detail).toContain('sunlight token create');
    });

    it('publishes a permit on its page, its API, the list, the exports and the enterprise record', async () => {
      const res = await push(url, market, JSON.stringify(permit(1)), 'application/json', INGEST);
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({ outcome: 'created', status: 'published', validUntil: base0.validUntil });
      expect(body.id).toMatch(/^p[0-9a-z]{15}$/);
      expect(res.headers.get('location')).toBe(body.url);
      const api = await get(`/api/v1/permits/${body.id}`);
      expect(api.status).toBe(200);
      expect(JSON.parse(api.body)).toMatchObject({
        decisionNo: '滨江市监许〔2026〕8001号',
        licenceName: '食品经营许可证',
      });
      expect(api.body).not.toContain(base0.legalRepIdNumber as string);
      expect(api.body).not.toContain('周明远');
      const page = await get(`/permits/${body.id}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('食品经营许可证');
      expect(page.body).toContain('有效期至');
      const list = JSON.parse((await get('/api/v1/permits?agency=market&category=普通&q=8001号')).body);
      expect(list.permits.map((p: { id: string }) => p.id)).toEqual([body.id]);
      expect(JSON.parse((await get('/api/v1/permits?category=登记&q=8001号')).body).total).toBe(0);
      const csv = (await get('/api/v1/exports/permits.csv?agency=market')).body;
      const [labels, codes] = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(labels).toContain('行政许可决定文书号');
      expect(codes).toContain('XK_WSH');
      expect(csv).toContain(body.id);
      const ent = JSON.parse((await get(`/api/v1/enterprises/${base0.partyCreditCode}`)).body);
      expect(ent.permits.map((p: { id: string }) => p.id)).toContain(body.id);
      expect((await get(`/enterprises/${base0.partyCreditCode}`)).body).toContain('滨江市监许〔2026〕8001号');
      expect((await events(body.id)).map((e) => [e.type, e.kind])).toEqual([['permit', 'published']]);
    });

    it('is idempotent on (agency, 文书号); changed content is a correction the public sees', async () => {
      const again = await push(url, market, JSON.stringify(permit(1)), 'application/json', INGEST);
      expect(again.status).toBe(200);
      const { id, outcome } = await again.json();
      expect(outcome).toBe('unchanged');
      const changed = permit(1, { permitContent: '经营项目：热食类食品制售。' });
      expect(await (await push(url, market, JSON.stringify(changed), 'application/json', INGEST)).json()).toMatchObject(
        {
          outcome: 'updated',
          status: 'corrected',
        },
      );
      const note = await send(market, `/api/v1/ingest/permits/${id}/correct`, {
        ...changed,
        correctionNote: '更正许可内容表述',
      });
      expect(note.status).toBe(200);
      const api = JSON.parse((await get(`/api/v1/permits/${id}`)).body);
      expect(api).toMatchObject({
        status: 'corrected',
        permitContent: '经营项目：热食类食品制售。',
        correctionNote: '更正许可内容表述',
      });
      expect((await events(id)).map((e) => e.kind)).toEqual(['published', 'corrected', 'corrected']);
      const list = JSON.parse((await get('/api/v1/permits?q=8001号')).body);
      expect(list.total).toBe(1);
    });

    it('accepts the national XK_* item codes, and answers a bad batch line by line naming fields in Chinese', async () => {
      const xk = JSON.parse(example('permit-xk.json'));
      const res = await push(url, market, JSON.stringify(xk), 'application/json', INGEST);
      expect(res.status).toBe(201);
      const { id } = await res.json();
      const pub = JSON.parse((await get(`/api/v1/permits/${id}`)).body);
      expect(pub).toMatchObject({ decisionNo: xk.XK_WSH, partyType: '个体工商户', licenceNo: xk.XK_XKBH });
      expect(JSON.stringify(pub)).not.toContain('欧阳芳');
      const { partyName: _p, ...noName } = permit(3);
      const lines = [
        JSON.stringify(permit(2)),
        '{"broken":',
        JSON.stringify(noName),
        JSON.stringify(permit(8, { validUntil: '2020-01-01' })),
      ];
      const batch = await push(url, market, lines.join('\n') + '\n', 'application/x-ndjson', INGEST);
      expect(batch.status).toBe(200);
      const out = await batch.json();
      expect(out).toMatchObject({ lines: 4, accepted: 1, rejected: 3 });
      expect(out.results[0]).toMatchObject({ line: 1, ok: true, outcome: 'created' });
      expect(out.results[1]).toMatchObject({ line: 2, ok: false });
      const fieldsOf = (r: { errors: { field: string; label: string }[] }) => r.errors.map((e) => [e.field, e.label]);
      expect(fieldsOf(out.results[2])).toEqual([['partyName', '行政相对人名称']]);
      expect(fieldsOf(out.results[3])).toEqual([['validUntil', '有效期至']]);
      expect(out.results[3].errors[0].message).toContain('有效期自');
      const single = await push(
        url,
        market,
        JSON.stringify({ ...permit(4), permitCategory: '普通许可' }),
        'application/json',
        INGEST,
      );
      expect(single.status).toBe(422);
      expect(single.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await single.json()).errors[0]).toMatchObject({ field: 'permitCategory', label: '许可类别' });
    });

    it('another agency cannot push, correct or withdraw a market permit', async () => {
      const mine = await (await push(url, market, JSON.stringify(permit(5)), 'application/json', INGEST)).json();
      const forged = await push(url, environment, JSON.stringify(permit(5)), 'application/json', INGEST);
      expect(forged.status).toBe(403);
      const correct = await send(environment, `/api/v1/ingest/permits/${mine.id}/correct`, {
        ...permit(5, { agencyId: 'environment' }),
        permitContent: '被篡改的内容',
        correctionNote: '冒名更正',
      });
      expect(correct.status).toBe(403);
      const withdraw = await send(environment, `/api/v1/ingest/permits/${mine.id}/withdraw`, {
        type: '撤销',
        reason: '冒名撤销这项许可',
      });
      expect(withdraw.status).toBe(403);
      expect((await withdraw.json()).type).toMatch(/\/problems\/forbidden$/);
      const still = await get(`/api/v1/permits/${mine.id}`);
      expect(still.status).toBe(200);
      expect(still.body).not.toContain('被篡改的内容');
      expect((await events(mine.id)).map((e) => e.kind)).toEqual(['published']);
    });

    it('a withdrawn permit leaves every surface; only its number, date and reason remain, and partners are told', async () => {
      const secret = '独有许可内容XK甲乙丙';
      const p = permit(6, { permitContent: `经营项目：${secret}。` });
      const { id } = await (await push(url, market, JSON.stringify(p), 'application/json', INGEST)).json();
      expect(await surfaces(base0.partyCreditCode as string)).toContain(secret);
      const bad = await send(market, `/api/v1/ingest/permits/${id}/withdraw`, { type: '作废', reason: '短' });
      expect(bad.status).toBe(422);
      const res = await send(market, `/api/v1/ingest/permits/${id}/withdraw`, {
        type: '撤销',
        reason: '被许可人以欺骗手段取得许可，联系人电话13912345678',
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).not.toContain('13912345678');
      const api = await get(`/api/v1/permits/${id}`);
      expect(api.status).toBe(410);
      expect(api.type).toMatch(/problem\+json/);
      expect(JSON.parse(api.body)).toMatchObject({
        recordStatus: 'withdrawn',
        withdrawalType: '撤销',
        decisionNo: p.decisionNo,
      });
      const page = await get(`/permits/${id}`);
      expect(page.status).toBe(410);
      expect(page.body).toContain(p.decisionNo);
      for (const body of [api.body, page.body, await surfaces(base0.partyCreditCode as string)]) {
        expect(body).not.toContain(secret);
        expect(body).not.toContain('13912345678');
      }
      const evs = await events(id);
      expect(evs.map((e) => e.kind)).toEqual(['published', 'withdrawn']);
      expect(evs.every((e) => e.record === null)).toBe(true);
      expect(JSON.stringify(evs)).not.toContain(secret);
      const atom = (await get('/feeds/disclosures.atom')).body;
      expect(atom).toContain(`/permits/${id}`);
      expect(atom).toContain('行政许可撤回');
      expect(atom).not.toContain(secret);
      const search = await eventually(
        async () => JSON.parse((await get(`/api/v1/search?q=${encodeURIComponent(p.decisionNo as string)}`)).body),
        (r: { hits: { id: string }[] }) => !r.hits.some((h) => h.id === id),
      );
      expect(search.hits.map((h: { id: string }) => h.id)).not.toContain(id);
      const again = await push(url, market, JSON.stringify(p), 'application/json', INGEST);
      expect(again.status).toBe(409);
    });

    it('after 有效期至 the expiry job takes a permit off every surface and tells partners', async () => {
      const today = todayInChina();
      const secret = '即将到期的许可XK丁戊';
      const p = permit(7, { validUntil: today, permitContent: `经营项目：${secret}。` });
      const { id, status } = await (await push(url, market, JSON.stringify(p), 'application/json', INGEST)).json();
      expect(status).toBe('published');
      const live = await eventually(
        async () => JSON.parse((await get(`/api/v1/search?q=${encodeURIComponent(p.decisionNo as string)}`)).body),
        (r: { hits: { id: string; url: string }[] }) => r.hits.some((h) => h.id === id),
      );
      expect(live.hits.find((h: { id: string }) => h.id === id)?.url).toBe(`${url}/permits/${id}`);
      const notYet = await runSunlight(['disclosures', 'expire', '--today', today], env);
      expect(notYet.code, notYet.stderr).toBe(0);
      expect((await get(`/api/v1/permits/${id}`)).status).toBe(200);
      const tomorrow = todayInChina(Date.now() + DAY);
      const run = await runSunlight(['disclosures', 'expire', '--today', tomorrow], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(id);
      // Every process learns of a change made outside it from the change log, within about a second.
      const api = await eventually(
        () => get(`/api/v1/permits/${id}`),
        (r) => r.status === 410,
        5_000,
      );
      expect(api.status).toBe(410);
      expect(JSON.parse(api.body)).toMatchObject({ recordStatus: 'expired', date: today });
      expect(
        (
          await eventually(
            () => get(`/permits/${id}`),
            (r) => r.status === 410,
            5_000,
          )
        ).status,
      ).toBe(410);
      expect(await surfaces(base0.partyCreditCode as string)).not.toContain(secret);
      const evs = await events(id);
      expect(evs.map((e) => e.kind)).toEqual(['published', 'expired']);
      expect(JSON.stringify(evs)).not.toContain(secret);
      const search = await eventually(
        async () => JSON.parse((await get(`/api/v1/search?q=${encodeURIComponent(p.decisionNo as string)}`)).body),
        (r: { hits: { id: string }[] }) => !r.hits.some((h) => h.id === id),
        15_000,
      );
      expect(search.hits.map((h: { id: string }) => h.id)).not.toContain(id);
    });

    it('a sample permit of the seeded district is public, and a sample natural person shows as 姓+某', async () => {
      const list = JSON.parse((await get('/api/v1/permits?pageSize=100')).body);
      expect(list.total).toBeGreaterThan(500);
      const people = list.permits.filter((p: { partyType: string }) => p.partyType === '自然人');
      for (const p of people) expect(p.partyName).toMatch(/^[\u4e00-\u9fff]{1,2}某$/);
      expect((await get(`/permits?page=2&category=${encodeURIComponent('普通')}`)).status).toBe(200);
      expect((await get('/permits?dateFrom=2026-02-30')).status).toBe(400);
    });
  });
}

for (const kind of databaseKinds()) suite(kind);
