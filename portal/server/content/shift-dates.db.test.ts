import path from 'node:path';
import { COUNTS } from '../../../content/generator/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import { seedCertificates } from '../inspections/certificates';
import { readDraw } from '../inspections/draws';
import { openKeyRing } from '../inspections/keys';
import { tempConfig } from '../../../tests/fixtures/inspections';
import { checkDraw } from '@sunlight/verify/draw';
import { seedContent } from './seed';
import { SAMPLE_SUBJECT_CREATOR } from './sample-feedback';
import { assess } from '../supervision/assessment';
import { computeAlerts } from '../supervision/alerts';
import { overview } from '../supervision/overview';
import { addDays as addChinaDays, makePeriod } from '../supervision/period';
import { publicSatisfaction } from '../supervision/satisfaction';
import { supervisionSettings } from '../supervision/settings';
import { addDaysIso, shiftContent, shiftValue, weeksShift } from './shift-dates';

const SAMPLE = path.resolve(import.meta.dirname, '../../../content/sample');
/** content/sample/sample-clock.json */
const REFERENCE = '2026-11-01';

describe('shifting sample dates', () => {
  it('moves ISO dates, date-times (keeping time and offset) and dates in text, not identifiers', () => {
    const rec = {
      id: 'jc-2025-000001',
      decisionNo: '滨江罚〔2025〕0001号',
      decisionDate: '2025-12-30',
      createdAt: '2025-12-30T09:30:00+08:00',
      violationFacts: '经查，当事人于2025年12月3日在仓库作业。',
      nested: [{ at: '2024-02-28' }],
    };
    expect(shiftValue(rec, 7)).toEqual({
      id: 'jc-2025-000001',
      decisionNo: '滨江罚〔2025〕0001号',
      decisionDate: '2026-01-06',
      createdAt: '2026-01-06T09:30:00+08:00',
      violationFacts: '经查，当事人于2025年12月10日在仓库作业。',
      nested: [{ at: '2024-03-06' }],
    });
  });

  it('shifts by whole weeks, never past today and never backwards', () => {
    expect(weeksShift(REFERENCE, REFERENCE)).toBe(0);
    expect(weeksShift(REFERENCE, '2026-11-07')).toBe(0);
    expect(weeksShift(REFERENCE, '2026-11-08')).toBe(7);
    expect(weeksShift(REFERENCE, '2026-10-31')).toBe(0);
    const days = weeksShift(REFERENCE, '2028-02-29');
    expect(days % 7).toBe(0);
    expect(new Date(`${addDaysIso(REFERENCE, days)}T00:00:00Z`).getUTCDay()).toBe(
      new Date(`${REFERENCE}T00:00:00Z`).getUTCDay(),
    );
  });

  it('repeats annual caps for every year the shifted sample covers', () => {
    const caps = [2025, 2026].map((year) => ({ id: `cap-a-safety-${year}`, agencyId: 'a', field: '安全生产', year }));
    const shifted = shiftContent('inspection-caps.json', caps, 3 * 364) as { id: string; year: number }[];
    expect(shifted.map((c) => c.year)).toEqual([2027, 2028, 2029]);
    expect(shifted.map((c) => c.id)).toEqual(['cap-a-safety-2027', 'cap-a-safety-2028', 'cap-a-safety-2029']);
    // laws keep their own dates
    expect(shiftContent('laws.json', [{ adopted: '2021-01-22' }], 364)).toEqual([{ adopted: '2021-01-22' }]);
  });
});

/** A fresh install on each of these days (China noon): the sample must look alive on every one. */
const DAYS = [
  REFERENCE,
  addDaysIso(REFERENCE, 400),
  addDaysIso(REFERENCE, 3 * 365),
  '2028-02-29',
  addDaysIso(REFERENCE, 3),
];

describe.each(databaseKinds())('a fresh install of the sample on %s', (kind) => {
  describe.each(DAYS)('first started on %s', (day) => {
    const now = new Date(`${day}T12:00:00+08:00`);
    const temp = tempConfig();
    let tdb: TestDatabase;
    let db: Db;

    beforeAll(async () => {
      tdb = await createTestDatabase(kind);
      db = await tdb.open();
      await migrate(db);
      const keys = await openKeyRing(temp.config, db);
      const config = loadConfig({ SUNLIGHT_CONTENT_DIR: SAMPLE, SUNLIGHT_DATA_DIR: temp.config.dataDir });
      await seedContent(db, config, () => {}, { now, certificates: (tx, rows) => seedCertificates(tx, keys, rows) });
    });
    afterAll(async () => {
      await tdb?.dispose();
      temp.dispose();
    });

    it('shows at least 1,500 public decisions, none decided after today', async () => {
      const [row] = await db.query<{ public: number; future: number }>(
        `SELECT count(*) FILTER (WHERE status IN ${PUBLIC_STATUS_SQL})::int AS public,
                count(*) FILTER (WHERE data->>'decisionDate' > $1)::int AS future FROM disclosures`,
        [day],
      );
      expect(row!.public).toBeGreaterThanOrEqual(1500);
      expect(row!.future).toBe(0);
    });

    it('has certificates in every status, several valid today, and inspections in progress today', async () => {
      const rows = await db.query<{ status: string; n: number }>(
        `SELECT CASE WHEN status IN ('valid', 'expired') AND valid_until <= $1 THEN 'expired' ELSE status END AS status,
                count(*)::int AS n FROM certificates GROUP BY 1`,
        [now],
      );
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      expect(Object.keys(by).sort()).toEqual(['expired', 'revoked', 'used', 'valid']);
      expect(by.valid).toBeGreaterThanOrEqual(20);
      // every sample certificate is signed and stored, numbered for its (shifted) year of issue
      expect(Object.values(by).reduce((a, b) => a + b, 0)).toBe(COUNTS.inspections);
      const [running] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inspections WHERE status = 'in_progress' AND window_start <= $1 AND window_end > $1`,
        [now],
      );
      expect(running!.n).toBeGreaterThanOrEqual(5);
    });

    it('has annual caps for this year', async () => {
      const year = Number(day.slice(0, 4));
      const [caps] = await db.query<{ data: { year: number }[] }>(
        `SELECT data FROM settings WHERE key = 'inspection-caps'`,
      );
      expect(caps!.data.some((c) => c.year === year)).toBe(true);
    });

    it('resolves every cited draw, drawn before the task and verifiable by the public check', async () => {
      const [dangling] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inspections i
         WHERE i.data->>'drawId' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM draws d WHERE d.id = i.data->>'drawId')`,
      );
      expect(dangling!.n).toBe(0);
      const [late] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inspections i JOIN draws d ON d.id = i.data->>'drawId'
         WHERE d.revealed_at > (i.data->>'createdAt')::timestamptz OR d.created_at > $1`,
        [now],
      );
      expect(late!.n).toBe(0);
      const [one] = await db.query<{ id: string }>(
        `SELECT data->>'drawId' AS id FROM inspections WHERE data ? 'drawId' LIMIT 1`,
      );
      const draw = await readDraw(db, one!.id);
      expect(draw?.status).toBe('revealed');
      const check = checkDraw({ ...draw!, seed: draw!.seed!, result: draw!.result! });
      expect(check).toMatchObject({ commitmentMatches: true, inputsHashMatches: true, resultMatches: true });
    });

    it('has check-ins and evaluations by the inspected businesses, all in the past', async () => {
      const [row] = await db.query<{ checkins: number; evaluations: number; future: number; strangers: number }>(
        `SELECT (SELECT count(*)::int FROM checkins) AS checkins,
                (SELECT count(*)::int FROM evaluations) AS evaluations,
                (SELECT count(*)::int FROM evaluations WHERE created_at > $1)
                  + (SELECT count(*)::int FROM checkins WHERE created_at > $1) AS future,
                -- every one spoken by a sample identity of the inspected enterprise itself
                (SELECT count(*)::int FROM evaluations e
                   JOIN certificates c ON c.certificate_no = e.certificate_no
                   JOIN inspections i ON i.id = c.inspection_id
                   LEFT JOIN business_subjects s ON s.id = e.subject_id
                  WHERE s.id IS NULL OR s.credit_code <> i.enterprise_credit_code OR s.created_by <> $2)
                + (SELECT count(*)::int FROM checkins k
                   JOIN certificates c ON c.certificate_no = k.certificate_no
                   JOIN inspections i ON i.id = c.inspection_id
                   LEFT JOIN business_subjects s ON s.id = k.subject_id
                  WHERE s.id IS NULL OR s.credit_code <> i.enterprise_credit_code) AS strangers`,
        [now, SAMPLE_SUBJECT_CREATOR],
      );
      expect(row!.checkins).toBeGreaterThanOrEqual(300);
      expect(row!.evaluations).toBeGreaterThanOrEqual(300);
      expect(row!.future).toBe(0);
      expect(row!.strangers).toBe(0);
      // nobody holds a sample business's device credential after the load
      const [live] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM business_credentials k JOIN business_subjects s ON s.id = k.subject_id
         WHERE s.created_by = $1 AND k.revoked_at IS NULL`,
        [SAMPLE_SUBJECT_CREATOR],
      );
      expect(live!.n).toBe(0);
    });

    it('gives the last twelve months real satisfaction and check-in figures, better and worse agencies apart', async () => {
      const period = makePeriod(addChinaDays(day, -364), day);
      const settings = await supervisionSettings(db);
      const o = await overview(db, period);
      expect(o.totals.checkins).toBeGreaterThanOrEqual(100);
      expect(o.totals.evaluations).toBeGreaterThanOrEqual(100);
      expect(o.totals.checkinsWithoutCredentials).toBeGreaterThan(0);
      expect(o.totals.evaluationsWithProblems).toBeGreaterThan(0);
      const alerts = await computeAlerts(db, period, settings.alerts, now);
      const scores = await assess(db, period, settings, alerts, now);
      const rated = scores.flatMap((s) => s.components.filter((c) => c.component === 'evaluation' && c.value !== null));
      expect(rated.length).toBeGreaterThanOrEqual(10);
      const values = rated.map((c) => c.value!);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.25);
      // the public figures (final evaluations, whole batches of 5) for this year or, early in a year, the last
      const year = Number(day.slice(0, 4));
      const shown = await Promise.all([year, year - 1].map((y) => publicSatisfaction(db, y, undefined, now)));
      expect(Math.max(...shown.map((s) => s.agencies.length))).toBeGreaterThanOrEqual(5);
    });
  });

  it('keeps the shift of the first start on later starts', async () => {
    const tdb = await createTestDatabase(kind);
    const temp = tempConfig();
    try {
      const db = await tdb.open();
      await migrate(db);
      const config = loadConfig({ SUNLIGHT_CONTENT_DIR: SAMPLE, SUNLIGHT_DATA_DIR: temp.config.dataDir });
      await seedContent(db, config, () => {}, { now: new Date('2027-03-10T12:00:00+08:00') });
      const first = await db.query<{ data: unknown }>(`SELECT data FROM settings WHERE key = 'sample-clock'`);
      await db.query(`DELETE FROM content_loads WHERE kind = 'inspections.ndjson'`);
      await seedContent(db, config, () => {}, { now: new Date('2029-01-01T12:00:00+08:00') });
      expect(await db.query(`SELECT data FROM settings WHERE key = 'sample-clock'`)).toEqual(first);
      expect(first[0]!.data).toMatchObject({ referenceDate: REFERENCE, shiftDays: 126, firstSeededOn: '2027-03-10' });
    } finally {
      await tdb.dispose();
      temp.dispose();
    }
  });
});
