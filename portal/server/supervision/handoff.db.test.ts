import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cst, loadSupervisionFixture } from '../../../tests/fixtures/supervision';
import { databaseKinds, openMigratedTestDatabase, type TestDatabase } from '../../../tests/helpers/databases';
import type { Db } from '../db/types';
import { fileReport, readReceipt, replyToReports } from '../reports/store';
import { createSupervisor, type Supervisor } from './accounts';
import { listAudit } from './audit';
import { auditDetailText } from './audit-text';
import { createCase, getCase, transitionCase, updateCase, type Actor } from './cases';
import {
  agencyCases,
  agencyCaseView,
  agencyReply,
  caseEvidence,
  handoffDraft,
  handOff,
  reviewReply,
  type AgencyActor,
} from './handoff';
import { createWorkingCalendar } from '@sunlight/domain/working-days';

/** The national calendar without local additions (July 2026 has no holiday). */
const CALENDAR = createWorkingCalendar();

/**
 * Hand-off of work orders to agency accounts, written as the agency would try it: read another
 * agency's order, read an order not handed over, learn who reported from anything it is shown, reply
 * twice from two tabs. And the supervisor's side: hand-off, return, accept, every step audited.
 */

// 2026-07-03 is a Friday: five working days later is Friday 2026-07-10.
const NOW = cst('2026-07-03T10:00:00');
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const SUPERVISOR: Actor = { username: 'zhang.wei', role: 'supervisor', ip: '192.0.2.7' };
const CONTACT = '13912345678';
const PASSWORD = 'handoff test passphrase 2026';

const chunk = (type: string, data: Uint8Array) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([head, typed, crc]);
};
/** A one-pixel PNG with a text chunk naming its author: the text must not be stored. */
const pngWithAuthor = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('tEXt', Buffer.from('Author\0Officer Wang 13800000000', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', new Uint8Array()),
  ]);

describe.each(databaseKinds())('work orders handed to agencies on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let market: AgencyActor;
  let safety: AgencyActor;

  const account = async (username: string, role: Supervisor['role'], agencyId?: string) => {
    const r = await createSupervisor(db, { username, password: PASSWORD, role, ...(agencyId ? { agencyId } : {}) });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const actorOf = (s: Supervisor): AgencyActor => ({
    username: s.username,
    role: s.role,
    ip: '198.51.100.9',
    agencyId: s.agencyId,
  });

  /** A report filed against the market regulator, with the reporter's phone number: its work order. */
  const reportedCase = async () => {
    const filed = await fileReport(
      db,
      {
        clientId: randomUUID(),
        kind: 'no_code',
        agencyId: 'market',
        occurredAt: '2026-07-02T09:30:00+08:00',
        place: '示例路1号 示例超市',
        description: `检查人员进门没有出示执法证，也没有扫码。我是店主，电话 ${CONTACT}。${randomUUID()}`,
        contact: CONTACT,
      },
      { now: NOW, clientAddress: `10.9.0.${Math.floor(Math.random() * 250)}` },
    );
    if (!filed.ok) throw new Error(JSON.stringify(filed));
    const [row] = await db.query<{ case_id: string }>(`SELECT case_id FROM reports WHERE receipt = $1`, [
      filed.receipt.receipt,
    ]);
    return { receipt: filed.receipt.receipt, caseId: row!.case_id };
  };

  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await loadSupervisionFixture(db, 5);
    await account('zhang.wei', 'supervisor');
    await account('audit.qian', 'auditor');
    market = actorOf(await account('market.li', 'agency', 'market'));
    safety = actorOf(await account('safety.wu', 'agency', 'safety'));
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('an agency account is bound to exactly one published agency', async () => {
    expect(await createSupervisor(db, { username: 'nobody.x', password: PASSWORD, role: 'agency' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('--agency'),
    });
    expect(
      await createSupervisor(db, { username: 'ghost.x', password: PASSWORD, role: 'agency', agencyId: 'no-such' }),
    ).toMatchObject({ ok: false, message: expect.stringContaining('no-such') });
    expect(
      await createSupervisor(db, { username: 'sv.x', password: PASSWORD, role: 'supervisor', agencyId: 'market' }),
    ).toMatchObject({ ok: false });
    // the database itself refuses an agency account without an agency
    await expect(
      db.query(`INSERT INTO supervisors (id, username, role, password_hash) VALUES ('x1', 'raw.x', 'agency', 'h')`),
    ).rejects.toThrow();
  });

  it('supervisor → agency → returned → replied again → accepted → closed; the reporter sees progress only', async () => {
    const { receipt, caseId } = await reportedCase();
    expect((await readReceipt(db, receipt))!.status).toBe('received');
    const order = (await getCase(db, caseId, NOW))!;
    expect(order.description).toContain(receipt); // the supervisors' own record keeps it

    // The proposed instruction says what happened, not who said so.
    const draft = await handoffDraft(db, order);
    expect(draft).toContain('入企未亮码');
    expect(draft).not.toContain(receipt);
    expect(draft).not.toContain(CONTACT);

    // Refused hand-offs: receipt or contact in the text, another agency's account, a supervisor, 0 days.
    const tries = [
      { account: 'market.li', instruction: `${draft}\n回执：${receipt}`, workingDays: '5' },
      { account: 'market.li', instruction: `请联系反映人 139 1234 5678 核实`, workingDays: '5' },
      { account: 'safety.wu', instruction: draft, workingDays: '5' },
      { account: 'zhang.wei', instruction: draft, workingDays: '5' },
      { account: 'audit.qian', instruction: draft, workingDays: '5' },
      { account: 'market.li', instruction: draft, workingDays: '0' },
      { account: 'market.li', instruction: draft, workingDays: '2.5' },
    ];
    for (const t of tries) {
      const r = await handOff(db, caseId, t, SUPERVISOR, CALENDAR, NOW);
      expect(r, JSON.stringify(t)).toMatchObject({ ok: false, status: 422 });
    }
    // Nothing handed yet: the agency sees nothing and cannot reply.
    expect(await agencyCaseView(db, caseId, 'market', NOW)).toBeUndefined();
    expect(await agencyReply(db, caseId, { body: '已核查' }, market, NOW)).toMatchObject({ ok: false, status: 404 });

    const handed = await handOff(
      db,
      caseId,
      { account: 'market.li', instruction: draft, workingDays: '5' },
      SUPERVISOR,
      CALENDAR,
      NOW,
    );
    expect(handed).toMatchObject({
      ok: true,
      value: {
        status: 'verifying',
        assignee: 'market.li',
        handoff: { agencyId: 'market', deadline: '2026-07-10', state: 'handed', overdue: false },
      },
    });
    expect((await readReceipt(db, receipt))!.status).toBe('verifying');

    // Another agency: as if the order did not exist.
    expect(await agencyCaseView(db, caseId, 'safety', NOW)).toBeUndefined();
    expect((await agencyCases(db, 'safety', NOW)).map((c) => c.id)).not.toContain(caseId);
    expect(await agencyReply(db, caseId, { body: '不是我们' }, safety, NOW)).toMatchObject({ ok: false, status: 404 });

    // The market regulator sees the order, and nothing in it names or reaches the reporter.
    const seen = (await agencyCaseView(db, caseId, 'market', NOW))!;
    expect(seen).toMatchObject({ id: caseId, deadline: '2026-07-10', state: 'handed', instruction: draft });
    const shown = JSON.stringify([seen, await agencyCases(db, 'market', NOW)]);
    expect(shown).not.toContain(receipt);
    expect(shown).not.toContain(CONTACT);
    expect(shown).not.toContain('1391234');
    expect(seen).not.toHaveProperty('description');

    // No reply yet: nothing to review.
    expect(await reviewReply(db, caseId, { decision: 'accepted', text: '好' }, SUPERVISOR, NOW)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await agencyReply(db, caseId, { body: ' ' }, market, at(1))).toMatchObject({ ok: false, status: 422 });
    expect(
      await agencyReply(
        db,
        caseId,
        { body: '已核查', files: [{ bytes: Buffer.from('%PDF-1.4 not an image') }] },
        market,
        at(1),
      ),
    ).toMatchObject({ ok: false, status: 422, errors: [{ field: 'evidence' }] });

    const first = await agencyReply(
      db,
      caseId,
      { body: '经核查，当日检查人员已出示执法证。', files: [{ bytes: pngWithAuthor() }] },
      market,
      at(1),
    );
    expect(first).toMatchObject({ ok: true, value: { evidence: 1 } });
    const stored = (await caseEvidence(db, caseId, first.ok ? first.value.seq : 0, 1))!;
    expect(Buffer.from(stored.bytes).toString('latin1')).not.toContain('Officer Wang');
    expect(await caseEvidence(db, caseId, first.ok ? first.value.seq : 0, 1, 'safety')).toBeUndefined();
    // The same form sent again from a second tab: refused, not a second reply.
    expect(await agencyReply(db, caseId, { body: '经核查……' }, market, at(1))).toMatchObject({
      ok: false,
      status: 409,
    });
    // While a reply waits for review the order cannot be handed elsewhere.
    expect(
      await handOff(
        db,
        caseId,
        { account: 'market.li', instruction: draft, workingDays: '5' },
        SUPERVISOR,
        CALENDAR,
        at(1),
      ),
    ).toMatchObject({ ok: false, status: 409 });

    expect(await reviewReply(db, caseId, { decision: 'returned', text: '' }, SUPERVISOR, at(2))).toMatchObject({
      ok: false,
      status: 422,
    });
    const returned = await reviewReply(
      db,
      caseId,
      { decision: 'returned', text: '请提供执法记录仪视频截图。' },
      SUPERVISOR,
      at(2),
    );
    expect(returned).toMatchObject({ ok: true, value: { status: 'verifying', handoff: { state: 'returned' } } });
    expect((await agencyCaseView(db, caseId, 'market', at(2)))!.replies[0]).toMatchObject({
      review: 'returned',
      reviewText: '请提供执法记录仪视频截图。',
    });

    expect(
      await agencyReply(db, caseId, { body: '补充：执法记录仪截图显示未出示证件，已批评教育。' }, market, at(3)),
    ).toMatchObject({ ok: true });
    const accepted = await reviewReply(
      db,
      caseId,
      { decision: 'accepted', text: '反映属实，已责令整改。' },
      SUPERVISOR,
      at(4),
    );
    expect(accepted).toMatchObject({
      ok: true,
      value: { status: 'closed', resolution: '反映属实，已责令整改。', handoff: { state: 'accepted' } },
    });
    expect(await agencyReply(db, caseId, { body: '再补充' }, market, at(5))).toMatchObject({ ok: false, status: 409 });

    // The reporter: 已办结, and no word of the agency's internal reply until the supervisor's 回告.
    const closed = (await readReceipt(db, receipt))!;
    expect(closed.status).toBe('closed');
    expect(JSON.stringify(closed)).not.toContain('执法记录仪');
    expect(closed.reply).toBeNull();
    await replyToReports(db, caseId, '经核查，反映属实，已责令该局整改。', SUPERVISOR, at(5));
    expect((await readReceipt(db, receipt))!.reply).toBe('经核查，反映属实，已责令该局整改。');

    // Every step audited, and readable.
    const trail = (await listAudit(db, { targetType: 'case', targetId: caseId })).rows.reverse();
    expect(trail.map((r) => [r.action, r.actor])).toEqual([
      ['case.create', '公众反映'],
      ['case.handoff', 'zhang.wei'],
      ['case.agency-reply', 'market.li'],
      ['case.review', 'zhang.wei'],
      ['case.agency-reply', 'market.li'],
      ['case.review', 'zhang.wei'],
      ['case.reply', 'zhang.wei'],
    ]);
    const names = new Map([['market', '区市场监管局']]);
    const text = trail.map((r) => auditDetailText(r.action, r.detail, names));
    expect(text[1]).toContain('交办给 区市场监管局');
    expect(text[1]).toContain('状态：待处理 → 核查中');
    expect(text[1]).toContain('2026-07-10（5 个工作日）');
    expect(text[3]).toContain('退回理由：请提供执法记录仪视频截图。');
    expect(text[5]).toContain('状态：核查中 → 已办结');
    for (const t of text) expect(t).not.toMatch(/\b(from|to|decision|agencyId)=|[a-z]+=/);
  });

  it('an order of its own agency that was not handed over stays invisible; overdue replies are marked', async () => {
    const { caseId } = await reportedCase();
    expect(await agencyCaseView(db, caseId, 'market', NOW)).toBeUndefined();
    expect((await agencyCases(db, 'market', NOW)).map((c) => c.id)).not.toContain(caseId);

    const handed = await handOff(
      db,
      caseId,
      { account: 'market.li', instruction: '请核实并回复。', workingDays: '1' },
      SUPERVISOR,
      CALENDAR,
      NOW,
    );
    expect(handed).toMatchObject({ ok: true, value: { handoff: { deadline: '2026-07-06' } } });
    // Monday 6 July is the last day; Tuesday it is overdue, on both sides.
    expect((await agencyCaseView(db, caseId, 'market', cst('2026-07-06T17:00:00')))!.overdue).toBe(false);
    const late = cst('2026-07-07T09:00:00');
    expect((await agencyCaseView(db, caseId, 'market', late))!.overdue).toBe(true);
    expect((await getCase(db, caseId, late))!.handoff!.overdue).toBe(true);
    expect((await agencyCases(db, 'market', late)).find((c) => c.id === caseId)!.overdue).toBe(true);
  });

  it('a case for one agency cannot be handed to another; assignees are supervisor accounts', async () => {
    const made = await createCase(
      db,
      { title: '核查区应急管理局检查频次', description: '请核实。', agencyId: 'safety', assignee: '督查一组' },
      SUPERVISOR,
      undefined,
      NOW,
    );
    expect(made).toMatchObject({ ok: false, errors: [{ field: 'assignee' }] });
    const ok = await createCase(
      db,
      { title: '核查区应急管理局检查频次', description: '请核实。', agencyId: 'safety', assignee: 'zhang.wei' },
      SUPERVISOR,
      undefined,
      NOW,
    );
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    const id = ok.value.id;
    expect(await updateCase(db, id, { assignee: 'market.li' }, SUPERVISOR, NOW)).toMatchObject({
      ok: false,
      errors: [{ field: 'assignee', message: expect.stringContaining('交办') }],
    });
    expect(
      await handOff(
        db,
        id,
        { account: 'market.li', instruction: '请核实。', workingDays: '3' },
        SUPERVISOR,
        CALENDAR,
        NOW,
      ),
    ).toMatchObject({ ok: false, errors: [{ field: 'account', message: expect.stringContaining('区应急管理局') }] });
    // A closed order is not handed at all.
    await transitionCase(db, id, { to: 'dismissed', resolution: '重复立案' }, SUPERVISOR, NOW);
    expect(
      await handOff(
        db,
        id,
        { account: 'safety.wu', instruction: '请核实。', workingDays: '3' },
        SUPERVISOR,
        CALENDAR,
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 409 });
  });
});
