import { beforeAll, describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createToken, eventually, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

const portal = ownPortal();
const base = portal.url;
const dataDir = portal.dataDir;
let market: string;
let environment: string;

const searchTotal = async (q: string) =>
  (await (await fetch(`${base()}/api/v1/disclosures?q=${encodeURIComponent(q)}`)).json()).total as number;

beforeAll(async () => {
  market = await createToken(dataDir(), 'market');
  environment = await createToken(dataDir(), 'environment');
});

describe('agency ingest', () => {
  const record = JSON.parse(example('disclosure.json'));

  it('refuses a request without a valid token, saying how to get one', async () => {
    for (const token of [undefined, 'slt_000000000000.' + 'x'.repeat(43), 'garbage']) {
      const res = await push(base(), token, example('disclosure.json'));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await res.json()).detail).toContain('sunlight token create');
    }
  });

  it('publishes the committed example, and the public sees it within 5 seconds', async () => {
    const res = await push(base(), market, example('disclosure.json'));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      outcome: 'created',
      status: 'published',
      publicationEndDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(res.headers.get('location')).toBe(body.url);
    const api = await fetch(body.apiUrl);
    expect(api.status).toBe(200);
    expect((await api.json()).decisionNo).toBe(record.decisionNo);
    const page = await (await fetch(body.url)).text();
    expect(page).toContain(record.partyName);
    expect(page).toContain('公示至');
    expect(
      await eventually(
        () => searchTotal(record.decisionNo),
        (n) => n >= 1,
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('is idempotent on (agency, decision number): re-sending updates, never duplicates', async () => {
    const again = await push(base(), market, example('disclosure.json'));
    expect(again.status).toBe(200);
    expect((await again.json()).outcome).toBe('unchanged');
    const changed = { ...record, violationFacts: `${record.violationFacts}当事人已当场改正。` };
    const updated = await push(base(), market, JSON.stringify(changed));
    expect((await updated.json()).outcome).toBe('updated');
    const res = await (
      await fetch(`${base()}/api/v1/disclosures?q=${encodeURIComponent(record.decisionNo)}&pageSize=50`)
    ).json();
    expect(res.hits.filter((h: { decisionNo: string }) => h.decisionNo === record.decisionNo)).toHaveLength(1);
  });

  it('answers a bad record with 422 problem+json naming each field', async () => {
    const { partyName: _omit, ...missing } = record;
    const res = await push(base(), market, JSON.stringify({ ...missing, fineAmount: -3, decisionDate: '2026-02-30' }));
    expect(res.status).toBe(422);
    const p = await res.json();
    const fields = p.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['partyName', 'fineAmount', 'decisionDate']));
    expect(p.errors.find((e: { field: string }) => e.field === 'partyName').label).toBe('行政相对人名称');
    expect(p.type).toMatch(/\/problems\/validation-failed$/);
  });

  it('lets an agency write only its own records', async () => {
    const res = await push(base(), environment, example('disclosure.json'));
    expect(res.status).toBe(403);
    expect((await res.json()).errors[0].field).toBe('agencyId');
  });

  it('takes an NDJSON batch: good lines stored, bad lines reported by line and field, none half-written', async () => {
    const good = example('disclosures.ndjson').trim().split('\n');
    const badCode = JSON.stringify({
      ...record,
      decisionNo: '滨江市监罚〔2026〕0950号',
      partyCreditCode: '91990116E2W4L74P5',
    });
    const otherAgency = JSON.stringify({ ...record, decisionNo: '滨江环罚〔2026〕0951号', agencyId: 'environment' });
    const body = [good[0], '{"partyName": broken', badCode, good[1], otherAgency, good[2]].join('\n') + '\n';
    const res = await push(base(), market, body, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out).toMatchObject({ lines: 6, accepted: 3, rejected: 3 });
    const byLine = new Map(out.results.map((r: { line: number }) => [r.line, r]));
    expect(byLine.get(1)).toMatchObject({ ok: true, outcome: 'created' });
    expect(byLine.get(2)).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ message: expect.stringContaining('JSON') })],
    });
    expect(byLine.get(3)).toMatchObject({ ok: false, errors: [expect.objectContaining({ field: 'partyCreditCode' })] });
    expect(byLine.get(5)).toMatchObject({ ok: false, errors: [expect.objectContaining({ field: 'agencyId' })] });
    expect(await searchTotal('滨江市监罚〔2026〕0950号')).toBe(0);
    for (const line of [1, 4, 6]) expect((await fetch((byLine.get(line) as { url: string }).url)).status).toBe(200);
  });

  it('refuses a batch over 10,000 lines with a problem that says the limit', async () => {
    const res = await push(base(), market, '{}\n'.repeat(10_001), 'application/x-ndjson');
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toContain('10000');
  });

  it('does not publish what the rules keep private: simplified procedure, warnings only, minors', async () => {
    const simple = {
      ...record,
      decisionNo: '滨江市监罚〔2026〕0960号',
      procedure: '简易程序',
      penaltyCategories: ['警告'],
      penaltyContent: '警告。',
      fineAmount: undefined,
      confiscatedAmount: undefined,
    };
    const a = await (await push(base(), market, JSON.stringify(simple))).json();
    expect(a).toMatchObject({ outcome: 'not_published', reason: expect.stringContaining('简易程序') });
    const minor = { ...record, decisionNo: '滨江市监罚〔2026〕0961号', involvesMinor: true };
    const b = await (await push(base(), market, JSON.stringify(minor))).json();
    expect(b).toMatchObject({ outcome: 'not_published', reason: expect.stringContaining('未成年人') });
    expect((await fetch(`${base()}/api/v1/disclosures/${b.id}`)).status).toBe(404);
  });

  it('stops accepting a revoked token', async () => {
    const token = await createToken(dataDir(), 'market');
    const id = token.slice(4, 16);
    const revoke = await runSunlight(['token', 'revoke', id], { SUNLIGHT_DATA_DIR: dataDir(), DATABASE_URL: '' });
    expect(revoke.code).toBe(0);
    expect((await push(base(), token, example('disclosure.json'))).status).toBe(401);
  });
});

describe('withdrawal and correction', () => {
  const record = JSON.parse(example('disclosure.json'));
  let id: string;

  beforeAll(async () => {
    const res = await push(base(), market, JSON.stringify({ ...record, decisionNo: '滨江市监罚〔2026〕0970号' }));
    id = (await res.json()).id;
  });

  it('corrects a record: the page says so and shows the note', async () => {
    const res = await push(
      base(),
      market,
      JSON.stringify({
        ...record,
        decisionNo: '滨江市监罚〔2026〕0970号',
        fineAmount: 4,
        penaltyContent: '没收违法所得48元，并处罚款人民币40,000元。',
        correctionNote: '罚款金额录入有误，更正为4万元。',
      }),
      'application/json',
      `/api/v1/ingest/disclosures/${id}/correct`,
    );
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('corrected');
    const page = await (await fetch(`${base()}/disclosures/${id}`)).text();
    expect(page).toContain('已更正');
    expect(page).toContain('罚款金额录入有误');
  });

  it('requires a withdrawal reason, naming the field', async () => {
    const res = await push(
      base(),
      market,
      JSON.stringify({ type: '撤销' }),
      'application/json',
      `/api/v1/ingest/disclosures/${id}/withdraw`,
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('reason');
  });

  it('another agency cannot withdraw it', async () => {
    const res = await push(
      base(),
      environment,
      JSON.stringify({ type: '撤销', reason: '依法撤销原处罚决定' }),
      'application/json',
      `/api/v1/ingest/disclosures/${id}/withdraw`,
    );
    expect(res.status).toBe(403);
  });

  it('withdraws: 410 tombstone with number, date and reason, none of the content, gone from search within 5 s', async () => {
    const reason = '经行政复议，原处罚决定被依法撤销。';
    const res = await push(
      base(),
      market,
      JSON.stringify({ type: '撤销', reason }),
      'application/json',
      `/api/v1/ingest/disclosures/${id}/withdraw`,
    );
    expect(res.status).toBe(200);
    const api = await fetch(`${base()}/api/v1/disclosures/${id}`);
    expect(api.status).toBe(410);
    const p = await api.json();
    expect(p).toMatchObject({
      decisionNo: '滨江市监罚〔2026〕0970号',
      status: 410,
      recordStatus: 'withdrawn',
      withdrawalType: '撤销',
      reason,
    });
    expect(JSON.stringify(p)).not.toContain(record.partyName);
    const page = await fetch(`${base()}/disclosures/${id}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain(reason);
    expect(html).toContain('滨江市监罚〔2026〕0970号');
    expect(html).not.toContain(record.partyName);
    expect(html).not.toContain('酸奶');
    const left = await eventually(
      () => searchTotal('滨江市监罚〔2026〕0970号'),
      (n) => n === 0,
    );
    expect(left).toBe(0);
    const ent = await (await fetch(`${base()}/api/v1/enterprises/${record.partyCreditCode}`)).json();
    expect(ent.disclosures.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('a withdrawn decision cannot be brought back by re-sending it', async () => {
    const res = await push(base(), market, JSON.stringify({ ...record, decisionNo: '滨江市监罚〔2026〕0970号' }));
    expect(res.status).toBe(409);
  });
});

describe('enterprise lookups', () => {
  it('explains an invalid credit code in Chinese, on the page and in the API', async () => {
    const page = await fetch(`${base()}/enterprises/ABC123`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('18位');
    const api = await fetch(`${base()}/api/v1/enterprises/ABC123`);
    expect(api.status).toBe(400);
    expect((await api.json()).errors[0].parameter).toBe('creditCode');
  });
});
