export type SqlParam = string | number | boolean | null | Date | object | undefined;

/** The one data-access interface: plain PostgreSQL SQL with $1-style parameters, on PGlite or PostgreSQL. */
export interface Db {
  readonly kind: 'PGlite' | 'PostgreSQL';
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; a thrown error rolls everything back. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function one<T>(db: Db, sql: string, params?: readonly SqlParam[]): Promise<T> {
  const rows = await db.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
  return rows[0] as T;
}

export async function maybeOne<T>(db: Db, sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}
