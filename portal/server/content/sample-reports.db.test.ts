import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { todayInChina } from '@sunlight/domain/china-time';
import type { SampleReport } from '@sunlight/domain/schemas/sample-report';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { tempConfig } from '../../../tests/fixtures/inspections';
import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { readReceipt } from '../reports/store';
import { computeAlerts } from '../supervision/alerts';
import { addDays, makePeriod } from '../supervision/period';
import { supervisionSettings } from '../supervision/settings';
import { ContentError, seedContent } from './seed';

const SAMPLE = path.resolve(import.meta.dirname, '../../../content/sample');
// Any day after the sample's reference date: the seed shifts the sample's dates to it.
const NOW = new Date('2030-04-17T11:00:00+08:00');

/** A copy of the sample with only what reports need (agencies, inspectors, settings), changed by `edit`. */
function sampleCopy(edit: (dir: string) => void = () => {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-reports-'));
  fs.cpSync(SAMPLE, dir, { recursive: true });
  for (const f of [
    'disclosures.ndjson',
    'inspections.ndjson',
    'certificates.ndjson',
    'feedback.ndjson',
    'draws.ndjson',
  ])
    fs.rmSync(path.join(dir, f));
  for (const f of ['permits.ndjson', 'enterprises.ndjson']) fs.writeFileSync(path.join(dir, f), '');
  edit(dir);
  return dir;
}

const readRows = (dir: string) =>
  fs
    .readFileSync(path.join(dir, 'reports.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SampleReport);

function editReports(dir: string, change: (rows: SampleReport[]) => void) {
  const rows = readRows(dir);
  change(rows);
  fs.writeFileSync(path.join(dir, 'reports.ndjson'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

describe.each(databaseKinds())('loading the sample’s reports (反映问题) on %s', (kind) => {
  let tdb: TestDatabase | undefined;
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await tdb?.dispose();
    for (const c of cleanups.splice(0)) c();
  });

  async function seed(dir: string): Promise<{ db: Db; error: unknown }> {
    tdb = await createTestDatabase(kind);
    const db = await tdb.open();
    await migrate(db);
    const temp = tempConfig();
    cleanups.push(
      () => temp.dispose(),
      () => fs.rmSync(dir, { recursive: true, force: true }),
    );
    const config = loadConfig({ SUNLIGHT_CONTENT_DIR: dir, SUNLIGHT_DATA_DIR: temp.config.dataDir });
    try {
      await seedContent(db, config, () => {}, { now: NOW });
      return { db, error: undefined };
    } catch (error) {
      return { db, error };
    }
  }

  const count = async (db: Db) =>
    (
      await db.query<{ reports: number; cases: number }>(
        `SELECT (SELECT count(*)::int FROM reports) AS reports,
                (SELECT count(*)::int FROM supervision_cases WHERE report_receipt IS NOT NULL) AS cases`,
      )
    )[0]!;

  it('files each through the report write path, moves its work order and replies, once however often loaded', async () => {
    const dir = sampleCopy();
    const rows = readRows(dir);
    expect(rows.length).toBeGreaterThanOrEqual(50);
    const { db, error } = await seed(dir);
    expect(error).toBeUndefined();
    const first = await count(db);
    expect(first.reports).toBe(rows.length);
    // The one repeat joins the first report's work order.
    expect(first.cases).toBe(rows.length - 1);

    // What a receipt holder reads matches how far the file says the supervisors got.
    const byClient = new Map(
      (
        await db.query<{ client_id: string; receipt: string; contact: string | null; duplicate_of: string | null }>(
          'SELECT client_id, receipt, contact, duplicate_of FROM reports',
        )
      ).map((r) => [r.client_id, r]),
    );
    const seen = new Set<string>();
    for (const row of rows) {
      const stored = byClient.get(row.report.clientId)!;
      expect(stored.contact).toBeNull();
      if (stored.duplicate_of) continue;
      const receipt = (await readReceipt(db, stored.receipt))!;
      const status = row.closed
        ? row.closed.unfounded
          ? 'unfounded'
          : 'closed'
        : row.verifyingAt
          ? 'verifying'
          : 'received';
      expect(receipt.status, row.id).toBe(status);
      expect(receipt.reply, row.id).toBe(row.closed ? row.closed.reply : null);
      seen.add(status);
    }
    expect([...seen].sort()).toEqual(['closed', 'received', 'unfounded', 'verifying']);
    // Every kind is there, and several agencies, and some that do not know which body came.
    const [spread] = await db.query<{ kinds: number; agencies: number; unknown: number }>(
      `SELECT count(DISTINCT kind)::int AS kinds, count(DISTINCT agency_id)::int AS agencies,
              count(*) FILTER (WHERE agency_id IS NULL)::int AS unknown FROM reports`,
    );
    expect(spread).toMatchObject({ kinds: 6 });
    expect(spread!.agencies).toBeGreaterThan(10);
    expect(spread!.unknown).toBeGreaterThan(0);

    // The 未亮码 cluster makes the `reports` alert rule fire for one agency in the last month.
    const today = todayInChina(NOW);
    const rules = (await supervisionSettings(db)).alerts;
    const alerts = await computeAlerts(db, makePeriod(addDays(today, -30), today), rules, NOW);
    const fired = alerts.filter((a) => a.rule === 'reports');
    expect(fired.map((a) => a.agencyIds[0])).toContain('market');
    expect(fired.find((a) => a.agencyIds[0] === 'market')!.records.length).toBeGreaterThanOrEqual(
      rules.reports.minReports,
    );

    // Loaded again after an edit (its checksum changed): nothing is filed or replied twice.
    editReports(dir, (rs) => rs.reverse());
    const config = loadConfig({ SUNLIGHT_CONTENT_DIR: dir, SUNLIGHT_DATA_DIR: '/tmp/unused' });
    await seedContent(db, config, () => {}, { now: NOW });
    expect(await count(db)).toEqual(first);
  });

  it('a report the write path refuses stops the file, naming it; nothing of the file is kept', async () => {
    let bad = '';
    const dir = sampleCopy((d) =>
      editReports(d, (rows) => {
        const row = rows[Math.floor(rows.length / 2)]!;
        bad = row.id;
        row.report.agencyId = 'no-such-agency';
      }),
    );
    const { db, error } = await seed(dir);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(bad);
    expect(problems[0]).toContain('请从公开名单中选择执法主体');
    expect(await count(db)).toEqual({ reports: 0, cases: 0 });
  });

  it('is refused for content that is not the fictional sample', async () => {
    const dir = sampleCopy((d) => {
      const site = JSON.parse(fs.readFileSync(path.join(d, 'site.json'), 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(path.join(d, 'site.json'), JSON.stringify({ ...site, fictional: false, bannerText: undefined }));
    });
    const { db, error } = await seed(dir);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.join('\n')).toContain('真实部署的反映只能由企业和群众本人提交');
    expect(await count(db)).toEqual({ reports: 0, cases: 0 });
  });
});
