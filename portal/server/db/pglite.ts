import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, SqlParam } from './types';

type Runner = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(runner: Runner, root: PGlite | undefined): Db {
  return {
    kind: 'PGlite',
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const res = await runner.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      if (!root) return fn(wrap(runner, undefined)); // already inside a transaction
      return root.transaction((tx) => fn(wrap(tx, undefined)));
    },
    async close() {
      if (root && !root.closed) await root.close();
    },
  };
}

/** Opens (creating if needed) the embedded database under dataDir/pglite. */
export async function openPglite(dataDir: string | null): Promise<Db> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
  }
  const pg = await PGlite.create(dir, {
    extensions: { pg_trgm },
    // Same value shapes as the PostgreSQL adapter: int8/numeric as numbers, dates as YYYY-MM-DD strings.
    parsers: { 20: Number, 1700: Number, 1082: (v: string) => v },
  });
  return wrap(pg, pg);
}
