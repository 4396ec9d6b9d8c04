import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { computeAlerts, type Alert } from './alerts';
import { listAudit } from './audit';
import { casesForAlerts, createCase, getCase, transitionCase, type Actor } from './cases';
import { makePeriod } from './period';
import { plantAbuse, type PlantedCase, type PlantedSet } from '../../../tests/fixtures/planted';

/**
 * Done-when of issue 9: in a generated data set with planted abuse, a supervisor finds every planted
 * case from the alerts alone — and nothing in the ordinary inspections around them — and follows each
 * through a work order to closure.
 */
describe.each(databaseKinds())('planted abuse in a generated data set on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let set: PlantedSet;
  let alerts: Alert[];
  const actor: Actor = { username: 'supervisor.one', role: 'supervisor', ip: '198.51.100.4' };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    set = await plantAbuse(db);
    alerts = await computeAlerts(db, makePeriod(set.from, set.to), DEFAULT_SUPERVISION_SETTINGS.alerts, set.now);
  }, 300_000);
  afterAll(async () => {
    await tdb?.dispose();
  });

  const recordIds = (a: Alert) =>
    new Set(
      a.records.flatMap((r) => [
        ...('inspectionId' in r ? [r.inspectionId] : []),
        ...('certificateNo' in r && r.certificateNo ? [r.certificateNo] : []),
      ]),
    );
  const matches = (a: Alert, p: PlantedCase) => {
    if (a.rule !== p.rule) return false;
    if (p.enterpriseCreditCode && a.enterpriseCreditCode !== p.enterpriseCreditCode) return false;
    if (!p.agencyIds.every((id) => a.agencyIds.includes(id))) return false;
    const ids = recordIds(a);
    return [...p.inspectionIds, ...p.certificateNos].every((id) => ids.has(id));
  };

  it('is a realistic set: hundreds of ordinary inspections around the planted ones', () => {
    expect(set.background).toBeGreaterThan(200);
    expect(new Set(set.planted.map((p) => p.rule)).size).toBe(8);
  });

  it('the alerts find every planted case, with the records behind it', () => {
    for (const p of set.planted) {
      const found = alerts.filter((a) => matches(a, p));
      expect(found, `not found: ${p.description}`).toHaveLength(1);
    }
  });

  it('and nothing else: the ordinary inspections raise no alert', () => {
    const explained = alerts.filter((a) => set.planted.some((p) => matches(a, p)));
    expect(alerts.filter((a) => !explained.includes(a)).map((a) => a.title)).toEqual([]);
    expect(alerts).toHaveLength(set.planted.length);
  });

  it('the repeatedly inspected gas company shows up as over the cap and as repeat inspections', () => {
    const gas = set.planted.find((p) => p.rule === 'cap')!.enterpriseCreditCode;
    const rules = alerts
      .filter((a) => a.enterpriseCreditCode === gas)
      .map((a) => a.rule)
      .sort();
    expect(rules).toEqual(['cap', 'frequent']);
  });

  it('the 多头检查 alert suggests a joint inspection led by one of the agencies', () => {
    const a = alerts.find((x) => x.rule === 'multiAgency')!;
    expect(a.suggestion).toMatch(/牵头.*联合检查/);
    expect(a.agencyIds).toHaveLength(4);
  });

  it('each planted case can be followed through a work order to closure, every step audited', async () => {
    for (const p of set.planted) {
      const alert = alerts.find((a) => matches(a, p))!;
      const opened = await createCase(
        db,
        {
          title: alert.title,
          description: `${alert.detail}\n${alert.suggestion}`,
          assignee: '',
          deadline: '2026-07-31',
        },
        actor,
        alert,
        set.now,
      );
      if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
      const id = opened.value.id;
      expect(await transitionCase(db, id, { to: 'verifying' }, actor, set.now)).toMatchObject({ ok: true });
      expect(
        await transitionCase(
          db,
          id,
          { to: 'closed', resolution: `已核实并责令整改：${p.description}` },
          actor,
          set.now,
        ),
      ).toMatchObject({ ok: true });
      expect(await getCase(db, id, set.now)).toMatchObject({ status: 'closed', alertKey: alert.key });
      const trail = (await listAudit(db, { targetType: 'case', targetId: id })).rows.map((r) => r.action).reverse();
      expect(trail).toEqual(['case.create', 'case.transition', 'case.transition']);
    }
    const linked = await casesForAlerts(
      db,
      alerts.map((a) => a.key),
    );
    expect([...linked.values()].every((c) => c.status === 'closed')).toBe(true);
    expect(linked.size).toBe(alerts.length);
  });
});
