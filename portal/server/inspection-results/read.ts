import type { PublicInspectionResult } from '@sunlight/domain/schemas/inspection-result';
import { keysetBatches } from '../db/keyset';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import type { Tombstone } from '../disclosures/tombstone';

export type ResultLookup =
  | { kind: 'public'; record: PublicInspectionResult; updatedAt: string; penaltyId: string | null }
  | { kind: 'gone'; id: string; tombstone: Tombstone; updatedAt: string }
  | { kind: 'missing' };

/**
 * What the public may know about one result: the public form while published or corrected, the tombstone
 * once withdrawn, and nothing at all while it is still scheduled or when it was withdrawn before it was
 * ever public (it answers as if it did not exist).
 */
export async function lookupInspectionResult(db: Db, id: string): Promise<ResultLookup> {
  const [row] = await db.query<{
    data: PublicInspectionResult | null;
    tombstone: Tombstone | null;
    status: string;
    updated_at: Date;
    penalty_id: string | null;
  }>(
    `SELECT CASE WHEN r.status IN ${PUBLIC_STATUS_SQL} THEN r.data END AS data,
            CASE WHEN r.status = 'withdrawn' AND EXISTS (SELECT 1 FROM record_changes c
                   WHERE c.record_type = 'inspection-result' AND c.record_id = r.id) THEN r.tombstone END AS tombstone,
            r.status, r.updated_at,
            (SELECT d.id FROM disclosures d WHERE d.agency_id = r.agency_id AND d.decision_no = r.penalty_decision_no
               AND d.status IN ${PUBLIC_STATUS_SQL}) AS penalty_id
     FROM inspection_results r WHERE r.id = $1`,
    [id],
  );
  if (!row) return { kind: 'missing' };
  const updatedAt = new Date(row.updated_at).toISOString();
  if (row.data) return { kind: 'public', record: row.data, updatedAt, penaltyId: row.penalty_id };
  if (row.tombstone) return { kind: 'gone', id, tombstone: row.tombstone, updatedAt };
  return { kind: 'missing' };
}

export interface ResultFilter {
  agency?: string | undefined;
  result?: string | undefined;
  source?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  drawId?: string | undefined;
  creditCode?: string | undefined;
}

export interface ResultRow extends PublicInspectionResult {
  /** The public penalty that followed (its page id), when there is one. */
  penaltyId: string | null;
}

const WHERE = `r.status IN ${PUBLIC_STATUS_SQL}
  AND ($1::text IS NULL OR r.agency_id = $1) AND ($2::text IS NULL OR r.result = $2)
  AND ($3::text IS NULL OR r.source = $3) AND ($4::date IS NULL OR r.completed_on >= $4)
  AND ($5::date IS NULL OR r.completed_on <= $5) AND ($6::text IS NULL OR r.draw_id = $6)
  AND ($7::text IS NULL OR r.enterprise_credit_code = $7)`;

const filterParams = (f: ResultFilter) => [
  f.agency ?? null,
  f.result ?? null,
  f.source ?? null,
  f.dateFrom ?? null,
  f.dateTo ?? null,
  f.drawId ?? null,
  f.creditCode ?? null,
];

const PENALTY_ID = `(SELECT d.id FROM disclosures d WHERE d.agency_id = r.agency_id AND d.decision_no = r.penalty_decision_no
  AND d.status IN ${PUBLIC_STATUS_SQL}) AS penalty_id`;

/** One page of public results, newest completion first. */
export async function listInspectionResults(
  db: Db,
  filter: ResultFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: ResultRow[] }> {
  const params = filterParams(filter);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM inspection_results r WHERE ${WHERE}`,
    params,
  );
  const rows = await db.query<{ data: PublicInspectionResult; penalty_id: string | null }>(
    `SELECT r.data, ${PENALTY_ID} FROM inspection_results r WHERE ${WHERE}
     ORDER BY r.completed_on DESC, r.id LIMIT $8 OFFSET $9`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  return { total: n, items: rows.map((r) => ({ ...r.data, penaltyId: r.penalty_id })) };
}

/** Every public result under a filter (a draw's or an enterprise's few), newest first. */
export async function allInspectionResults(db: Db, filter: ResultFilter, limit = 500): Promise<ResultRow[]> {
  return (await listInspectionResults(db, filter, 1, limit)).items;
}

/** Public results in id order (with the penalty that followed), a batch at a time, for the exports. */
export async function* publicInspectionResults(
  db: Db,
  filter: ResultFilter,
  batch = 1000,
): AsyncGenerator<ResultRow[]> {
  const page = (after: string) =>
    db.query<{ id: string; data: PublicInspectionResult; penalty_id: string | null }>(
      `SELECT r.id, r.data, ${PENALTY_ID} FROM inspection_results r WHERE ${WHERE} AND r.id > $8 ORDER BY r.id LIMIT $9`,
      [...filterParams(filter), after, batch],
    );
  for await (const rows of keysetBatches(page)) yield rows.map((r) => ({ ...r.data, penaltyId: r.penalty_id }));
}
