import { beforeAll, describe, expect, it } from 'vitest';
import { IngestResultSchema, ReviewQueueSchema } from '../../portal/server/opendata/api-schemas';
import { runSunlight } from '../helpers/cli';
import { createToken, eventually, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

/**
 * What the redactor cannot decide is held, not published: the agency learns which field and why, sees
 * it in its queue, and releases it with corrected text (or a supervisor does, with the CLI). Another
 * agency can neither see nor release it.
 */
const portal = ownPortal();
const base = portal.url;
const env = () => ({ SUNLIGHT_DATA_DIR: portal.dataDir(), DATABASE_URL: '' });
const record = (serial: number, violationFacts: string) => ({
  ...JSON.parse(example('disclosure.json')),
  decisionNo: `滨江市监罚〔2026〕${8100 + serial}号`,
  violationFacts,
});
const DOUBTFUL = '经查，当事人销售过期食品，现场记录有一串数字98765432101234，来源不明。';

async function queue(token: string) {
  const res = await fetch(`${base()}/api/v1/ingest/disclosures/review`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const body: unknown = await res.clone().json();
  expect(ReviewQueueSchema.safeParse(body).success).toBe(true);
  return (await res.json()) as {
    held: {
      id: string;
      decisionNo: string;
      doubts: { field: string; reason: string }[];
      original: Record<string, string>;
    }[];
  };
}

function release(token: string, id: string, body: unknown) {
  return fetch(`${base()}/api/v1/ingest/disclosures/${id}/release`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const publicStatus = async (id: string) => (await fetch(`${base()}/api/v1/disclosures/${id}`)).status;
const searchIds = async (q: string) =>
  (
    (await (await fetch(`${base()}/api/v1/disclosures?q=${encodeURIComponent(q)}`)).json()) as {
      hits: { id: string }[];
    }
  ).hits.map((h) => h.id);

describe('review queue: held → released → public', () => {
  let market = '';
  let other = '';
  beforeAll(async () => {
    market = await createToken(portal.dataDir(), 'market');
    other = await createToken(portal.dataDir(), 'wanghai');
  });

  it('an uncertain record is answered 202 with the field and reason, and is on no public surface', async () => {
    const rec = record(1, DOUBTFUL);
    const res = await push(base(), market, JSON.stringify(rec));
    expect(res.status).toBe(202);
    const out = (await res.json()) as {
      outcome: string;
      id: string;
      review: { field: string; label: string; reason: string }[];
    };
    expect(out.outcome).toBe('held');
    expect(IngestResultSchema.safeParse(out).success).toBe(true);
    expect(out.review).toEqual([expect.objectContaining({ field: 'violationFacts', label: '违法事实' })]);
    expect(out.review[0]!.reason).toMatch(/14位数字/);
    expect(await publicStatus(out.id)).toBe(404);
    expect((await fetch(`${base()}/disclosures/${out.id}`)).status).toBe(404);
    expect(await searchIds(rec.decisionNo)).not.toContain(out.id);
    const csv = await (await fetch(`${base()}/api/v1/exports/disclosures.csv`)).text();
    expect(csv).not.toContain(out.id);
  });

  it('the agency sees it in its queue with the text to correct; another agency sees nothing and cannot release it', async () => {
    const rec = record(2, DOUBTFUL);
    const { id } = (await (await push(base(), market, JSON.stringify(rec))).json()) as { id: string };
    const mine = await queue(market);
    const entry = mine.held.find((h) => h.id === id);
    expect(entry?.decisionNo).toBe(rec.decisionNo);
    expect(entry?.original.violationFacts).toBe(DOUBTFUL);
    expect((await queue(other)).held.map((h) => h.id)).not.toContain(id);
    const res = await release(other, id, { fields: { violationFacts: '经查，当事人销售过期食品。' } });
    expect(res.status).toBe(403);
    expect(await publicStatus(id)).toBe(404);
  });

  it('a release must give the doubted fields and only those, with a message naming each', async () => {
    const rec = record(3, DOUBTFUL);
    const { id } = (await (await push(base(), market, JSON.stringify(rec))).json()) as { id: string };
    const missing = await release(market, id, { fields: {} });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'fields.violationFacts',
    ]);
    const extra = await release(market, id, {
      fields: { violationFacts: '经查，当事人销售过期食品。', remarks: '想顺便改备注' },
    });
    expect(extra.status).toBe(422);
    expect(await extra.text()).toContain('fields.remarks');
    expect(await publicStatus(id)).toBe(404);
  });

  it('released with corrected text, the record is public, searchable and leaves the queue', async () => {
    const rec = record(4, DOUBTFUL);
    const { id } = (await (await push(base(), market, JSON.stringify(rec))).json()) as { id: string };
    const corrected = '经查，当事人于2026年9月销售超过保质期的食品，现场记录的样品编号已核实为非个人信息。';
    const res = await release(market, id, { fields: { violationFacts: corrected } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { outcome: string }).outcome).toBe('created');
    const pub = (await (await fetch(`${base()}/api/v1/disclosures/${id}`)).json()) as { violationFacts: string };
    expect(pub.violationFacts).toBe(corrected);
    expect((await queue(market)).held.map((h) => h.id)).not.toContain(id);
    expect(
      await eventually(
        () => searchIds(rec.decisionNo),
        (ids) => ids.includes(id),
      ),
    ).toContain(id);
  });

  it('a reviewer who confirms the doubted number as it is publishes it, and personal data beside it is still masked', async () => {
    const text = '现场记录有一串数字98765432101234（样品批次），联系电话13912345678。';
    const rec = record(5, text);
    const { id } = (await (await push(base(), market, JSON.stringify(rec))).json()) as { id: string };
    const res = await release(market, id, { fields: { violationFacts: text } });
    expect(res.status).toBe(200);
    const pub = (await (await fetch(`${base()}/api/v1/disclosures/${id}`)).json()) as { violationFacts: string };
    expect(pub.violationFacts).toBe('现场记录有一串数字98765432101234（样品批次），联系电话〔电话号码已隐去〕。');
  });

  it('a supervisor lists and releases held records with the CLI', async () => {
    const rec = record(6, DOUBTFUL);
    const { id } = (await (await push(base(), market, JSON.stringify(rec))).json()) as { id: string };
    const list = await runSunlight(['review', 'list'], env());
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('违法事实（violationFacts）');
    const done = await runSunlight(
      ['review', 'release', id, '--fields', JSON.stringify({ violationFacts: '经查，当事人销售过期食品。' })],
      env(),
    );
    expect(done.code, done.stderr).toBe(0);
    expect(await publicStatus(id)).toBe(200);
  });

  it('a correction with an uncertain note is held while the published version stays as it was', async () => {
    const rec = record(7, '经查，当事人销售过期食品。');
    const { id } = (await (await push(base(), market, JSON.stringify(rec))).json()) as { id: string };
    const res = await fetch(`${base()}/api/v1/ingest/disclosures/${id}/correct`, {
      method: 'POST',
      headers: { authorization: `Bearer ${market}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...rec, correctionNote: '更正：补记现场数字 1234 5678 901。' }),
    });
    expect(res.status).toBe(202);
    const pub = (await (await fetch(`${base()}/api/v1/disclosures/${id}`)).json()) as {
      status: string;
      correctionNote?: string;
    };
    expect(pub.status).toBe('published');
    expect(pub.correctionNote).toBeUndefined();
    expect((await queue(market)).held.find((h) => h.id === id)?.doubts.map((d) => d.field)).toEqual(['correctionNote']);
  });
});
