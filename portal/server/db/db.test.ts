import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { loadMigrations, migrate } from './migrate';

describe.each(databaseKinds())('database layer on %s', (kind) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('applies every migration once and is idempotent on re-run', async () => {
    const db = await tdb.open();
    const first = await migrate(db);
    expect(first.applied.length).toBe(loadMigrations().length);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(loadMigrations().length);
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['agencies', 'disclosures', 'laws']));
  });

  it('refuses to continue when an applied migration was edited', async () => {
    const db = await tdb.open();
    await migrate(db);
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/校验和不一致/);
  });

  it('rolls back a failed transaction completely', async () => {
    const db = await tdb.open();
    await migrate(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO settings (key, data) VALUES ('rollback-probe', '{}'::jsonb)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await db.query(`SELECT 1 FROM settings WHERE key = 'rollback-probe'`);
    expect(rows).toEqual([]);
  });

  it('returns numbers and dates in the same shapes on both engines', async () => {
    const db = await tdb.open();
    const [row] = await db.query<{ big: number; num: number; day: string }>(
      `SELECT 9007199254740::int8 AS big, 12.5::numeric AS num, DATE '2025-03-04' AS day`,
    );
    expect(row).toEqual({ big: 9007199254740, num: 12.5, day: '2025-03-04' });
  });

  if (kind === 'PostgreSQL') {
    it('applies migrations exactly once when several processes start together', async () => {
      const fresh = await createTestDatabase('PostgreSQL');
      try {
        const dbs = await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
        const results = await Promise.all(dbs.map((db) => migrate(db)));
        const appliedTotal = results.reduce((n, r) => n + r.applied.length, 0);
        expect(appliedTotal).toBe(loadMigrations().length);
        expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      } finally {
        await fresh.dispose();
      }
    });

    it('keeps serving when the server ends its idle connections (restart, failover, an administrator)', async () => {
      const fresh = await createTestDatabase('PostgreSQL');
      try {
        const db = await fresh.open();
        await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
        const other = await fresh.open();
        const [row] = await other.query<{ ended: number }>(
          `SELECT count(*)::int AS ended FROM (
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid()) t`,
        );
        expect(row?.ended).toBeGreaterThanOrEqual(2);
        await new Promise((r) => setTimeout(r, 200));
        expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await fresh.dispose();
      }
    });
  }
});

describe('migration files', () => {
  it('have unique, increasing four-digit versions', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions.every((v) => /^\d{4}$/.test(v))).toBe(true);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort()).toEqual(versions);
  });

  it('ignores files that are not NNNN_name.sql', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, 'README.md'), '#');
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(['a']);
  });
});
