import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import { TOTAL_CAP } from '../catalogue/common';
import { decisionsApplying, pagedDecisions } from '../catalogue/discretion';
import { decisionsCiting } from '../catalogue/laws';
import { agencyRef, discretionSummary, enterpriseView, lawTitles, lookupDisclosure } from '../disclosures/read';
import { storeDisclosure } from '../disclosures/store';
import { changesSince, publicChangeEvents, recentChanges } from '../opendata/changes';
import { publicExportRows, publicRecords } from '../opendata/export';
import { latestChange, latestSeq } from '../records/change-log';
import { tableAccess } from '../../../tests/helpers/query-plans';
import type { Db } from './types';

/**
 * The queries behind the record page, the enterprise page, the paged decision listing, the change feed
 * and the export, as the portal's own functions send them, must find their rows through an index: a
 * sequential scan of a big table makes every request cost more as the table grows (bench:pg-scale
 * measures that curve on 10^5–10^6+ rows; this checks the plans on 20,000).
 */
const ROWS = 20_000;
const AGENCIES = 20;
const ENTERPRISES = 4000;
const BIG_TABLES = ['disclosures', 'record_changes', 'enterprises'];
const SITE = 'https://sunlight.example';

/** Sequential scans of the big tables in the plans of what `run` sends; fails if it sends nothing. */
async function seqScans(db: Db, run: (db: Db) => Promise<unknown>) {
  const statements = await tableAccess(db, run);
  expect(statements.length).toBeGreaterThan(0);
  return statements.flatMap((s) =>
    s.access
      .filter((a) => a.type === 'Seq Scan' && BIG_TABLES.includes(a.relation))
      .map((a) => ({ sql: s.sql.slice(0, 160), relation: a.relation })),
  );
}

const first = async <T>(gen: AsyncGenerator<T>) => (await gen.next()).value as T;

describe.each(databaseKinds())(`hot queries use an index on %s (${ROWS.toLocaleString('en-US')} decisions)`, (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
    await db.query(
      `INSERT INTO agencies (id, name, short_name, category, data)
       SELECT 'a' || lpad(g::text, 2, '0'), '示例区第' || g || '执法局', '第' || g || '局', 'C', '{}'
       FROM generate_series(0, $1::int - 1) g`,
      [AGENCIES],
    );
    // One decision through the write path, then fanned out over agencies, dates, parties and statuses.
    const { id } = await db.transaction((tx) =>
      storeDisclosure(tx, disclosureInput(), {
        rules: DEFAULT_PUBLICATION_RULES,
        today: '2024-05-25',
        now: new Date('2024-05-25T02:00:00Z'),
      }),
    );
    await db.query(
      `INSERT INTO enterprises (credit_code, name, type, region, data)
       SELECT 'E' || lpad(g::text, 17, '0'), '示例企业' || g, '企业', '滨江新区', '{}'
       FROM generate_series(0, $1::int - 1) g`,
      [ENTERPRISES],
    );
    await db.query(
      `INSERT INTO disclosures (id, agency_id, decision_no, status, decision_date, publication_end, party_credit_code, data, restricted, tombstone)
       SELECT x.id, x.agency, x.no, x.status, x.day, x.day + 1095, x.code,
              t.data || jsonb_build_object('id', x.id, 'agencyId', x.agency, 'decisionNo', x.no, 'decisionDate', x.day::text,
                                           'partyCreditCode', x.code, 'status', x.status,
                                           'discretionItemId', 'DI-' || (x.n % 200),
                                           'basisRefs', jsonb_build_array(jsonb_build_object('lawCode', 'FL-0003', 'article', x.n % 300))),
              t.restricted,
              CASE WHEN x.status IN ('withdrawn', 'expired')
                   THEN jsonb_build_object('decisionNo', x.no, 'status', x.status, 'date', x.day::text, 'reason', '公示期已满') END
       FROM (SELECT g AS n, 'x' || lpad(g::text, 6, '0') AS id, 'a' || lpad((g % $2::int)::text, 2, '0') AS agency,
                    '滨示罚〔' || (2020 + g % 5) || '〕' || g || '号' AS no,
                    CASE WHEN g % 100 < 50 THEN 'published' WHEN g % 100 < 53 THEN 'corrected'
                         WHEN g % 100 < 55 THEN 'withdrawn' ELSE 'expired' END AS status,
                    date '2020-01-01' + (g * 7919 % 1826) AS day,
                    'E' || lpad((g * 31 % $3::int)::text, 17, '0') AS code
             FROM generate_series(1, $1::int) g) x,
            (SELECT data, restricted FROM disclosures WHERE id = $4) t`,
      [ROWS, AGENCIES, ENTERPRISES, id],
    );
    await db.query(
      `INSERT INTO record_changes (record_type, record_id, kind, at)
       SELECT 'penalty', d.id, d.status, timestamptz '2020-01-01 00:00+08' + (row_number() OVER (ORDER BY d.id)) * interval '1 hour'
       FROM disclosures d WHERE d.id LIKE 'x%' ORDER BY d.id`,
    );
    await db.query('ANALYZE');
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('the checker itself sees a sequential scan where there is no index', async () => {
    expect(
      await seqScans(db, (d) =>
        d.query(`SELECT id FROM disclosures WHERE data->>'partyName' = $1`, ['某某']).then(() => {}),
      ),
    ).toEqual([{ sql: `SELECT id FROM disclosures WHERE data->>'partyName' = $1`, relation: 'disclosures' }]);
  });

  it('record page: the record by id, its agency, laws and discretion item', async () => {
    const found = await lookupDisclosure(db, 'x012399');
    expect(found.kind).toBe('gone'); // 12399 % 100 = 99: expired, only the tombstone
    expect(
      await seqScans(db, async (d) => {
        await lookupDisclosure(d, 'x010001');
        await agencyRef(d, 'a01');
        await lawTitles(d, ['FL-0003']);
        await discretionSummary(d, 'none');
      }),
    ).toEqual([]);
  });

  it("enterprise page: an enterprise's decisions, permits, inspection results and inspections", async () => {
    const code = 'E' + String(31 % ENTERPRISES).padStart(17, '0');
    const view = await enterpriseView(db, code);
    expect(view?.disclosures.length).toBeGreaterThan(0);
    expect(await seqScans(db, (d) => enterpriseView(d, code))).toEqual([]);
  });

  it('filtered listing: public decisions of one agency in one year, newest first, page 1 and a deep page', async () => {
    const cond = 'd.agency_id = $1 AND d.decision_date >= $2::date AND d.decision_date <= $3::date';
    const params = ['a03', '2022-01-01', '2022-12-31'];
    const page1 = await pagedDecisions(db, cond, params, 1, 20);
    expect(page1.total).toBeGreaterThan(80);
    expect(await seqScans(db, (d) => pagedDecisions(d, cond, params, 1, 20))).toEqual([]);
    expect(await seqScans(db, (d) => pagedDecisions(d, cond, params, 5, 20))).toEqual([]);
  });

  it("a discretion item's and a law article's decisions: page 1 and a deep page, each count and page through an index", async () => {
    const publicCount = async (cond: string) =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM disclosures WHERE status IN ('published', 'corrected') AND ${cond}`,
        )
      )[0]!.n;
    const item = await decisionsApplying(db, 'DI-7', 1, 20);
    expect(item.total).toBe(await publicCount(`data->>'discretionItemId' = 'DI-7'`));
    expect(item.total).toBeGreaterThan(60);
    const article = await decisionsCiting(db, 'FL-0003', 7, 1, 20);
    expect(article.total).toBe(await publicCount(`data->'basisRefs' @> '[{"lawCode": "FL-0003", "article": 7}]'`));
    expect(article.total).toBeGreaterThan(40);
    expect(
      await seqScans(db, async (d) => {
        await decisionsApplying(d, 'DI-7', 1, 20);
        await decisionsApplying(d, 'DI-7', 3, 20);
        await decisionsCiting(d, 'FL-0003', 7, 1, 20);
        await decisionsCiting(d, 'FL-0003', 7, 2, 20);
      }),
    ).toEqual([]);
  });

  it('a listing with more matches than the cap counts to the cap and pages no further', async () => {
    const all = await pagedDecisions(db, 'true', [], 1, 20);
    const inside = await pagedDecisions(db, 'd.agency_id = $1', ['a03'], 1, 20);
    const [agencyPublic] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM disclosures WHERE status IN ('published', 'corrected') AND agency_id = 'a03'`,
    );
    expect(inside.total).toBe(agencyPublic!.n);
    expect({ total: all.total, capped: all.capped, pages: all.pages }).toEqual({
      total: TOTAL_CAP,
      capped: true,
      pages: TOTAL_CAP / 20,
    });
    expect(inside.capped).toBeUndefined();
    const last = await pagedDecisions(db, 'true', [], 99_999, 20);
    expect(last.page).toBe(TOTAL_CAP / 20);
    expect(last.items).toHaveLength(20);
    expect(await seqScans(db, (d) => pagedDecisions(d, 'd.agency_id = $1', ['a03'], 1, 20))).toEqual([]);
  });

  it('change feed: the newest position, a page from cursor 0 and from the middle (over every record type), per agency, and the Atom feed', async () => {
    const page = await changesSince(db, 0, 1000);
    expect(page).toHaveLength(1000);
    expect(
      await seqScans(db, async (d) => {
        await latestChange(d);
        await latestSeq(d);
        await publicChangeEvents(d, await changesSince(d, 0, 1000), SITE);
        await changesSince(d, ROWS / 2, 1000);
        await changesSince(d, 0, 1000, 'a07');
        await recentChanges(d, 100);
        await recentChanges(d, 100, 'a07');
      }),
    ).toEqual([]);
  });

  it('export: the first and a later batch of the public set, whole and filtered', async () => {
    const batch = await first(publicRecords(db, {}));
    expect(batch).toHaveLength(1000);
    expect(
      await seqScans(db, async (d) => {
        const all = publicRecords(d, {});
        await all.next();
        await all.next();
        await first(publicRecords(d, { agency: 'a05', dateFrom: '2021-01-01', dateTo: '2021-12-31' }));
        const rows = publicExportRows(d, {});
        await rows.next();
        await rows.next();
        await first(publicExportRows(d, { agency: 'a05', dateFrom: '2021-01-01', dateTo: '2021-12-31' }));
      }),
    ).toEqual([]);
  });

  it('export: a batch of the whole public set walks one index in id order, not a bitmap of every public record', async () => {
    const statements = await tableAccess(db, async (d) => {
      for (const all of [publicRecords(d, {}), publicExportRows(d, {})]) {
        await all.next();
        await all.next();
        await all.return(undefined);
      }
    });
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s.access.filter((a) => a.relation === 'disclosures')).toEqual([
        { relation: 'disclosures', type: expect.stringMatching(/^Index (Only )?Scan$/), index: expect.any(String) },
      ]);
    }
  });
});
