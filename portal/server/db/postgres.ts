import pg from 'pg';
import type { Db, SqlParam } from './types';

// Return int8/numeric as numbers where safe, dates as ISO strings: the same shapes PGlite gives.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

function clientDb(client: pg.PoolClient): Db {
  return {
    kind: 'PostgreSQL',
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const res = await client.query(sql, params as unknown[]);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(clientDb(client)),
    async close() {},
  };
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'sunlight' });
  let closing = false;
  // An idle connection the server ends (restart, failover, an administrator) is an 'error' on the pool;
  // without a listener Node would stop the whole portal. The pool opens a new connection on next use.
  pool.on('error', (err) => {
    if (!closing) console.error(`[db] PostgreSQL closed an idle connection (${err.message}); reconnecting on next use`);
  });
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'PostgreSQL',
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const res = await pool.query(sql, params as unknown[]);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(clientDb(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      closing = true;
      await pool.end();
    },
  };
}
