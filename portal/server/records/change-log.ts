import type { DisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { Db } from '../db/types';
import type { LogEvent } from '@sunlight/verify/public-log';
import { appendLeaves } from '../transparency/leaves';

/** Serialises writers of the change log so its sequence order is commit order. */
export const CHANGE_LOG_LOCK = 7_201_804_119;

/** The public life events every record type shares. */
export type ChangeKind = DisclosureStatus;

export interface ChangeEntry {
  type: RecordType;
  id: string;
  kind: ChangeKind;
  reason: string | null;
  at: Date;
}

/**
 * Appends one event to the change log inside the caller's transaction, and its leaf to the transparency
 * log. The advisory lock makes sequence order equal commit order, so a reader following `seq` never skips
 * an event that commits late, and the log's leaves are in the same order.
 */
export async function appendChange(tx: Db, entry: ChangeEntry): Promise<void> {
  await appendChanges(tx, [entry]);
}

/** Appends several events, in the given order, under one lock (bulk loads). */
export async function appendChanges(tx: Db, entries: readonly ChangeEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  const rows = await tx.query<{ seq: number }>(
    `INSERT INTO record_changes (record_type, record_id, kind, reason, at)
     SELECT e->>'type', e->>'id', e->>'kind', e->>'reason', (e->>'at')::timestamptz
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n
     RETURNING seq`,
    [JSON.stringify(entries.map((e) => ({ ...e, at: e.at.toISOString() })))],
  );
  const seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  await appendLeaves(
    tx,
    entries.map((e, i) => ({ seq: seqs[i] ?? null, type: e.type, id: e.id, event: e.kind as LogEvent, at: e.at })),
  );
}

/** The newest position of the change log (0 when empty). */
export async function latestSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: number | null }>('SELECT max(seq)::int8 AS seq FROM record_changes');
  return row?.seq ?? 0;
}

/** The newest position and when it was written, for ETag/Last-Modified of answers built on the public set. */
export async function latestChange(db: Db): Promise<{ seq: number; at: Date | null }> {
  const [row] = await db.query<{ seq: number | null; at: Date | null }>(
    'SELECT max(seq)::int8 AS seq, max(at) AS at FROM record_changes',
  );
  return { seq: row?.seq ?? 0, at: row?.at ? new Date(row.at) : null };
}
