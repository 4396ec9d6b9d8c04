import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import settings from '../../../search-indexer/settings/meilisearch.json' with { type: 'json' };
import { MeiliDouble } from '../../../search-indexer/test/meili-double';
import { insertFixtureAgency, openMigratedTestDatabase, type TestDatabase } from '../../../tests/helpers/databases';
import { Lease } from '../cluster/lease';
import type { Db } from '../db/types';
import { storeDisclosure } from '../disclosures/store';
import { runCli } from './main';

/**
 * `sunlight index rebuild` run directly (no portal on this machine) against Meilisearch (a protocol double of
 * the server) and a PostgreSQL shared with portals elsewhere: it writes only while it holds the jobs lease,
 * so there is one writer to the index however many processes there are.
 */
describe.runIf(process.env.DATABASE_URL)('index rebuild on Meilisearch from the command line', () => {
  let tdb: TestDatabase;
  let db: Db;
  let double: MeiliDouble;
  let dataDir: string;
  const ids: string[] = [];
  const saved = { ...process.env };
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
    const error = vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
    try {
      const code = await runCli(argv).catch((e: Error) => {
        lines.push(e.message);
        return -1;
      });
      return { code, text: lines.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  beforeAll(async () => {
    double = await new MeiliDouble().start();
    ({ tdb, db } = await openMigratedTestDatabase('PostgreSQL'));
    await insertFixtureAgency(db);
    const ctx = { rules: DEFAULT_PUBLICATION_RULES, today: '2026-11-22', now: new Date(), publishedOn: '2026-11-01' };
    for (const n of [1, 2, 3])
      ids.push(
        (
          await db.transaction((tx) =>
            storeDisclosure(
              tx,
              disclosureInput({ decisionNo: `滨示市监罚〔2026〕${n}号`, decisionDate: '2026-10-20' }),
              ctx,
            ),
          )
        ).id,
      );
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-cli-'));
    Object.assign(process.env, { DATABASE_URL: tdb.url, MEILI_HOST: double.host, SUNLIGHT_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    process.env = saved;
    await tdb?.dispose();
    await double?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to write while a portal elsewhere holds the jobs lease, and rebuilds once it is free', async () => {
    const portal = new Lease(db, 'jobs', { holder: 'portal-on-another-host' });
    expect(await portal.confirm()).toBe(true);
    const refused = await run(['index', 'rebuild']);
    expect(refused.code).not.toBe(0);
    expect(refused.text).toMatch(/jobs lease/);
    expect(double.writes()).toEqual([]);

    await portal.stop();
    const done = await run(['index', 'rebuild']);
    expect(done.code).toBe(0);
    expect(double.ids(settings.index)).toEqual([...ids].sort());
    expect(double.requests.some((r) => r.path === '/swap-indexes')).toBe(true);
    // The command let go of the lease, so the portal can take it back at once.
    expect(await db.query(`SELECT holder FROM leases WHERE name = 'jobs'`)).toEqual([]);
  });
});
