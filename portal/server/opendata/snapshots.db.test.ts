import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formulaCells, parseCsv } from '../../../tests/helpers/csv';
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import type { Db } from '../db/types';
import { expireDue, storeDisclosure, withdrawDisclosure } from '../disclosures/store';
import { listSnapshots, refreshSnapshots, snapshotDir, writeDailySnapshot } from './snapshots';

const SITE = 'https://sunlight.example';

describe.each(databaseKinds())('daily snapshots on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let dataDir: string;
  beforeAll(async () => {
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-snap-'));
  });
  afterAll(async () => {
    await tdb?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const store = (n: number, extra: Partial<Parameters<typeof disclosureInput>[0]> = {}) =>
    db.transaction((tx) =>
      storeDisclosure(tx, disclosureInput({ decisionNo: `滨示市监罚〔2024〕${n}号`, ...extra }), {
        rules: DEFAULT_PUBLICATION_RULES,
        today: '2025-01-10',
        now: new Date(),
        publishedOn: '2025-01-05',
      }),
    );
  const read = (file: string) => fs.readFileSync(path.join(snapshotDir(dataDir), file), 'utf8');

  it('a withdrawn record leaves today’s snapshot (rewritten) and every older snapshot that held it (withdrawn)', async () => {
    const kept = (await store(1)).id;
    const gone = (await store(2)).id;
    const older = await writeDailySnapshot(db, dataDir, SITE, '2025-01-08');
    const today = await writeDailySnapshot(db, dataDir, SITE, '2025-01-10');
    expect(read(today.file)).toContain(gone);
    expect(read(older.file)).toContain(gone);

    await db.transaction((tx) =>
      withdrawDisclosure(tx, gone, { type: '撤销', reason: '复议机关决定撤销' }, new Date()),
    );
    const r = await refreshSnapshots(db, dataDir, SITE, '2025-01-10');
    expect(r).toEqual({ rewritten: [today.file], withdrawn: [older.file] });

    const served = listSnapshots(dataDir);
    expect(served.map((s) => s.file)).toEqual([today.file]);
    const text = read(today.file);
    expect(text).not.toContain(gone);
    expect(text).toContain(kept);
    expect(served[0]!.records).toBe(1);
    // The published checksum matches the rewritten file.
    const sha = fs.readFileSync(path.join(snapshotDir(dataDir), `${today.file}.sha256`), 'utf8').split(' ')[0];
    expect(sha).toBe(served[0]!.sha256);
    expect(fs.existsSync(path.join(snapshotDir(dataDir), older.file))).toBe(false);
  });

  it('an expired record leaves the snapshot too; snapshots that never held a removed record are kept untouched', async () => {
    const soon = (
      await store(10, {
        penaltyCategories: ['通报批评'],
        penaltyContent: '通报批评。',
        fineAmount: undefined,
        confiscatedAmount: undefined,
      })
    ).id;
    const snap = await writeDailySnapshot(db, dataDir, SITE, '2025-01-10', true);
    expect(read(snap.file)).toContain(soon);
    const later = (await store(11)).id;
    // A snapshot written after the expiry-free change is clean: refreshing changes nothing.
    expect(await refreshSnapshots(db, dataDir, SITE, '2025-01-10')).toEqual({ rewritten: [], withdrawn: [] });
    expect(read(snap.file)).not.toContain(later);

    expect(await expireDue(db, '2025-06-01')).toContain(soon);
    expect((await refreshSnapshots(db, dataDir, SITE, '2025-01-10')).rewritten).toEqual([snap.file]);
    expect(read(snap.file)).not.toContain(soon);
  });

  it('every text cell of a snapshot is formula-safe and the file starts with a BOM', async () => {
    await store(20, {
      violationFacts: '=HYPERLINK("https://evil.example","点击查看")',
      remarks: '+1+cmd|/C calc',
      region: '@SUM(A1)',
      penaltyBasis: ' -2+3',
    });
    const snap = await writeDailySnapshot(db, dataDir, SITE, '2025-01-10', true);
    const text = read(snap.file);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text);
    expect(rows.length).toBeGreaterThan(2);
    expect(formulaCells(rows)).toEqual([]);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""点击查看"")"`);
  });
});
