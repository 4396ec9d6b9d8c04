import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { cst, loadSupervisionFixture } from '../../../tests/fixtures/supervision';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { statistics } from '../catalogue/statistics';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { computeAlerts } from '../supervision/alerts';
import { getCase } from '../supervision/cases';
import { makePeriod } from '../supervision/period';
import { fileReport, readReceipt, REPORTS_PER_CLIENT_PER_DAY, replyToReports } from './store';

const report = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  kind: 'no_code',
  agencyId: 'market',
  occurredAt: '2026-05-10T09:30:00+08:00',
  place: '示例路1号',
  description: `检查人员进门没有出示执法证，也没有扫码。${randomUUID()}`,
  ...over,
});

describe.each(databaseKinds())('反映问题 on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  const NOW = cst('2026-05-10T12:00:00');
  let sender = 0;
  const file = (body: unknown, now = NOW) => fileReport(db, body, { now, clientAddress: `10.0.0.${++sender}` });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadSupervisionFixture(db, 10);
  });
  afterAll(async () => {
    await tdb.dispose();
  });

  it('a report opens a work order with a deadline for the agency; the receipt shows only progress', async () => {
    const r = await file(report({ contact: '13912345678', officer: '张三' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.status).toBe(201);
    const [row] = await db.query<{ case_id: string }>('SELECT case_id FROM reports WHERE receipt = $1', [
      r.receipt.receipt,
    ]);
    const order = await getCase(db, row!.case_id, NOW);
    expect(order).toMatchObject({ status: 'pending', agencyId: 'market', createdBy: '公众反映' });
    expect(order!.deadline! > '2026-05-10').toBe(true);
    expect(order!.description).not.toContain('13912345678');
    expect(JSON.stringify(await readReceipt(db, r.receipt.receipt))).not.toMatch(/13912345678|张三|没有出示/);
  });

  it('the same words sent again join the first work order; a flood from one sender stops at the daily limit', async () => {
    const body = report({ description: '同一件事：检查人员没有亮证，也没有出示电子检查证二维码。' });
    const a = await file(body);
    const b = await file({ ...body, clientId: randomUUID(), description: ` ${body.description}  ` });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const cases = await db.query<{ case_id: string; duplicate_of: string | null }>(
      'SELECT case_id, duplicate_of FROM reports WHERE receipt = ANY($1) ORDER BY received_at, receipt',
      [[a.receipt.receipt, b.receipt.receipt]],
    );
    expect(a.receipt.receipt).not.toBe(b.receipt.receipt);
    expect(cases.map((c) => c.duplicate_of).filter(Boolean)).toHaveLength(1);
    expect(new Set(cases.map((c) => c.case_id)).size).toBe(1);

    const address = '10.9.9.9';
    const results = [];
    for (let i = 0; i <= REPORTS_PER_CLIENT_PER_DAY; i++) {
      results.push(await fileReport(db, report(), { now: NOW, clientAddress: address }));
    }
    expect(results.slice(0, REPORTS_PER_CLIENT_PER_DAY).every((r) => r.ok)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, status: 429 });
    // A day later the same sender may report again.
    const later = await fileReport(db, report(), { now: new Date(NOW.getTime() + 86_400_001), clientAddress: address });
    expect(later.ok).toBe(true);
  });

  it('a time in the future or over a year ago, or an agency not on the list, is refused with the field named', async () => {
    for (const [over, field] of [
      [{ occurredAt: '2026-05-11T09:00:00+08:00' }, 'occurredAt'],
      [{ occurredAt: '2025-04-01T09:00:00+08:00' }, 'occurredAt'],
      [{ agencyId: 'nosuch' }, 'agencyId'],
    ] as const) {
      const r = await file(report(over));
      expect(r).toMatchObject({ ok: false, status: 422 });
      if (!r.ok && r.status === 422) expect(r.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('three 未亮码 reports against one agency within 30 days raise an alert; two do not; the alert never names the reporter', async () => {
    const period = makePeriod('2026-06-01', '2026-06-30');
    const rules = DEFAULT_SUPERVISION_SETTINGS.alerts;
    for (const day of ['2026-06-02', '2026-06-09']) {
      const ok = await file(
        report({ agencyId: 'ecology', occurredAt: `${day}T10:00:00+08:00`, contact: 'reporter@example.com' }),
        cst(`${day}T12:00:00`),
      );
      expect(ok.ok).toBe(true);
    }
    const two = (await computeAlerts(db, period, rules, cst('2026-06-30T12:00:00'))).filter(
      (a) => a.rule === 'reports',
    );
    expect(two.filter((a) => a.agencyIds.includes('ecology'))).toEqual([]);
    await file(report({ agencyId: 'ecology', occurredAt: '2026-06-20T10:00:00+08:00' }), cst('2026-06-20T12:00:00'));
    const three = (await computeAlerts(db, period, rules, cst('2026-06-30T12:00:00'))).filter(
      (a) => a.rule === 'reports' && a.agencyIds.includes('ecology'),
    );
    expect(three).toHaveLength(1);
    expect(three[0]!.records).toHaveLength(3);
    expect(JSON.stringify(three[0])).not.toContain('reporter@example.com');
  });

  it('the reply is redacted and reaches every report on the work order; statistics count each report once', async () => {
    const r = await file(
      report({ agencyId: 'market', kind: 'conduct', description: '检查人员态度恶劣，大声呵斥店员。' }),
    );
    if (!r.ok) throw new Error('not filed');
    const [row] = await db.query<{ case_id: string }>('SELECT case_id FROM reports WHERE receipt = $1', [
      r.receipt.receipt,
    ]);
    const replied = await replyToReports(
      db,
      row!.case_id,
      '已核实并批评教育。如有疑问请找联系人王五 13800138000。',
      { username: 'sv', role: 'supervisor' },
      NOW,
    );
    expect(replied).toMatchObject({ ok: true, replies: 1 });
    const shown = await readReceipt(db, r.receipt.receipt);
    expect(shown!.reply).not.toContain('13800138000');
    expect(shown!.reply).not.toContain('王五');

    const stats = await statistics(db, 2026, '2026-06-30', { fresh: true });
    const reports = stats.year!.reports;
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports WHERE duplicate_of IS NULL AND received_at >= '2026-01-01T00:00:00+08:00'`,
    )) as [{ n: number }];
    expect(reports.total).toBe(n);
    expect(reports.byKind.reduce((s, k) => s + k.n, 0)).toBe(n);
    expect(reports.byOutcome.reduce((s, k) => s + k.n, 0)).toBe(n);
    expect(reports.byKind.find((k) => k.kind === 'conduct')!.n).toBeGreaterThanOrEqual(1);
  });
});
