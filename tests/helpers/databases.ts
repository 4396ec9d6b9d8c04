import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../portal/server/db/migrate';
import { openPglite } from '../../portal/server/db/pglite';
import { openPostgres } from '../../portal/server/db/postgres';
import type { Db } from '../../portal/server/db/types';

export interface TestDatabase {
  kind: 'PGlite' | 'PostgreSQL';
  /** Opens a new connection (pool) to the same database. */
  open(): Promise<Db>;
  url?: string;
  dispose(): Promise<void>;
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set (each gets a fresh, throwaway database). */
export function databaseKinds(): ('PGlite' | 'PostgreSQL')[] {
  return process.env.DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
}

export async function createTestDatabase(kind: 'PGlite' | 'PostgreSQL'): Promise<TestDatabase> {
  if (kind === 'PGlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-db-'));
    let db: Db | undefined;
    return {
      kind,
      open: async () => (db ??= await openPglite(dir)),
      dispose: async () => {
        await db?.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `sunlight_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const opened: Db[] = [];
  return {
    kind,
    url: url.toString(),
    open: async () => {
      const db = await openPostgres(url.toString());
      opened.push(db);
      return db;
    },
    dispose: async () => {
      for (const db of opened) await db.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh database of `kind`, opened, with the schema migrated. */
export async function openMigratedTestDatabase(kind: 'PGlite' | 'PostgreSQL'): Promise<{ tdb: TestDatabase; db: Db }> {
  const tdb = await createTestDatabase(kind);
  try {
    const db = await tdb.open();
    await migrate(db);
    return { tdb, db };
  } catch (err) {
    await tdb.dispose();
    throw err;
  }
}

/**
 * A fresh migrated database of `kind` for the enclosing describe block (opened before its tests, disposed
 * after them). Returns a getter: the database exists only once the block's tests run.
 */
export function migratedDatabaseForBlock(kind: 'PGlite' | 'PostgreSQL'): () => Db {
  let opened: { tdb: TestDatabase; db: Db } | undefined;
  beforeAll(async () => {
    opened = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => {
    await opened?.tdb.dispose();
  });
  return () => opened!.db;
}

/** The agency (scjgj, 区市监局) that disclosureInput() records belong to. */
export async function insertFixtureAgency(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO agencies (id, name, short_name, category, data) VALUES ('scjgj', '示例区市场监督管理局', '区市监局', 'C', '{}')`,
  );
}
