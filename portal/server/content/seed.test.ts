import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COUNTS } from '../../../content/generator/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { ContentError, seedContent } from './seed';

/**
 * A resident ID number (province, birth date 19xx/20xx, sequence, check character) — not any 18 digits: the
 * sample has all-digit credit codes, which are public and must stay.
 */
const ID_NUMBER_SQL =
  '(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])[0-9]{4}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]';

const SAMPLE = path.resolve(import.meta.dirname, '../../../content/sample');

async function counts(db: Db) {
  const [row] = await db.query<Record<string, number>>(`SELECT
    (SELECT count(*) FROM agencies)::int AS agencies, (SELECT count(*) FROM laws)::int AS laws,
    (SELECT count(*) FROM enterprises)::int AS enterprises, (SELECT count(*) FROM disclosures)::int AS disclosures,
    (SELECT count(*) FROM inspections)::int AS inspections, (SELECT count(*) FROM record_changes)::int AS changes,
    (SELECT count(*) FROM permits)::int AS permits`);
  return row!;
}

describe.each(databaseKinds())('seeding from content/ on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let dir: string;
  const config = () => loadConfig({ SUNLIGHT_CONTENT_DIR: dir, SUNLIGHT_DATA_DIR: '/tmp/unused' });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-content-'));
    fs.cpSync(SAMPLE, dir, { recursive: true });
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
  });
  afterAll(async () => {
    await tdb?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads every file on first start', async () => {
    const res = await seedContent(db, config(), () => {});
    expect(res.loaded.length).toBeGreaterThanOrEqual(12);
    const c = await counts(db);
    expect(c).toMatchObject({
      agencies: 30,
      enterprises: 3000,
      disclosures: expect.any(Number),
      inspections: COUNTS.inspections,
    });
    expect(c.disclosures).toBeGreaterThan(1500);
  });

  it('never duplicates anything on restart', async () => {
    const before = await counts(db);
    const res = await seedContent(db, config(), () => {});
    expect(res.loaded).toEqual([]);
    expect(await counts(db)).toEqual(before);
  });

  it('stores natural persons only as 姓+某 in public data, with ID numbers kept restricted', async () => {
    const rows = await db.query<{ name: string; rep: string | null; restricted: string }>(
      `SELECT data->>'partyName' AS name, data->>'legalRepresentative' AS rep, restricted::text AS restricted
       FROM disclosures WHERE data->>'partyType' = '自然人'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.name).toMatch(/^[\u4e00-\u9fff]{1,2}某$/);
    const leaked = await db.query(`SELECT id FROM disclosures WHERE data::text ~ '${ID_NUMBER_SQL}'`);
    expect(leaked).toEqual([]);
    expect(rows.some((r) => /partyIdNumber/.test(r.restricted))).toBe(true);
  });

  it('loads the sample permits through the permit write path: most valid today, persons as 姓+某', async () => {
    const [c] = await db.query<{ public: number; ended: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('published', 'corrected'))::int AS public,
              count(*) FILTER (WHERE status IN ('withdrawn', 'expired') AND tombstone IS NOT NULL)::int AS ended
       FROM permits`,
    );
    expect(c!.public).toBeGreaterThan(600);
    expect(c!.ended).toBeGreaterThan(0);
    const persons = await db.query<{ name: string; restricted: string }>(
      `SELECT data->>'partyName' AS name, restricted::text AS restricted FROM permits
       WHERE data->>'partyType' = '自然人' OR (data->>'partyType' = '个体工商户' AND data->>'partyName' ~ '^[^店行部厂馆社]{2,4}$')`,
    );
    expect(persons.length).toBeGreaterThan(0);
    for (const r of persons) expect(r.name).toMatch(/^[\u4e00-\u9fff]{1,2}某$/);
    expect(await db.query(`SELECT id FROM permits WHERE data::text ~ '${ID_NUMBER_SQL}'`)).toEqual([]);
    expect(persons.some((r) => /partyIdNumber/.test(r.restricted))).toBe(true);
    const [events] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record_changes WHERE record_type = 'permit'`,
    );
    expect(events!.n).toBeGreaterThanOrEqual(c!.public);
  });

  it('reloads a changed file and refuses a broken one without touching what is stored', async () => {
    const file = path.join(dir, 'agencies.json');
    const agencies = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; name: string; creditCode: string }[];
    agencies[0]!.name = `${agencies[0]!.name}（更名）`;
    fs.writeFileSync(file, JSON.stringify(agencies, null, 2));
    await seedContent(db, config(), () => {});
    const [renamed] = await db.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [agencies[0]!.id]);
    expect(renamed!.name).toMatch(/（更名）$/);

    agencies[1]!.creditCode =
      agencies[1]!.creditCode.slice(0, 17) + (agencies[1]!.creditCode.endsWith('0') ? '1' : '0');
    agencies[2]!.name = '不应被写入';
    fs.writeFileSync(file, JSON.stringify(agencies, null, 2));
    const err = await seedContent(db, config(), () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).message).toMatch(/agencies\.json 第2条.*统一社会信用代码/);
    const [untouched] = await db.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [agencies[2]!.id]);
    expect(untouched!.name).not.toBe('不应被写入');
  });
});
