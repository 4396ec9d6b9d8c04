import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import {
  AGENCIES,
  cst,
  enterpriseCode,
  insertInspection,
  loadSupervisionFixture,
} from '../../../tests/fixtures/supervision';
import { statistics, statisticsCsvRows } from '../catalogue/statistics';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { computeAlerts, type Alert } from './alerts';
import { assess, type AgencyScore } from './assessment';
import { alertsByAgency } from './figures';
import { overview, type Overview } from './overview';
import { makePeriod } from './period';

/**
 * Issue 25, item 1: one definition per figure. Each figure is computed by the overview, the assessment,
 * the alerts, the public statistics (and its CSV) and by a direct count written here, per agency and
 * district-wide, and they must agree. The data is made to tempt a second definition: certificates marked
 * `used` without any check-in (what an agency's system can set), cancelled inspections, revoked
 * certificates, inspections still running, evaluations outside the period.
 */
describe.each(databaseKinds())('figures agree across pages on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  const period = makePeriod('2026-01-01', '2026-12-31');
  const NOW = cst('2026-12-31T20:00:00');
  let ov: Overview;
  let scores: AgencyScore[];
  let alerts: Alert[];
  let n = 1;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadSupervisionFixture(db, 400);
    const plan: [number, Parameters<typeof insertInspection>[1] extends infer S ? Partial<S> : never][] = [
      [5, { checkin: true }],
      // marked used by the agency, never checked in by the enterprise: NOT a check-in
      [3, { checkin: false, certificateStatus: 'used' }],
      [2, { checkin: false }],
      [1, { status: 'cancelled', checkin: false }],
      [1, { checkin: false, certificateStatus: 'revoked' }],
      [2, { checkin: true, evaluation: { ratings: { overall: 2, courtesy: 3 } } }],
      [1, { checkin: true, evaluation: { ratings: { overall: 4 } } }],
    ];
    for (const [i, a] of AGENCIES.entries()) {
      for (const [times, spec] of plan) {
        // uneven per agency, so a figure swapped between agencies shows
        for (let k = 0; k < times + (i % 3); k++) {
          const month = String(1 + ((k * 5 + i) % 11)).padStart(2, '0');
          await insertInspection(db, {
            agency: a.id,
            enterprise: enterpriseCode(n++),
            start: cst(`2026-${month}-1${k % 9}`),
            ...spec,
          });
        }
      }
      // still running at NOW (window ends after it): in the inspection count, not yet in the check-in rate
      await insertInspection(db, {
        agency: a.id,
        enterprise: enterpriseCode(n++),
        start: cst('2026-12-31T18:00:00'),
        hours: 24,
        checkin: false,
        status: 'in_progress',
      });
      // the year before: in no figure of the period
      await insertInspection(db, {
        agency: a.id,
        enterprise: enterpriseCode(n++),
        start: cst('2025-06-10'),
        checkin: true,
        evaluation: {},
      });
    }
    // a few certificates issued at night, so some agencies have alerts and others not
    await insertInspection(db, {
      agency: 'market',
      enterprise: enterpriseCode(n++),
      start: cst('2026-03-10'),
      issuedAt: cst('2026-03-08T23:10:00'),
    });
    await insertInspection(db, {
      agency: 'fire',
      enterprise: enterpriseCode(n++),
      start: cst('2026-10-12'),
      issuedAt: cst('2026-10-02T11:00:00'),
    });
    alerts = await computeAlerts(db, period, DEFAULT_SUPERVISION_SETTINGS.alerts, NOW);
    ov = await overview(db, period, undefined, NOW);
    scores = await assess(db, period, DEFAULT_SUPERVISION_SETTINGS, alerts, NOW);
  }, 240_000);
  afterAll(async () => {
    await tdb?.dispose();
  });

  const score = (id: string) => scores.find((s) => s.agencyId === id)!;
  const basis = (id: string, c: string) => score(id).components.find((x) => x.component === c)!.basis;

  /** The check-in rate counted directly: ended inspections with a row in checkins. */
  async function directParticipation(agency?: string) {
    const [r] = await db.query<{ ended: number; checked: number }>(
      `SELECT count(*)::int AS ended,
              count(*) FILTER (WHERE k.certificate_no IS NOT NULL)::int AS checked
       FROM inspections i
       JOIN certificates c ON c.inspection_id = i.id
       LEFT JOIN (SELECT DISTINCT certificate_no FROM checkins) k ON k.certificate_no = c.certificate_no
       WHERE i.status <> 'cancelled' AND c.status <> 'revoked'
         AND i.window_end >= $1 AND i.window_end < $2 AND i.window_end <= $3
         AND ($4::text IS NULL OR i.agency_id = $4)`,
      [period.start, period.end, NOW, agency ?? null],
    );
    return r!;
  }

  it('check-in rate: overview = assessment = direct count, per agency and district-wide; used ≠ checked in', async () => {
    let ended = 0;
    let checked = 0;
    for (const a of AGENCIES) {
      const direct = await directParticipation(a.id);
      const row = ov.agencies.find((x) => x.id === a.id)!;
      expect(row.participation).toEqual(direct);
      expect(basis(a.id, 'participation')).toContain(`${direct.checked}/${direct.ended} 次检查已登记`);
      // the 3+ certificates marked used without a check-in are not counted as checked in
      expect(direct.ended - direct.checked).toBeGreaterThanOrEqual(5);
      ended += direct.ended;
      checked += direct.checked;
    }
    expect(ov.totals.participation).toEqual({ ended, checked });
    expect(await directParticipation()).toEqual({ ended, checked });
    // a one-agency overview says the same as its row in the district overview
    const one = await overview(db, period, 'safety', NOW);
    expect(one.totals.participation).toEqual(ov.agencies.find((x) => x.id === 'safety')!.participation);
  });

  it('inspections: overview = public statistics = statistics CSV = direct count', async () => {
    const stats = (await statistics(db, 2026, '2026-12-31', { fresh: true })).year!;
    const csv = statisticsCsvRows(stats);
    let total = 0;
    for (const a of AGENCIES) {
      const [d] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inspections WHERE agency_id = $1 AND status <> 'cancelled'
           AND window_start >= $2 AND window_start < $3`,
        [a.id, period.start, period.end],
      );
      const row = ov.agencies.find((x) => x.id === a.id)!;
      expect(row.inspections).toBe(d!.n);
      expect(stats.byAgency.find((x) => x.id === a.id)!.inspections).toBe(d!.n);
      expect(csv.find((r) => r[1] === '执法主体' && r[2] === a.name)![3]).toBe(d!.n);
      total += d!.n;
    }
    expect(ov.totals.inspections).toBe(total);
    expect(stats.totals.inspections).toBe(total);
    expect(csv.find((r) => r[1] === '合计')![3]).toBe(total);
  });

  it('evaluations: overview = assessment = direct count, with the same averages', async () => {
    let total = 0;
    for (const a of AGENCIES) {
      const [d] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM evaluations WHERE agency_id = $1 AND created_at >= $2 AND created_at < $3`,
        [a.id, period.start, period.end],
      );
      const row = ov.agencies.find((x) => x.id === a.id)!;
      expect(row.evaluations).toBe(d!.n);
      const b = basis(a.id, 'evaluation');
      const m = /（(\d+) 条评价）|（(\d+) 条）/.exec(b);
      expect(Number(m?.[1] ?? m?.[2])).toBe(d!.n);
      total += d!.n;
    }
    expect(ov.totals.evaluations).toBe(total);
  });

  it('alerts: the assessment counts exactly the alerts naming each agency', () => {
    const by = alertsByAgency(alerts);
    expect(by.get('market')).toBeGreaterThan(0);
    expect(by.get('fire')).toBeGreaterThan(0);
    for (const a of AGENCIES) {
      const direct = alerts.filter((x) => x.agencyIds.includes(a.id)).length;
      expect(by.get(a.id) ?? 0).toBe(direct);
      expect(basis(a.id, 'alerts')).toContain(`${direct} 条预警`);
    }
  });
});
