import type { PublicPermit } from '@sunlight/domain/schemas/permit';
import { keysetBatches } from '../db/keyset';
import type { Db, SqlParam } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import type { PermitListQuery } from '../opendata/permit-schemas';
import type { PermitTombstoneData } from './tombstone';

export type PermitLookup =
  | { kind: 'public'; record: PublicPermit; updatedAt: string }
  | { kind: 'gone'; id: string; tombstone: PermitTombstoneData; updatedAt: string }
  | { kind: 'missing' };

/**
 * What the public may know about one permit: the public form while it is valid (published or corrected),
 * only the tombstone once it is withdrawn or expired. The restricted column is never read here.
 */
export async function lookupPermit(db: Db, id: string): Promise<PermitLookup> {
  const [row] = await db.query<{ data: PublicPermit | null; tombstone: PermitTombstoneData | null; updated_at: Date }>(
    `SELECT CASE WHEN status IN ${PUBLIC_STATUS_SQL} THEN data END AS data,
            CASE WHEN status NOT IN ${PUBLIC_STATUS_SQL} THEN tombstone END AS tombstone, updated_at
     FROM permits WHERE id = $1`,
    [id],
  );
  if (!row) return { kind: 'missing' };
  const updatedAt = new Date(row.updated_at).toISOString();
  if (row.data) return { kind: 'public', record: row.data, updatedAt };
  if (row.tombstone) return { kind: 'gone', id, tombstone: row.tombstone, updatedAt };
  return { kind: 'missing' };
}

export type PermitFilter = Omit<PermitListQuery, 'page' | 'pageSize'>;

/** LIKE pattern of the text filter with its wildcards escaped. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of the public set under a filter, with its parameters from $1. */
function where(f: PermitFilter): { sql: string; params: SqlParam[] } {
  const q = f.q?.trim();
  return {
    sql: `status IN ${PUBLIC_STATUS_SQL}
      AND ($1::text IS NULL OR agency_id = $1)
      AND ($2::text IS NULL OR permit_category = $2)
      AND ($3::date IS NULL OR decision_date >= $3) AND ($4::date IS NULL OR decision_date <= $4)
      AND ($5::text IS NULL OR data->>'partyName' ILIKE $5 OR decision_no ILIKE $5 OR party_credit_code = upper($6)
           OR data->>'licenceNo' ILIKE $5 OR data->>'licenceName' ILIKE $5)`,
    params: [
      f.agency ?? null,
      f.category ?? null,
      f.dateFrom ?? null,
      f.dateTo ?? null,
      q ? likePattern(q) : null,
      q ?? null,
    ],
  };
}

/** One page of public permits, newest decision first. */
export async function listPermits(
  db: Db,
  query: PermitListQuery,
): Promise<{ total: number; page: number; pageSize: number; pages: number; permits: PublicPermit[] }> {
  const w = where(query);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM permits WHERE ${w.sql}`,
    w.params,
  );
  const rows = await db.query<{ data: PublicPermit }>(
    `SELECT data FROM permits WHERE ${w.sql} ORDER BY decision_date DESC, id LIMIT $7 OFFSET $8`,
    [...w.params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    total: n,
    page: query.page,
    pageSize: query.pageSize,
    pages: Math.max(1, Math.ceil(n / query.pageSize)),
    permits: rows.map((r) => r.data),
  };
}

/** Public permits in id order, a batch at a time (exports): memory stays flat however many there are. */
export async function* publicPermits(db: Db, filter: PermitFilter, batch = 1000): AsyncGenerator<PublicPermit[]> {
  const w = where(filter);
  const page = (after: string) =>
    db.query<{ id: string; data: PublicPermit }>(
      `SELECT id, data FROM permits WHERE ${w.sql} AND id > $7 ORDER BY id LIMIT $8`,
      [...w.params, after, batch],
    );
  for await (const rows of keysetBatches(page)) yield rows.map((r) => r.data);
}

/** An enterprise's valid permits, newest first. */
export async function enterprisePermits(db: Db, creditCode: string): Promise<PublicPermit[]> {
  const rows = await db.query<{ data: PublicPermit }>(
    `SELECT data FROM permits WHERE party_credit_code = $1 AND status IN ${PUBLIC_STATUS_SQL}
     ORDER BY decision_date DESC, id`,
    [creditCode],
  );
  return rows.map((r) => r.data);
}
