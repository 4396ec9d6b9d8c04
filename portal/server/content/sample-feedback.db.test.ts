import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COUNTS } from '../../../content/generator/reference';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { tempConfig } from '../../../tests/fixtures/inspections';
import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { seedCertificates } from '../inspections/certificates';
import { openKeyRing } from '../inspections/keys';
import { SAMPLE_SUBJECT_CREATOR } from './sample-feedback';
import { ContentError, seedContent } from './seed';

const SAMPLE = path.resolve(import.meta.dirname, '../../../content/sample');
const NOW = new Date('2030-04-17T11:00:00+08:00');

interface Feedback {
  id: string;
  evaluation?: { at: string; ratings: Record<string, number> };
  checkIn?: { at: string };
}

/** A copy of the sample with few decisions (they are not what is tested here), changed by `edit`. */
function sampleCopy(edit: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-feedback-'));
  fs.cpSync(SAMPLE, dir, { recursive: true });
  const decisions = path.join(dir, 'disclosures.ndjson');
  fs.writeFileSync(decisions, fs.readFileSync(decisions, 'utf8').split('\n').slice(0, 30).join('\n') + '\n');
  edit(dir);
  return dir;
}

function editFeedback(dir: string, change: (rows: Feedback[]) => void) {
  const file = path.join(dir, 'feedback.ndjson');
  const rows = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Feedback);
  change(rows);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

describe.each(databaseKinds())('loading the sample’s check-ins and evaluations on %s', (kind) => {
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
    const keys = await openKeyRing(temp.config, db);
    const config = loadConfig({ SUNLIGHT_CONTENT_DIR: dir, SUNLIGHT_DATA_DIR: temp.config.dataDir });
    try {
      await seedContent(db, config, () => {}, {
        now: NOW,
        certificates: (tx, rows) => seedCertificates(tx, keys, rows),
      });
      return { db, error: undefined };
    } catch (error) {
      return { db, error };
    }
  }

  const stored = async (db: Db) =>
    (
      await db.query<{ checkins: number; evaluations: number; subjects: number; impostors: number }>(
        `SELECT (SELECT count(*)::int FROM checkins) AS checkins, (SELECT count(*)::int FROM evaluations) AS evaluations,
                (SELECT count(*)::int FROM business_subjects) AS subjects,
                (SELECT count(*)::int FROM business_proof_failures) AS impostors`,
      )
    )[0]!;

  it('goes through the business write path: an evaluation after its period is refused and nothing of the file is kept', async () => {
    let late = '';
    const dir = sampleCopy((d) =>
      editFeedback(d, (rows) => {
        const row = rows.find((r) => r.evaluation)!;
        late = row.id;
        // two months later: the portal takes evaluations until 30 days after the window
        row.evaluation!.at = new Date(Date.parse(row.evaluation!.at) + 60 * 86_400_000)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z');
      }),
    );
    const { db, error } = await seed(dir);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(late);
    expect(problems[0]).toContain('评价期限已于');
    expect(await stored(db)).toEqual({ checkins: 0, evaluations: 0, subjects: 0, impostors: 0 });
    // the files before it were loaded
    const [inspections] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inspections`);
    expect(inspections!.n).toBe(COUNTS.inspections);
  });

  it('is refused for content that is not the fictional sample', async () => {
    const dir = sampleCopy((d) => {
      const site = JSON.parse(fs.readFileSync(path.join(d, 'site.json'), 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(path.join(d, 'site.json'), JSON.stringify({ ...site, fictional: false, bannerText: undefined }));
    });
    const { db, error } = await seed(dir);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.join('\n')).toContain('只能由企业本人提交');
    expect(await stored(db)).toEqual({ checkins: 0, evaluations: 0, subjects: 0, impostors: 0 });
  });

  it('stores each as the sample identity of the inspected enterprise, once, however often it is loaded', async () => {
    const dir = sampleCopy(() => {});
    const { db, error } = await seed(dir);
    expect(error).toBeUndefined();
    const first = await stored(db);
    expect(first.evaluations).toBeGreaterThan(300);
    // the sample's impostor line: refused by the write path and recorded for supervisors
    expect(first.impostors).toBeGreaterThan(0);
    const [labels] = await db.query<{ n: number; marked: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE label LIKE '虚构示例数据%' AND created_by = $1)::int AS marked
       FROM business_subjects`,
      [SAMPLE_SUBJECT_CREATOR],
    );
    expect(labels!.marked).toBe(labels!.n);
    // a later version of the file (another rating for an inspection already rated) loads on restart without
    // doubling anything or replacing what was stored
    let changed = '';
    editFeedback(dir, (rows) => {
      const row = rows.find((r) => r.evaluation)!;
      changed = row.id;
      row.evaluation!.ratings.overall = row.evaluation!.ratings.overall === 1 ? 2 : 1;
    });
    const before = await db.query(
      `SELECT e.ratings FROM evaluations e JOIN certificates c ON c.certificate_no = e.certificate_no
       WHERE c.inspection_id = $1`,
      [changed.slice(3)],
    );
    expect(before).toHaveLength(1);
    const config = loadConfig({ SUNLIGHT_CONTENT_DIR: dir, SUNLIGHT_DATA_DIR: '/tmp/unused' });
    // certificates.ndjson is unchanged, so it is not signed again
    await seedContent(db, config, () => {}, { now: NOW, certificates: async () => 0 });
    expect(await stored(db)).toEqual(first);
    expect(
      await db.query(
        `SELECT e.ratings FROM evaluations e JOIN certificates c ON c.certificate_no = e.certificate_no
         WHERE c.inspection_id = $1`,
        [changed.slice(3)],
      ),
    ).toEqual(before);
    // the new version was read (its checksum recorded), not skipped as unchanged
    const [load] = await db.query<{ checksum: string }>(
      `SELECT checksum FROM content_loads WHERE kind = 'feedback.ndjson'`,
    );
    expect(load!.checksum).toBe(
      createHash('sha256')
        .update(fs.readFileSync(path.join(dir, 'feedback.ndjson')))
        .digest('hex'),
    );
  });
});
