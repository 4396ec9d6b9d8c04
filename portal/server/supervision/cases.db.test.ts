import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { databaseKinds, openMigratedTestDatabase, type TestDatabase } from '../../../tests/helpers/databases';
import type { Db } from '../db/types';
import { createSupervisor } from './accounts';
import { computeAlerts } from './alerts';
import { listAudit } from './audit';
import {
  addNote,
  caseNotes,
  casesForAlerts,
  createCase,
  getCase,
  listCases,
  overdueByAgency,
  transitionCase,
  updateCase,
  type Actor,
} from './cases';
import { cst, enterpriseCode, insertInspection, loadSupervisionFixture } from '../../../tests/fixtures/supervision';
import { makePeriod } from './period';

const SUPERVISOR: Actor = { username: 'zhang.wei', role: 'supervisor', ip: '192.0.2.7' };
const NOW = cst('2026-07-01T10:00:00');
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe.each(databaseKinds())('work orders on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await loadSupervisionFixture(db, 20);
    for (const username of ['li.hecha', 'wang.hecha']) {
      const r = await createSupervisor(db, { username, password: 'case test passphrase 2026', role: 'supervisor' });
      expect(r.ok).toBe(true);
    }
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  const trail = async (id: string) =>
    (await listAudit(db, { targetType: 'case', targetId: id })).rows.reverse().map((r) => ({
      action: r.action,
      actor: r.actor,
      detail: r.detail,
    }));

  it('opens a case from an alert with a snapshot of its records, and follows it 待处理 → 核查中 → 已办结', async () => {
    const e = enterpriseCode(1);
    for (const d of ['2026-05-04', '2026-05-08', '2026-05-14']) {
      await insertInspection(db, { agency: 'market', enterprise: e, start: cst(d), checkin: true });
    }
    const [alert] = (
      await computeAlerts(db, makePeriod('2026-01-01', '2026-06-30'), DEFAULT_SUPERVISION_SETTINGS.alerts, NOW)
    ).filter((a) => a.rule === 'frequent');
    expect(alert).toBeDefined();
    const created = await createCase(
      db,
      { title: alert!.title, description: '请核实是否重复检查。', assignee: 'li.hecha', deadline: '2026-07-15' },
      SUPERVISOR,
      alert,
      NOW,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const c = created.value;
    expect(c).toMatchObject({
      id: expect.stringMatching(/^GD-2026-\d{6}$/),
      status: 'pending',
      agencyId: 'market',
      enterpriseCreditCode: e,
      alertKey: alert!.key,
      alertRule: 'frequent',
      assignee: 'li.hecha',
      deadline: '2026-07-15',
      createdBy: 'zhang.wei',
      overdue: false,
    });
    expect(c.alertSnapshot!.records).toHaveLength(3);
    expect((await casesForAlerts(db, [alert!.key])).get(alert!.key)).toEqual({ id: c.id, status: 'pending' });

    const verifying = await transitionCase(
      db,
      c.id,
      { to: 'verifying', resolution: '已联系企业了解情况' },
      SUPERVISOR,
      later(1),
    );
    expect(verifying).toMatchObject({ ok: true, value: { status: 'verifying' } });
    const note = await addNote(db, c.id, { body: '机关称系专项行动，需调阅审批材料。' }, SUPERVISOR, later(2));
    expect(note.ok).toBe(true);
    const moved = await updateCase(db, c.id, { assignee: 'wang.hecha', deadline: '2026-07-20' }, SUPERVISOR, later(3));
    expect(moved).toMatchObject({ ok: true, value: { assignee: 'wang.hecha', deadline: '2026-07-20' } });
    // 办结 needs a result
    expect(await transitionCase(db, c.id, { to: 'closed' }, SUPERVISOR, later(4))).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ field: 'resolution' }],
    });
    const closed = await transitionCase(
      db,
      c.id,
      { to: 'closed', resolution: '确属重复检查，已责令该局合并检查事项。' },
      SUPERVISOR,
      later(5),
    );
    expect(closed).toMatchObject({
      ok: true,
      value: {
        status: 'closed',
        resolution: '确属重复检查，已责令该局合并检查事项。',
        overdue: false,
        closedLate: false,
      },
    });
    // final: no more changes
    expect(await transitionCase(db, c.id, { to: 'verifying' }, SUPERVISOR, later(6))).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await updateCase(db, c.id, { assignee: '别人' }, SUPERVISOR, later(6))).toMatchObject({ ok: false });

    expect((await caseNotes(db, c.id)).map((n) => n.body)).toEqual([
      '已联系企业了解情况',
      '机关称系专项行动，需调阅审批材料。',
    ]);
    expect(await trail(c.id)).toEqual([
      {
        action: 'case.create',
        actor: 'zhang.wei',
        detail: expect.objectContaining({ alertKey: alert!.key, alertRule: 'frequent', records: 3 }),
      },
      {
        action: 'case.transition',
        actor: 'zhang.wei',
        detail: { from: 'pending', to: 'verifying', text: '已联系企业了解情况' },
      },
      {
        action: 'case.note',
        actor: 'zhang.wei',
        detail: expect.objectContaining({ text: '机关称系专项行动，需调阅审批材料。' }),
      },
      {
        action: 'case.update',
        actor: 'zhang.wei',
        detail: {
          before: { assignee: 'li.hecha', deadline: '2026-07-15' },
          after: { assignee: 'wang.hecha', deadline: '2026-07-20' },
        },
      },
      {
        action: 'case.transition',
        actor: 'zhang.wei',
        detail: { from: 'verifying', to: 'closed', text: '确属重复检查，已责令该局合并检查事项。' },
      },
    ]);
    const entries = (await listAudit(db, { targetType: 'case', targetId: c.id })).rows;
    expect(entries.every((r) => r.ip === '192.0.2.7' && r.role === 'supervisor')).toBe(true);
  });

  it('不予处理 needs a reason; skipping 核查中 straight to 已办结 is refused', async () => {
    const c = await createCase(
      db,
      { title: '手工立案', description: '群众来信反映检查过多。' },
      SUPERVISOR,
      undefined,
      NOW,
    );
    if (!c.ok) throw new Error('not created');
    expect(c.value).toMatchObject({ alertKey: null, agencyId: null, status: 'pending' });
    expect(
      await transitionCase(db, c.value.id, { to: 'closed', resolution: '直接办结' }, SUPERVISOR, NOW),
    ).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await transitionCase(db, c.value.id, { to: 'dismissed' }, SUPERVISOR, NOW)).toMatchObject({
      ok: false,
      errors: [{ field: 'resolution', message: '请填写不予处理的理由' }],
    });
    expect(await transitionCase(db, c.value.id, { to: 'nonsense' }, SUPERVISOR, NOW)).toMatchObject({ ok: false });
    const d = await transitionCase(
      db,
      c.value.id,
      { to: 'dismissed', resolution: '经核实为正常双随机抽查，不予处理。' },
      SUPERVISOR,
      NOW,
    );
    expect(d).toMatchObject({
      ok: true,
      value: { status: 'dismissed', resolution: '经核实为正常双随机抽查，不予处理。' },
    });
    expect(await trail(c.value.id)).toHaveLength(2);
  });

  it('refuses stale transitions (someone else moved the case first)', async () => {
    const c = await createCase(db, { title: '并发', description: '并发测试' }, SUPERVISOR, undefined, NOW);
    if (!c.ok) throw new Error('not created');
    await transitionCase(db, c.value.id, { to: 'verifying' }, SUPERVISOR, NOW);
    expect(
      await transitionCase(db, c.value.id, { to: 'verifying', expectedStatus: 'pending' }, SUPERVISOR, NOW),
    ).toMatchObject({ ok: false, status: 409 });
    expect(
      await transitionCase(
        db,
        c.value.id,
        { to: 'dismissed', resolution: '重复', expectedStatus: 'pending' },
        SUPERVISOR,
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 409 });
  });

  it('checks the fields of a new case', async () => {
    const r = await createCase(
      db,
      { title: '', description: 'x'.repeat(5000), deadline: '2026-06-01', agencyId: 'nowhere' },
      SUPERVISOR,
      undefined,
      NOW,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['agencyId', 'deadline', 'description', 'title']);
    expect(
      await createCase(db, { title: 't', description: 'd', deadline: '2026-02-30' }, SUPERVISOR, undefined, NOW),
    ).toMatchObject({
      ok: false,
      errors: [{ field: 'deadline' }],
    });
  });

  it('highlights overdue cases and counts them per agency', async () => {
    const c = await createCase(
      db,
      { title: '超期工单', description: '测试超期', agencyId: 'fire', deadline: '2026-07-03' },
      SUPERVISOR,
      undefined,
      NOW,
    );
    if (!c.ok) throw new Error('not created');
    expect((await getCase(db, c.value.id, later(1)))!.overdue).toBe(false);
    expect((await getCase(db, c.value.id, later(3)))!.overdue).toBe(true);
    const list = await listCases(db, { overdue: true }, later(3));
    expect(list.items.map((x) => x.id)).toEqual([c.value.id]);
    expect(list.overdue).toBe(1);
    const all = await listCases(db, {}, later(3));
    expect(all.items[0]!.id).toBe(c.value.id); // open and overdue first
    const counts = await overdueByAgency(db, cst('2026-07-01T00:00:00'), cst('2026-08-01T00:00:00'), later(3));
    expect(counts.get('fire')).toBe(1);
    // closed late stays on record as closed late
    await transitionCase(db, c.value.id, { to: 'verifying' }, SUPERVISOR, later(4));
    const closed = await transitionCase(db, c.value.id, { to: 'closed', resolution: '已整改' }, SUPERVISOR, later(5));
    expect(closed).toMatchObject({ ok: true, value: { overdue: false, closedLate: true } });
    const after = await overdueByAgency(db, cst('2026-07-01T00:00:00'), cst('2026-08-01T00:00:00'), later(6));
    expect(after.get('fire')).toBe(1);
  });

  it('nothing is deleted: cases and notes refuse DELETE and notes refuse UPDATE', async () => {
    const [c] = await db.query<{ id: string }>(`SELECT id FROM supervision_cases LIMIT 1`);
    await expect(db.query(`DELETE FROM supervision_cases WHERE id = $1`, [c!.id])).rejects.toThrow(/not allowed/);
    await expect(db.query(`DELETE FROM supervision_case_notes`)).rejects.toThrow(/not allowed/);
    await expect(db.query(`UPDATE supervision_case_notes SET body = 'changed'`)).rejects.toThrow(/not allowed/);
    await expect(db.query(`TRUNCATE supervision_cases CASCADE`)).rejects.toThrow(/not allowed/);
  });
});
