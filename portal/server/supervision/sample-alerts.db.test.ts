import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, todayInChina } from '@sunlight/domain/china-time';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/databases';
import { tempConfig } from '../../../tests/fixtures/inspections';
import { loadConfig } from '../config';
import { seedContent } from '../content/seed';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { seedCertificates } from '../inspections/certificates';
import { openKeyRing } from '../inspections/keys';
import { ALERT_RULES, computeAlerts, type Alert } from './alerts';
import { assess } from './assessment';
import { addDays, makePeriod } from './period';
import { supervisionSettings } from './settings';

const SAMPLE = path.resolve(import.meta.dirname, '../../../content/sample');

/**
 * Issue 25, item 7: a supervisor who installs the portal today — or any other day — finds every kind of alert
 * in the last 30 days (今日待办's window), each true of the sample's records, and evaluation figures for most
 * agencies. Today, and a first start 403 days later (another year, another weekday, another holiday season).
 */
describe.each([
  ['today', 0],
  ['403 days from today', 403],
])('the sample installed %s', (_label, laterDays) => {
  let tdb: TestDatabase;
  let db: Db;
  let temp: ReturnType<typeof tempConfig>;
  let alerts: Alert[];
  const now = new Date(Date.now() + laterDays * DAY_MS);
  const today = todayInChina(now);
  const last30 = makePeriod(addDays(today, -29), today);

  beforeAll(async () => {
    tdb = await createTestDatabase('PGlite');
    db = await tdb.open();
    await migrate(db);
    temp = tempConfig();
    const keys = await openKeyRing(temp.config, db);
    const config = loadConfig({ SUNLIGHT_CONTENT_DIR: SAMPLE, SUNLIGHT_DATA_DIR: temp.config.dataDir });
    await seedContent(db, config, () => {}, { now, certificates: (tx, rows) => seedCertificates(tx, keys, rows) });
    alerts = await computeAlerts(db, last30, (await supervisionSettings(db)).alerts, now);
  }, 300_000);
  afterAll(async () => {
    await tdb?.dispose();
    temp?.dispose();
  });

  it('fires every alert rule in the last 30 days', () => {
    const fired = new Set(alerts.map((a) => a.rule));
    expect(ALERT_RULES.filter((r) => !fired.has(r))).toEqual([]);
  });

  it('and each alert stands on records of the period', () => {
    for (const a of alerts) {
      expect(a.records.length, a.title).toBeGreaterThan(0);
      expect(a.at.slice(0, 10) >= last30.from && a.at.slice(0, 10) <= today, `${a.title} at ${a.at}`).toBe(true);
    }
  });

  it('the impersonation attempt was refused by the write path: the agency could not rate its own inspection', async () => {
    const attempt = alerts.find((a) => a.rule === 'impersonation')!;
    const [cert] = attempt.records.filter((r) => r.type === 'proofFailure');
    expect(cert).toBeDefined();
    const certificateNo = (cert as { certificateNo: string }).certificateNo;
    const [evaluation] = await db.query<{ overall: number }>(
      `SELECT (ratings->>'overall')::int AS overall FROM evaluations WHERE certificate_no = $1`,
      [certificateNo],
    );
    // the business's own (low) rating stands; the impostor's full marks were never stored
    expect(evaluation?.overall).toBeLessThan(5);
  });

  it('most agencies have evaluation figures over the last 12 months', async () => {
    const settings = await supervisionSettings(db);
    const year = makePeriod(addDays(today, -364), today);
    const rows = await assess(db, year, settings, await computeAlerts(db, year, settings.alerts, now), now);
    const inspecting = rows.filter((r) => r.components.find((c) => c.component === 'participation')?.value !== null);
    const rated = inspecting.filter((r) => r.components.find((c) => c.component === 'evaluation')?.value !== null);
    expect(rated.length / inspecting.length).toBeGreaterThanOrEqual(0.75);
  });
});
