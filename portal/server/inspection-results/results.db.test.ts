import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import type { PublicInspectionResult } from '@sunlight/domain/schemas/inspection-result';
import { databaseKinds, openMigratedTestDatabase, type TestDatabase } from '../../../tests/helpers/databases';
import type { Db } from '../db/types';
import { storeDisclosure } from '../disclosures/store';
import { atomFeed } from '../opendata/atom';
import { changesSince, recentChanges } from '../opendata/changes';
import { resultExportStream } from './export';
import { allInspectionResults, listInspectionResults, lookupInspectionResult } from './read';
import { inspectionResultId, publishDueResults, recordInspectionResult, withdrawInspectionResult } from './store';

const DAY = 86_400_000;
const DELAY = 5;
const COMPANY = '91990116MA05TXT0XK';
const SHOP = '92990116MA05HXP1YK';
const SITE = 'https://sunlight.test';

/** A fixed moment; every step moves the clock forward from it. */
const T0 = new Date('2026-03-10T02:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe.each(databaseKinds())('inspection results on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let seq = 0;

  const inspection = async (id: string, agencyId: string, enterprise: string, status = 'in_progress', extra = {}) => {
    const data = {
      id,
      source: '双随机',
      agencyId,
      inspectorIds: [`insp-${agencyId}-1`, `insp-${agencyId}-2`],
      enterpriseCreditCode: enterprise,
      itemCodes: ['JCSX-000001', 'JCSX-000002'],
      windowStart: '2026-03-02T09:00:00+08:00',
      windowEnd: '2026-03-20T17:30:00+08:00',
      approver: '审批人',
      status,
      createdAt: '2026-03-01T09:00:00+08:00',
      drawId: 'draw-scjgj-2026-03',
      ...extra,
    };
    await db.query(
      `INSERT INTO inspections (id, agency_id, enterprise_credit_code, source, status, window_start, window_end, data)
       VALUES ($1, $2, $3, '双随机', $4, $5, $6, $7)`,
      [id, agencyId, enterprise, status, data.windowStart, data.windowEnd, data],
    );
  };

  const good = { result: '发现问题已责令改正', inspectedItemCodes: ['JCSX-000001'], completedOn: '2026-03-09' };
  const record = (id: string, body: unknown, agency = 'scjgj', now = T0) =>
    recordInspectionResult(db, id, agency, body, { now, delayDays: DELAY });

  /** Every public surface at once: page lookup, list, export (CSV and NDJSON), change feed and Atom. */
  const surfaces = async (now: Date) => {
    const events = await changesSince(db, 0, 1000);
    const atom = atomFeed(await recentChanges(db, 100), {
      site: SITE,
      self: `${SITE}/feeds/disclosures.atom`,
      title: 't',
      siteName: 's',
    });
    const csv = await readAll(resultExportStream(db, {}, 'csv', SITE));
    const ndjson = await readAll(resultExportStream(db, {}, 'ndjson', SITE));
    const list = await listInspectionResults(db, {}, 1, 100);
    void now;
    return { events, atom, csv, ndjson, list, all: JSON.stringify({ events, atom, csv, ndjson, list }) };
  };

  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await db.query(
      `INSERT INTO agencies (id, name, short_name, category, data) VALUES
         ('scjgj', '示例区市场监督管理局', '区市监局', 'C', '{}'),
         ('hbj', '示例区生态环境局', '区环境局', 'C', '{}')`,
    );
    await db.query(
      `INSERT INTO inspection_items (code, agency_id, field, data) VALUES
         ('JCSX-000001', 'scjgj', '市场监管', '{"name":"食品经营许可情况检查"}'),
         ('JCSX-000002', 'scjgj', '市场监管', '{"name":"明码标价情况检查"}'),
         ('JCSX-000009', 'hbj', '生态环境', '{"name":"排污许可执行情况检查"}')`,
    );
    await db.query(
      `INSERT INTO enterprises (credit_code, name, type, region, data) VALUES
         ($1, '示例味道餐饮有限公司', '企业', '海滨街道', '{"legalRepresentative":"欧阳明辉"}'),
         ($2, '李建国', '个体工商户', '海滨街道', '{"legalRepresentative":"李建国"}')`,
      [COMPANY, SHOP],
    );
    await db.query(`INSERT INTO settings (key, data) VALUES ('publication-rules', $1)`, [
      JSON.stringify(DEFAULT_PUBLICATION_RULES),
    ]);
    await inspection('jc-1', 'scjgj', COMPANY);
    await inspection('jc-2', 'scjgj', SHOP);
    await inspection('jc-3', 'hbj', COMPANY, 'in_progress', { itemCodes: ['JCSX-000009'] });
    await inspection('jc-4', 'scjgj', COMPANY, 'cancelled');
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('another agency cannot record, correct or withdraw a result of an inspection it does not own; nor of an unknown or cancelled one', async () => {
    const stolen = await record('jc-3', { ...good, inspectedItemCodes: ['JCSX-000009'] }, 'scjgj');
    expect(stolen).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await record('jc-none', good)).toMatchObject({ ok: false, kind: 'not-found' });
    expect(await record('jc-4', good)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await withdrawInspectionResult(db, 'jc-3', 'scjgj', { reason: '我想撤回别人的结果' }, T0)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inspection_results')) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('refuses items outside the task, a completion before the window or in the future, and results off the national vocabulary', async () => {
    const other = await record('jc-1', { ...good, inspectedItemCodes: ['JCSX-000009'] });
    expect(other).toMatchObject({ ok: false, kind: 'validation-failed' });
    expect(!other.ok && other.errors?.[0]?.field).toBe('inspectedItemCodes');
    const early = await record('jc-1', { ...good, completedOn: '2026-03-01' });
    expect(!early.ok && early.errors?.[0]?.field).toBe('completedOn');
    const future = await record('jc-1', { ...good, completedOn: '2026-03-11' });
    expect(!future.ok && future.errors?.[0]?.message).toContain('不能晚于今天');
    const vocabulary = await record('jc-1', { ...good, result: '合格' });
    expect(!vocabulary.ok && vocabulary.errors?.[0]?.field).toBe('result');
    expect(!vocabulary.ok && vocabulary.detail).toContain('发现问题已责令改正');
  });

  it('nothing is public before the delay; the job publishes it once the clock passes, on every surface', async () => {
    const first = await record('jc-1', { ...good, note: '现场发现价签不全，已责令改正。' });
    expect(first).toMatchObject({ ok: true, outcome: 'created', status: 'scheduled' });
    const id = inspectionResultId('jc-1');
    expect(id).toMatch(/^r[0-9a-z]{15}$/);
    expect(first.ok && first.publishAt).toBe(at(DELAY).toISOString());
    // The same submission again: idempotent.
    expect(await record('jc-1', { ...good, note: '现场发现价签不全，已责令改正。' }, 'scjgj', at(1))).toMatchObject({
      ok: true,
      outcome: 'unchanged',
    });

    for (const day of [0, 1, DELAY - 0.01]) {
      expect(await publishDueResults(db, at(day))).toEqual([]);
      expect(await lookupInspectionResult(db, id)).toEqual({ kind: 'missing' });
      const s = await surfaces(at(day));
      expect(s.list.total).toBe(0);
      expect(s.all).not.toContain(id);
      expect(s.all).not.toContain('价签');
    }
    // The task itself is completed at once (the agency's record), only publication waits.
    const [task] = await db.query<{ status: string; result: string }>(
      `SELECT status, data->>'result' AS result FROM inspections WHERE id = 'jc-1'`,
    );
    expect(task).toEqual({ status: 'completed', result: '发现问题已责令改正' });

    expect(await publishDueResults(db, at(DELAY))).toEqual([id]);
    expect(await publishDueResults(db, at(DELAY + 1))).toEqual([]);
    const found = await lookupInspectionResult(db, id);
    expect(found.kind).toBe('public');
    const pub = (found as { record: PublicInspectionResult }).record;
    expect(pub).toMatchObject({
      inspectionId: 'jc-1',
      taskName: '示例区市场监督管理局2026年3月“双随机、一公开”抽查',
      source: '双随机',
      agencyName: '示例区市场监督管理局',
      enterpriseName: '示例味道餐饮有限公司',
      enterpriseCreditCode: COMPANY,
      items: [{ code: 'JCSX-000001', name: '食品经营许可情况检查' }],
      completedOn: '2026-03-09',
      result: '发现问题已责令改正',
      drawId: 'draw-scjgj-2026-03',
      status: 'published',
      publishedOn: '2026-03-15',
    });
    const s = await surfaces(at(DELAY));
    expect(s.list.items.map((r) => r.id)).toEqual([id]);
    const published = s.events.filter((e) => e.type === 'inspection-result');
    expect(published.map((e) => [e.id, e.kind, e.decisionNo])).toEqual([[id, 'published', 'jc-1']]);
    expect(published[0]!.record).toMatchObject({ id, result: '发现问题已责令改正' });
    seq = published[0]!.seq;
    expect(s.atom).toContain(`${SITE}/inspection-results/${id}`);
    expect(s.atom).toContain('检查结果公示');
    expect(s.csv).toContain(`${SITE}/inspection-results/${id}`);
    expect(s.csv).toContain('食品经营许可情况检查（JCSX-000001）');
    expect(JSON.parse(s.ndjson.trim())).toMatchObject({ id, url: `${SITE}/inspection-results/${id}` });
    expect(await allInspectionResults(db, { drawId: 'draw-scjgj-2026-03' })).toHaveLength(1);
    expect(await allInspectionResults(db, { creditCode: COMPANY })).toHaveLength(1);
  });

  it('a changed result after publication is a correction: it needs a public note, keeps history, and the feed says corrected', async () => {
    const id = inspectionResultId('jc-1');
    const changed = { ...good, result: '发现问题待后续处理', penaltyDecisionNo: '滨示市监罚〔2026〕7号' };
    const noNote = await record('jc-1', changed, 'scjgj', at(6));
    expect(!noNote.ok && noNote.errors?.[0]?.field).toBe('correctionNote');
    const fixed = await record('jc-1', { ...changed, correctionNote: '检查结果登记有误，予以更正。' }, 'scjgj', at(6));
    expect(fixed).toMatchObject({ ok: true, outcome: 'updated', status: 'corrected' });
    const [{ n }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inspection_result_history WHERE result_id = $1',
      [id],
    )) as [{ n: number }];
    expect(n).toBe(1);
    const events = (await changesSince(db, seq, 100)).filter((e) => e.id === id);
    expect(events.map((e) => e.kind)).toEqual(['corrected']);
    expect((await surfaces(at(6))).atom).toContain('检查结果更正');
    const found = await lookupInspectionResult(db, id);
    expect(found).toMatchObject({
      kind: 'public',
      penaltyId: null,
      record: { correctionNote: '检查结果登记有误，予以更正。' },
    });

    // The penalty link appears once that decision is public.
    const penalty = await db.transaction((tx) =>
      storeDisclosure(
        tx,
        disclosureInput({ decisionNo: '滨示市监罚〔2026〕7号', partyCreditCode: COMPANY, decisionDate: '2026-03-12' }),
        { rules: DEFAULT_PUBLICATION_RULES, today: '2026-03-16', now: at(6) },
      ),
    );
    expect(penalty.outcome).toBe('created');
    expect(await lookupInspectionResult(db, id)).toMatchObject({ kind: 'public', penaltyId: penalty.id });
  });

  it('personal data planted in the note never appears; a person-like 个体工商户 shows as 姓+某', async () => {
    const note =
      '经营者李建国（身份证110101199003078515，手机13912345678）拒绝出示票据，法定代表人欧阳明辉的邮箱ouyang@example.com。';
    const out = await record(
      'jc-2',
      { ...good, result: '不配合检查情节严重', note, completedOn: '2026-03-08' },
      'scjgj',
      at(2),
    );
    expect(out).toMatchObject({ ok: true, status: 'scheduled' });
    await publishDueResults(db, at(30));
    const id = inspectionResultId('jc-2');
    const found = await lookupInspectionResult(db, id);
    expect(found.kind).toBe('public');
    const s = await surfaces(at(30));
    const everywhere = JSON.stringify(found) + s.all;
    for (const secret of ['李建国', '建国', '110101199003078515', '13912345678', '欧阳明辉', 'ouyang@example.com']) {
      expect(everywhere).not.toContain(secret);
    }
    expect((found as { record: PublicInspectionResult }).record.enterpriseName).toBe('李某');
    expect(everywhere).toContain('李某');
  });

  it('a withdrawn result leaves page, API, export, feed and Atom: only the task number, date and reason remain', async () => {
    const id = inspectionResultId('jc-1');
    const short = await withdrawInspectionResult(db, 'jc-1', 'scjgj', { reason: '错' }, at(7));
    expect(!short.ok && short.errors?.[0]?.field).toBe('reason');
    const out = await withdrawInspectionResult(
      db,
      'jc-1',
      'scjgj',
      { reason: '检查对象登记错误，联系电话13800001111，撤回后重新检查。' },
      at(7),
    );
    expect(out).toMatchObject({ ok: true, status: 'withdrawn' });
    expect(await withdrawInspectionResult(db, 'jc-1', 'scjgj', { reason: '再撤回一次试试' }, at(7))).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    const found = await lookupInspectionResult(db, id);
    expect(found.kind).toBe('gone');
    expect(JSON.stringify(found)).not.toContain('价签');
    expect((found as { tombstone: { decisionNo: string; reason: string } }).tombstone).toMatchObject({
      decisionNo: 'jc-1',
      status: 'withdrawn',
      date: '2026-03-17',
    });
    const s = await surfaces(at(7));
    expect(s.list.items.map((r) => r.id)).not.toContain(id);
    expect(s.csv + s.ndjson).not.toContain(id);
    const mine = s.events.filter((e) => e.id === id);
    expect(mine.map((e) => e.kind)).toEqual(['published', 'corrected', 'withdrawn']);
    // Replaying old events never brings the content back.
    expect(mine.every((e) => e.record === null)).toBe(true);
    expect(mine[2]!.reason).toContain('检查对象登记错误');
    expect(s.all).not.toContain('13800001111');
    expect(s.all).not.toContain('发现问题待后续处理');
    expect(s.atom).toContain('检查结果撤回');
    // Re-sending the result cannot bring it back.
    expect(await record('jc-1', good, 'scjgj', at(8))).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('a result withdrawn before it was ever public leaves no trace at all, not even a tombstone', async () => {
    await inspection('jc-5', 'scjgj', COMPANY);
    const out = await record('jc-5', { ...good, note: '尚未公开的说明' }, 'scjgj', at(10));
    expect(out).toMatchObject({ ok: true, status: 'scheduled' });
    expect(await withdrawInspectionResult(db, 'jc-5', 'scjgj', { reason: '登记错了任务，撤回' }, at(11))).toMatchObject(
      {
        ok: true,
      },
    );
    expect(await publishDueResults(db, at(40))).toEqual([]);
    const id = inspectionResultId('jc-5');
    expect(await lookupInspectionResult(db, id)).toEqual({ kind: 'missing' });
    const s = await surfaces(at(40));
    expect(s.all).not.toContain(id);
    expect(s.all).not.toContain('jc-5');
  });
});
