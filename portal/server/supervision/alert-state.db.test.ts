import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { cst, enterpriseCode, insertInspection, loadSupervisionFixture } from '../../../tests/fixtures/supervision';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { computeAlerts, type Alert } from './alerts';
import { alertStates, countedAlerts, openFirst } from './alerts/state';
import { assess } from './assessment';
import { listAudit } from './audit';
import { createCase, transitionCase, type Actor } from './cases';
import { makePeriod } from './period';

/**
 * Issue 25, item 3, written as the agency that gains from a wrong ranking: a small agency must not rank
 * first on raw alert counts, an alert the supervisor dismissed as unfounded must stop counting (and stay
 * in the audit log), closed alerts move out of the way, and an alert on an inspection whose case is
 * settled shows that case, not 未立案.
 */
describe.each(databaseKinds())('alert state and fair counting on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  const period = makePeriod('2026-01-01', '2026-06-30');
  const NOW = cst('2026-07-01T12:00:00');
  const actor: Actor = { username: 'supervisor.one', role: 'supervisor', ip: '198.51.100.4' };
  const settings = DEFAULT_SUPERVISION_SETTINGS;
  let n = 1;
  let alerts: Alert[];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadSupervisionFixture(db, 300);
    // 区市场监管局: 60 inspections, 3 issued at night (3 alerts: 5 per 100 inspections).
    // Issued on ordinary March weekdays at 09:00 (no holiday in March 2026), except three at night.
    const weekdays = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27];
    for (let k = 0; k < 60; k++) {
      const day = `2026-03-${String(weekdays[k % 20]).padStart(2, '0')}`;
      await insertInspection(db, {
        agency: 'market',
        enterprise: enterpriseCode(n++),
        start: cst(`${day}T10:00:00`),
        issuedAt: k < 3 ? cst(`2026-03-0${k + 2}T22:30:00`) : cst(`${day}T09:00:00`),
        approver: k < 3 ? `夜审${k}` : '日审',
      });
    }
    // 青石街道: 3 inspections, 1 issued at night: fewest alerts, but 33 per 100 inspections.
    for (let k = 0; k < 3; k++)
      await insertInspection(db, {
        agency: 'qingshi',
        enterprise: enterpriseCode(n++),
        start: cst(`2026-03-1${k}`),
        ...(k === 0 ? { issuedAt: cst('2026-03-05T23:00:00') } : {}),
      });
    alerts = await computeAlerts(db, period, settings.alerts, NOW);
  }, 240_000);
  afterAll(async () => {
    await tdb?.dispose();
  });

  const alertsComponent = async (id: string, list = alerts) =>
    (await assess(db, period, settings, list, NOW))
      .find((s) => s.agencyId === id)!
      .components.find((c) => c.component === 'alerts')!;

  it('weighs alerts per 100 inspections, and does not score an agency with too few inspections', async () => {
    const market = await alertsComponent('market');
    expect(market.basis).toContain('3 条预警 / 60 次检查，每百次 5 条');
    expect(market.value).toBeCloseTo(0.5);
    const small = await alertsComponent('qingshi');
    // 1 raw alert would have scored 0.9 and ranked it above market; per inspection it is no data
    expect(small.value).toBeNull();
    expect(small.basis).toContain('检查不足 20 次（3 次）');
  });

  it('an alert dismissed as unfounded (不予处理, with a reason) stops counting and stays in the audit log', async () => {
    const night = alerts.find((a) => a.rule === 'offHours' && a.agencyIds[0] === 'market')!;
    const opened = await createCase(
      db,
      { title: night.title, description: night.detail, deadline: '2026-07-31' },
      actor,
      night,
      NOW,
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const dismissed = await transitionCase(
      db,
      opened.value.id,
      { to: 'dismissed', resolution: '经核实为夜间突发事故的紧急检查，审批有据' },
      actor,
      NOW,
    );
    expect(dismissed).toMatchObject({ ok: true });
    expect((await countedAlerts(db, alerts)).map((a) => a.key)).not.toContain(night.key);
    expect((await alertsComponent('market')).basis).toContain('2 条预警 / 60 次检查');
    const trail = (await listAudit(db, { targetType: 'case', targetId: opened.value.id })).rows;
    expect(JSON.stringify(trail)).toContain('经核实为夜间突发事故的紧急检查');

    // settled alerts go to the end of the list; open ones keep their order
    const states = await alertStates(db, alerts);
    const ordered = openFirst(alerts, states);
    expect(ordered.at(-1)!.key).toBe(night.key);
    expect(ordered.slice(0, -1).map((a) => a.key)).toEqual(alerts.filter((a) => a.key !== night.key).map((a) => a.key));
  });

  it('an alert on an inspection whose case is settled shows that case, not 未立案', async () => {
    const e = enterpriseCode(n++);
    // no check-in on an inspection that also raises a night-issue alert
    await insertInspection(db, {
      agency: 'fire',
      enterprise: e,
      start: cst('2026-04-14'),
      checkin: false,
      issuedAt: cst('2026-04-12T21:00:00'),
    });
    const list = await computeAlerts(db, period, settings.alerts, NOW);
    const noCheckin = list.find((a) => a.rule === 'noCheckin' && a.enterpriseCreditCode === e)!;
    const night = list.find(
      (a) => a.rule === 'offHours' && a.agencyIds[0] === 'fire' && a.title.includes('2026年4月12日'),
    )!;
    expect(noCheckin.records[0]).toMatchObject({ note: '检查结束后企业未扫码登记' });
    const opened = await createCase(
      db,
      { title: noCheckin.title, description: noCheckin.detail, deadline: '2026-07-31' },
      actor,
      noCheckin,
      NOW,
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    await transitionCase(db, opened.value.id, { to: 'verifying' }, actor, NOW);
    await transitionCase(db, opened.value.id, { to: 'closed', resolution: '已责令整改' }, actor, NOW);
    const states = await alertStates(db, list);
    expect(states.get(noCheckin.key)).toMatchObject({ via: 'alert', status: 'closed', caseId: opened.value.id });
    // the night-issue alert names no inspection (certificate records carry the inspection id), so it shows the case
    expect(states.get(night.key)).toMatchObject({ via: 'inspection', status: 'closed', caseId: opened.value.id });
    // a case on a related inspection does not dismiss the other alert: it still counts
    expect((await countedAlerts(db, list)).map((a) => a.key)).toContain(night.key);
  });
});
