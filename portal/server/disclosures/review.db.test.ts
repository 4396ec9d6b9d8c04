import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import type { Db } from '../db/types';
import { changesSince } from '../opendata/changes';
import { lookupDisclosure } from './read';
import { listHeld, releaseHeld, rerunRedaction } from './review';
import { storeDisclosure } from './store';

describe.each(databaseKinds())('review queue and re-redaction on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
    await db.query(`INSERT INTO settings (key, data) VALUES ('publication-rules', $1)`, [
      JSON.stringify(DEFAULT_PUBLICATION_RULES),
    ]);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  const store = (n: number, violationFacts: string) =>
    db.transaction((tx) =>
      storeDisclosure(tx, disclosureInput({ decisionNo: `滨示市监罚〔2024〕${n}号`, violationFacts }), {
        rules: DEFAULT_PUBLICATION_RULES,
        today: '2025-01-10',
        now: new Date(),
        publishedOn: '2025-01-05',
      }),
    );

  it('records stored under older rules are re-redacted once at start-up; doubtful ones leave the public set', async () => {
    const leaky = await store(1, '经查，当事人销售过期食品。');
    const doubtful = await store(2, '经查，当事人销售过期食品。');
    const clean = await store(3, '经查，当事人销售过期食品。');
    // What an older redactor let through, as it would sit in the table.
    const planted = async (id: string, text: string) => {
      await db.query(
        `UPDATE disclosures SET data = jsonb_set(data, '{violationFacts}', to_jsonb($2::text)),
           restricted = jsonb_set(restricted, '{input,violationFacts}', to_jsonb($2::text)) WHERE id = $1`,
        [id, text],
      );
    };
    await planted(leaky.id, '经查，顾客张丽丽（手机139 1234 5678）投诉。');
    await planted(doubtful.id, '现场记录数字98765432101234。');
    const [{ seq }] = (await db.query<{ seq: number }>('SELECT max(seq)::int8 AS seq FROM record_changes')) as [
      { seq: number },
    ];

    const done = await rerunRedaction(db);
    expect(done).toMatchObject({ updated: 1, held: 1 });
    const fixed = await lookupDisclosure(db, leaky.id);
    expect(fixed.kind === 'public' && fixed.record.violationFacts).toBe(
      '经查，顾客张某（手机〔电话号码已隐去〕）投诉。',
    );
    expect((await lookupDisclosure(db, doubtful.id)).kind).toBe('missing');
    expect((await lookupDisclosure(db, clean.id)).kind).toBe('public');
    const events = await changesSince(db, Number(seq), 100);
    expect(events.map((e) => [e.id, e.kind])).toEqual(
      expect.arrayContaining([
        [leaky.id, 'corrected'],
        [doubtful.id, 'withdrawn'],
      ]),
    );
    expect((events.find((e) => e.id === leaky.id)?.record as { violationFacts?: string } | null)?.violationFacts).not.toContain('张丽丽');
    expect((await listHeld(db, 'scjgj')).map((h) => h.id)).toContain(doubtful.id);
    // Once per rules version.
    expect(await rerunRedaction(db)).toEqual({ checked: 0, updated: 0, held: 0 });

    const released = await releaseHeld(
      db,
      doubtful.id,
      { violationFacts: '经查，当事人销售过期食品。' },
      { agencyId: 'scjgj' },
    );
    expect(released.ok && released.outcome.outcome).toBe('updated');
    expect((await lookupDisclosure(db, doubtful.id)).kind).toBe('public');
    expect(await listHeld(db)).toEqual([]);
  });
});
