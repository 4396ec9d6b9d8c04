import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { loadConfig } from '/work/wt-results/portal/server/config';
import { migrate } from '/work/wt-results/portal/server/db/migrate';
import { openPglite } from '/work/wt-results/portal/server/db/pglite';
import { seedContent } from '/work/wt-results/portal/server/content/seed';
import { seedInspectionResults } from '/work/wt-results/portal/server/inspection-results/store';

it('times', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-time-'));
  const db = await openPglite(dir);
  await migrate(db);
  const t0 = performance.now();
  await seedContent(db, loadConfig({ SUNLIGHT_DATA_DIR: '/tmp/unused' }), () => {});
  const t1 = performance.now();
  await db.query(`DELETE FROM record_changes WHERE record_type = 'inspection-result'`);
  await db.query(`DELETE FROM inspection_results`);
  const rows = (await db.query<{ data: never }>('SELECT data FROM inspections')).map((r) => r.data);
  const t2 = performance.now();
  const counts = await db.transaction((tx) => seedInspectionResults(tx, rows, new Date(), 5));
  const t3 = performance.now();
  console.log(`SEED total ${(t1 - t0).toFixed(0)} ms; results alone ${(t3 - t2).toFixed(0)} ms`, counts);
  await db.close();
}, 300_000);
