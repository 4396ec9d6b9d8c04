import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import type { Db, SqlParam } from '../db/types';
import { expireDue, storeDisclosure, withdrawDisclosure } from '../disclosures/store';
import { changesSince } from './changes';
import { CSV_HEADER, csvRow, exportStream, publicRecords } from './export';

const rules = DEFAULT_PUBLICATION_RULES;

describe.each(databaseKinds())('open data on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  const store = (
    n: number,
    extra: Partial<Parameters<typeof disclosureInput>[0]> = {},
    today = '2025-01-10',
    publishedOn = '2025-01-05',
  ) =>
    db.transaction((tx) =>
      storeDisclosure(tx, disclosureInput({ decisionNo: `滨示市监罚〔2024〕${n}号`, ...extra }), {
        rules,
        today,
        now: new Date(),
        publishedOn,
      }),
    );

  it('a partner replaying the change feed ends with exactly the public set after publish, correct, withdraw and expire', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++) ids.push((await store(200 + i)).id);
    // Two with 通报批评 only: public for three months from 2025-01-05.
    const shortLived = [
      (
        await store(301, {
          penaltyCategories: ['通报批评'],
          penaltyContent: '通报批评。',
          fineAmount: undefined,
          confiscatedAmount: undefined,
        })
      ).id,
      (
        await store(302, {
          penaltyCategories: ['通报批评'],
          penaltyContent: '通报批评。',
          fineAmount: undefined,
          confiscatedAmount: undefined,
        })
      ).id,
    ];

    const mirror = new Map<string, unknown>();
    let cursor = 0;
    const follow = async () => {
      for (;;) {
        const events = await changesSince(db, cursor, 3);
        if (!events.length) return;
        for (const e of events) {
          if (e.kind === 'withdrawn' || e.kind === 'expired') mirror.delete(e.id);
          else if (e.record) mirror.set(e.id, e.record);
          cursor = e.seq;
        }
      }
    };
    await follow();

    await store(203, { violationFacts: '更正后的违法事实。' });
    await db.transaction((tx) =>
      storeDisclosure(
        tx,
        disclosureInput({ decisionNo: '滨示市监罚〔2024〕204号', fineAmount: 5, penaltyContent: '罚款50000元。' }),
        {
          rules,
          today: '2025-01-10',
          now: new Date(),
          correctionNote: '罚款金额更正。',
        },
      ),
    );
    await db.transaction((tx) =>
      withdrawDisclosure(tx, ids[5]!, { type: '撤销', reason: '原决定被撤销。' }, new Date()),
    );
    const expired = await expireDue(db, '2025-06-01');
    expect(expired.sort()).toEqual([...shortLived].sort());
    await store(209);
    await follow();

    const truth = new Map<string, unknown>();
    for await (const batch of publicRecords(db, {})) for (const r of batch) truth.set(r.id, r);
    expect([...mirror.keys()].sort()).toEqual([...truth.keys()].sort());
    for (const [id, r] of truth) expect(mirror.get(id)).toEqual(r);
    expect(mirror.has(ids[5]!)).toBe(false);
    for (const id of shortLived) expect(mirror.has(id)).toBe(false);
  });

  it('withdrawn and expired events carry the reason and none of the content', async () => {
    const events = await changesSince(db, 0, 1000);
    const removals = events.filter((e) => e.kind === 'withdrawn' || e.kind === 'expired');
    expect(removals.length).toBeGreaterThanOrEqual(3);
    for (const e of removals) {
      expect(e.record).toBeNull();
      expect(e.reason).toBeTruthy();
    }
  });

  it('the CSV the database projects column by column is, byte for byte, each whole public record written out', async () => {
    // Values a column-by-column read could get wrong: decimals, a single and several categories, optional
    // fields left out, quotes, commas, line breaks and text a spreadsheet would run as a formula.
    await store(401, { fineAmount: 1234.5678, confiscatedAmount: 0.0001, remarks: '备注含"引号", 逗号' });
    await store(402, {
      penaltyCategories: ['警告'],
      penaltyContent: '警告。',
      fineAmount: undefined,
      confiscatedAmount: undefined,
      legalRepresentative: undefined,
    });
    await store(403, { violationFacts: '=当事人销售过期食品\n第二行，共计2400元。', penaltyContent: '+罚款60000元' });
    await store(404, { fineAmount: 0.5, confiscatedAmount: 100000, licenceSuspended: '@暂扣许可证三个月' });
    const site = 'https://example.org';
    let whole = CSV_HEADER;
    for await (const batch of publicRecords(db, {})) whole += batch.map((d) => csvRow(d, site)).join('');
    const bytes = await new Response(exportStream(db, {}, 'csv', site)).arrayBuffer();
    const streamed = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(streamed.split('\r\n').length).toBeGreaterThan(10);
    expect(streamed).toContain('"\'=当事人销售过期食品');
    expect(streamed).toContain('1234.5678');
    expect(streamed).toBe(whole);
  });

  it('streams an export one batch at a time: the database is read lazily, one batch ahead, never all at once', async () => {
    await db.query(
      `INSERT INTO disclosures (id, agency_id, decision_no, status, decision_date, data)
       SELECT 'bulk' || lpad(g::text, 6, '0'), 'scjgj', 'B' || g, 'published', DATE '2025-01-01',
              jsonb_build_object('id', 'bulk' || lpad(g::text, 6, '0'), 'partyName', '示例批量' || g, 'status', 'published',
                                 'decisionNo', '滨示市监罚〔2025〕' || g || '号', 'penaltyCategories', jsonb_build_array('罚款'))
       FROM generate_series(1, 5000) g`,
    );
    let queries = 0;
    const counting: Db = {
      ...db,
      query: <T>(sql: string, params?: readonly SqlParam[]) => (queries++, db.query<T>(sql, params)),
    };
    const reader = exportStream(counting, {}, 'csv', 'https://example.org').getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = decoder.decode((await reader.read()).value, { stream: true });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(queries).toBe(0);
    text += decoder.decode((await reader.read()).value, { stream: true });
    // the first batch, and the next one read ahead while the first is written: never more
    expect(queries).toBe(2);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const rows = text.split('\r\n').filter(Boolean).length - 2;
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM disclosures WHERE status IN ('published','corrected')`,
    );
    expect(queries).toBe(Math.ceil(n / 1000) + 1);
    expect(rows).toBe(n);
    expect(n).toBeGreaterThan(5000);
  });
});
