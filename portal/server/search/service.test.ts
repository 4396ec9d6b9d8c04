import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { parseQuery, type SearchQueryInput } from '@sunlight/search-indexer/query';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import { loadConfig } from '../config';
import type { Db } from '../db/types';
import { endPublicLife, storeDisclosure } from '../disclosures/store';
import { latestSeq } from '../records/change-log';
import { SearchService } from './service';
import { publicCount } from './sync';

const ctx = () => ({
  rules: DEFAULT_PUBLICATION_RULES,
  today: '2026-11-22',
  now: new Date(),
  publishedOn: '2026-11-01',
});
const query = (input: SearchQueryInput) => {
  const p = parseQuery(input);
  if (!p.ok) throw new Error('bad query');
  return p.query;
};

describe.each(databaseKinds())('search index follows the database on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let search: SearchService;
  const ids: string[] = [];

  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
    await db.transaction(async (tx) => {
      for (let i = 1; i <= 5; i++) {
        const out = await storeDisclosure(
          tx,
          disclosureInput({
            decisionNo: `滨示市监罚〔2026〕${100 + i}号`,
            decisionDate: '2026-10-20',
            violationFacts: `当事人经营的餐饮店第${i}次被查。`,
          }),
          ctx(),
        );
        ids.push(out.id);
      }
    });
    search = await SearchService.start(db, loadConfig({ SUNLIGHT_DATA_DIR: '/tmp/unused' }), () => {});
    search.startLoop(250);
  });
  afterAll(async () => {
    await search?.stop();
    await tdb?.dispose();
  });

  const find = async (input: SearchQueryInput) => (await search.search(query(input))).hits.map((h) => h.id);

  it('indexes every public decision at start-up', async () => {
    expect((await find({ q: '餐饮', pageSize: 50 })).sort()).toEqual([...ids].sort());
    expect(await search.verify()).toMatchObject({ missing: [], extra: [], stale: [] });
  });

  it('says at start-up when the embedded engine holds more public records than it is measured to, naming the setting', async () => {
    const records = await publicCount(db);
    const start = async (embeddedCapacity: number) => {
      const lines: string[] = [];
      const s = await SearchService.start(
        db,
        loadConfig({ SUNLIGHT_DATA_DIR: '/tmp/unused' }),
        (l) => lines.push(l),
        undefined,
        {
          embeddedCapacity,
        },
      );
      await s.stop();
      return lines.filter((l) => !l.startsWith('[search] indexing'));
    };
    const [warning, ...rest] = await start(records - 1);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^\[search\] 注意：公开记录 \d+ 条，超过内置搜索引擎经测量能良好承载的 \d+ 条/);
    expect(warning).toContain(`${records} public records, more than the ${records - 1}`);
    for (const setting of ['MEILI_HOST', 'MEILI_API_KEY', 'README']) expect(warning).toContain(setting);
    expect(await start(records)).toEqual([]);
  });

  it('a withdrawn decision leaves the index within 5 seconds, by the change log alone', async () => {
    const id = ids[0]!;
    await db.transaction((tx) => endPublicLife(tx, id, 'withdrawn', '撤销：原决定被依法撤销', new Date()));
    await vi.waitFor(async () => expect(await find({ q: '餐饮', pageSize: 50 })).not.toContain(id), {
      timeout: 5000,
      interval: 100,
    });
  });

  it('an expired decision leaves the index within 5 seconds', async () => {
    const id = ids[1]!;
    await db.transaction((tx) => endPublicLife(tx, id, 'expired', '公示期已满', new Date()));
    await vi.waitFor(async () => expect(await find({ q: '餐饮', pageSize: 50 })).not.toContain(id), {
      timeout: 5000,
      interval: 100,
    });
  });

  it('tells its listeners each new change-log position it follows, and nothing while the log stands still', async () => {
    await search.sync();
    const seen: number[] = [];
    const stop = search.onAdvance((seq) => seen.push(seq));
    const publish = (n: number) =>
      db.transaction((tx) =>
        storeDisclosure(
          tx,
          disclosureInput({ decisionNo: `滨示市监罚〔2026〕${n}号`, decisionDate: '2026-10-20' }),
          ctx(),
        ),
      );
    await search.sync();
    expect(seen).toEqual([]);
    await publish(301);
    await search.sync();
    expect(seen).toEqual([await latestSeq(db)]);
    stop();
    await publish(302);
    await search.sync();
    expect(seen).toHaveLength(1);
  });

  it('a correction is searchable by its new text within 5 seconds', async () => {
    await db.transaction((tx) =>
      storeDisclosure(
        tx,
        disclosureInput({
          decisionNo: '滨示市监罚〔2026〕103号',
          decisionDate: '2026-10-20',
          violationFacts: '当事人经营的烧烤店油烟直排。',
        }),
        ctx(),
      ),
    );
    await vi.waitFor(async () => expect(await find({ q: '烧烤' })).toEqual([ids[2]]), { timeout: 5000, interval: 100 });
  });

  it('a change rolled back with its transaction never reaches the log or the index', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM record_changes');
    await expect(
      db.transaction(async (tx) => {
        await endPublicLife(tx, ids[3]!, 'withdrawn', 'test', new Date());
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM record_changes');
    expect(after[0]!.n).toBe(before[0]!.n);
    await search.sync();
    expect(await find({ q: '餐饮', pageSize: 50 })).toContain(ids[3]);
  });

  it('verify reports drift made behind the change log’s back, and a rebuild repairs it', async () => {
    await search.sync();
    // Simulate a writer that bypassed the change log (or an index that lost updates).
    await db.query(`UPDATE disclosures SET status = 'withdrawn' WHERE id = $1`, [ids[3]]);
    await db.query(
      `UPDATE disclosures SET data = jsonb_set(data, '{updatedAt}', '"2026-11-21T00:00:00.000Z"') WHERE id = $1`,
      [ids[4]],
    );
    const drift = await search.verify();
    expect(drift.extra).toEqual([ids[3]]);
    expect(drift.stale).toEqual([ids[4]]);
    await search.rebuild();
    expect(await search.verify()).toMatchObject({ missing: [], extra: [], stale: [] });
    expect(await find({ q: '餐饮', pageSize: 50 })).not.toContain(ids[3]);
  });
});
