import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_NUMBER, permitInput } from '@sunlight/domain/testing/fixtures';
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import type { Db } from '../db/types';
import { enterpriseView } from '../disclosures/read';
import { atomFeed } from '../opendata/atom';
import { changesSince, recentChanges } from '../opendata/changes';
import { PermitListQuerySchema } from '../opendata/permit-schemas';
import { withdrawPermit } from '../ingest/permits';
import { permitExportStream } from './export';
import { listPermits, lookupPermit } from './read';
import { expirePermitsDue, permitId, storePermit } from './store';

const NOW = new Date('2025-01-10T02:00:00Z');
const TODAY = '2025-01-10';

describe.each(databaseKinds())('permit store on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  const store = (overrides: Parameters<typeof permitInput>[0] = {}, extra: { correctionNote?: string } = {}) =>
    db.transaction((tx) => storePermit(tx, permitInput(overrides), { today: TODAY, now: NOW, ...extra }));
  const events = async (id: string) => (await changesSince(db, 0, 1000)).filter((e) => e.id === id);
  const exported = async () => {
    const reader = permitExportStream(db, {}, 'ndjson', 'https://example.org').getReader();
    let out = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) out += new TextDecoder().decode(r.value);
    return out;
  };

  it('publishes under a stable p-id; the same input again is unchanged; changed content is a correction with history', async () => {
    const first = await store({ decisionNo: '滨示市监许〔2024〕1号' });
    expect(first).toMatchObject({ outcome: 'created', status: 'published' });
    expect(first.id).toBe(permitId('scjgj', '滨示市监许〔2024〕1号'));
    expect(first.id).toMatch(/^p[0-9a-z]{15}$/);
    expect(await store({ decisionNo: '滨示市监许〔2024〕1号' })).toMatchObject({ outcome: 'unchanged' });
    const changed = await store({ decisionNo: '滨示市监许〔2024〕1号', permitContent: '预包装食品销售。' });
    expect(changed).toMatchObject({ outcome: 'updated', status: 'corrected' });
    const found = await lookupPermit(db, first.id);
    expect(found.kind === 'public' && found.record.permitContent).toBe('预包装食品销售。');
    expect((await events(first.id)).map((e) => e.kind)).toEqual(['published', 'corrected']);
    const history = await db.query<{ data: { permitContent: string } }>(
      'SELECT data FROM permit_history WHERE permit_id = $1',
      [first.id],
    );
    expect(history.map((h) => h.data.permitContent)).toEqual(['预包装食品（含冷藏冷冻食品）销售；散装食品销售。']);
  });

  it('redacts a natural person like a penalty: 姓+某, no ID, no phone', async () => {
    const out = await store({
      decisionNo: '滨示市监许〔2024〕2号',
      partyType: '自然人',
      partyName: '欧阳建华',
      partyCreditCode: undefined,
      legalRepresentative: undefined,
      partyIdType: '身份证',
      partyIdNumber: ID_NUMBER,
      permitContent: '许可欧阳建华（身份证号' + ID_NUMBER + '，电话13912345678）从事小餐饮经营。',
    });
    expect(out.outcome).toBe('created');
    const found = await lookupPermit(db, out.id);
    const json = JSON.stringify(found);
    expect(found.kind === 'public' && found.record.partyName).toBe('欧阳某');
    for (const secret of ['欧阳建华', ID_NUMBER, '13912345678']) expect(json).not.toContain(secret);
    const [row] = await db.query<{ restricted: { input: { partyIdNumber: string } } }>(
      'SELECT restricted FROM permits WHERE id = $1',
      [out.id],
    );
    expect(row!.restricted.input.partyIdNumber).toBe(ID_NUMBER);
  });

  it('another agency cannot withdraw a permit; the owner can, and only a redacted tombstone remains', async () => {
    const out = await store({ decisionNo: '滨示市监许〔2024〕3号', permitContent: '独有内容甲乙丙丁。' });
    const other = await withdrawPermit(db, out.id, 'other-agency', { type: '撤销', reason: '冒充撤销这项许可' }, NOW);
    expect(other).toMatchObject({ ok: false, kind: 'forbidden' });
    expect((await lookupPermit(db, out.id)).kind).toBe('public');
    const mine = await withdrawPermit(
      db,
      out.id,
      'scjgj',
      { type: '撤销', reason: '以欺骗手段取得许可，经办人王小明电话13800138000' },
      NOW,
    );
    expect(mine).toMatchObject({ ok: true, status: 200 });
    const gone = await lookupPermit(db, out.id);
    expect(gone.kind).toBe('gone');
    const tomb = JSON.stringify(gone);
    expect(tomb).toContain('滨示市监许〔2024〕3号');
    expect(tomb).not.toContain('13800138000');
    expect(tomb).not.toContain('独有内容');
    const evs = await events(out.id);
    expect(evs.map((e) => e.kind)).toEqual(['published', 'withdrawn']);
    expect(evs.every((e) => e.record === null)).toBe(true);
    expect(evs[1]!.withdrawalType).toBe('撤销');
    expect(await store({ decisionNo: '滨示市监许〔2024〕3号' })).toMatchObject({ outcome: 'refused' });
    const atom = atomFeed(await recentChanges(db, 100), {
      site: 'https://example.org',
      self: 'x',
      title: 't',
      siteName: 's',
    });
    expect(atom).toContain(`https://example.org/permits/${out.id}`);
    expect(atom).not.toContain('独有内容');
    expect(await exported()).not.toContain(out.id);
  });

  it('after 有效期至 the expiry takes a permit off every surface and tells partners', async () => {
    const out = await store({
      decisionNo: '滨示市监许〔2024〕4号',
      validUntil: '2025-01-10',
      permitContent: '即将到期的许可内容。',
    });
    expect(await exported()).toContain(out.id);
    expect(await expirePermitsDue(db, '2025-01-10', NOW)).not.toContain(out.id);
    expect(await expirePermitsDue(db, '2025-01-11', NOW)).toContain(out.id);
    const gone = await lookupPermit(db, out.id);
    expect(gone).toMatchObject({ kind: 'gone', tombstone: { status: 'expired', date: '2025-01-10' } });
    expect((await events(out.id)).map((e) => e.kind)).toEqual(['published', 'expired']);
    expect(await exported()).not.toContain(out.id);
    const list = await listPermits(db, PermitListQuerySchema.parse({ q: '滨示市监许〔2024〕4号' }));
    expect(list.total).toBe(0);
  });

  it('a permit pushed already expired, or 无效, is never public', async () => {
    const late = await store({ decisionNo: '滨示市监许〔2024〕5号', validUntil: '2024-12-31' });
    expect(late).toMatchObject({ outcome: 'created', status: 'expired' });
    expect((await lookupPermit(db, late.id)).kind).toBe('gone');
    expect(await events(late.id)).toEqual([]);
    const invalid = await store({ decisionNo: '滨示市监许〔2024〕6号', currentState: '无效' });
    expect(invalid.outcome).toBe('not_published');
    expect((await lookupPermit(db, invalid.id)).kind).toBe('missing');
  });

  it('lists with filters and pages, and shows permits on the enterprise record', async () => {
    await store({
      decisionNo: '滨示市监许〔2024〕7号',
      permitCategory: '登记',
      decisionDate: '2024-09-01',
      validFrom: '2024-09-01',
    });
    const all = await listPermits(db, PermitListQuerySchema.parse({ pageSize: '2' }));
    expect(all.permits.length).toBe(2);
    expect(all.pages).toBe(Math.ceil(all.total / 2));
    const reg = await listPermits(db, PermitListQuerySchema.parse({ category: '登记' }));
    expect(reg.permits.map((p) => p.decisionNo)).toEqual(['滨示市监许〔2024〕7号']);
    const dated = await listPermits(db, PermitListQuerySchema.parse({ dateFrom: '2024-08-01', dateTo: '2024-09-30' }));
    expect(dated.permits.map((p) => p.decisionNo)).toEqual(['滨示市监许〔2024〕7号']);
    const byName = await listPermits(db, PermitListQuerySchema.parse({ q: '甲乙丙商贸', agency: 'scjgj' }));
    expect(byName.total).toBeGreaterThan(0);
    expect((await listPermits(db, PermitListQuerySchema.parse({ agency: 'nobody' }))).total).toBe(0);
    const view = await enterpriseView(db, permitInput().partyCreditCode!);
    expect(view?.permits.map((p) => p.decisionNo)).toContain('滨示市监许〔2024〕7号');
    expect(view?.permits.map((p) => p.decisionNo)).not.toContain('滨示市监许〔2024〕3号');
  });
});
