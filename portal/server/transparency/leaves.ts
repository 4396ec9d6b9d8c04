import { createHash } from 'node:crypto';
import { leafText, publicFormHash, type LogEvent, type LogLeaf } from '@sunlight/verify/public-log';
import { isPublicDisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { Db } from '../db/types';
import { CHANGE_LOG_LOCK } from '../records/change-log';
import { recordSource } from '../records/registry';

/** One public-record event to log: the change-log row it comes from. */
export interface LoggedEvent {
  seq: number | null;
  type: RecordType | 'draw' | 'certificate';
  id: string;
  event: LogEvent;
  at: Date;
  /** The public form, when it is not a record table's row (a draw's commitment). */
  form?: unknown;
}

/** SHA-256(0x00 ‖ leaf), RFC 9162 §2.1.1, as hex (node's hash: appends run in the portal only). */
export function leafHashHex(text: string): string {
  return createHash('sha256').update(Buffer.of(0)).update(text, 'utf8').digest('hex');
}

/**
 * The public form each event is about, read in the event's own transaction after the record was written:
 * the public data after a publication or correction, the tombstone after a withdrawal or expiry.
 */
async function publicForms(tx: Db, events: readonly LoggedEvent[]): Promise<Map<string, unknown>> {
  const forms = new Map<string, unknown>();
  const byType = new Map<RecordType, string[]>();
  for (const e of events) {
    if (e.form === undefined && e.type !== 'draw' && e.type !== 'certificate') {
      byType.set(e.type, [...(byType.get(e.type) ?? []), e.id]);
    }
  }
  for (const [type, ids] of byType) {
    const rows = await tx.query<{ id: string; data: unknown; tombstone: unknown }>(
      `SELECT id, data, tombstone FROM ${recordSource(type).table} WHERE id = ANY($1::text[])`,
      [ids],
    );
    for (const r of rows) forms.set(`${type}:${r.id}`, r);
  }
  return forms;
}

/**
 * Appends one leaf per event, in order, at the end of the log. The caller holds the change-log lock
 * (CHANGE_LOG_LOCK), so leaf order is commit order and the next index is the count so far.
 */
export async function appendLeaves(tx: Db, events: readonly LoggedEvent[]): Promise<number[]> {
  if (!events.length) return [];
  const forms = await publicForms(tx, events);
  const [{ next }] = (await tx.query<{ next: number }>(
    'SELECT coalesce(max(idx) + 1, 0)::int8 AS next FROM log_leaves',
  )) as [{ next: number }];
  const rows = events.map((e, i) => {
    const row = forms.get(`${e.type}:${e.id}`) as { data: unknown; tombstone: unknown } | undefined;
    const form = e.form ?? (isPublicDisclosureStatus(e.event) ? row?.data : row?.tombstone);
    const leaf: LogLeaf = {
      v: 1,
      type: e.type,
      id: e.id,
      event: e.event,
      at: e.at.toISOString(),
      sha256: form == null ? null : publicFormHash(form),
    };
    const text = leafText(leaf);
    return {
      idx: Number(next) + i,
      seq: e.seq,
      type: e.type,
      id: e.id,
      event: e.event,
      leaf: text,
      hash: leafHashHex(text),
      at: leaf.at,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.query(
      `INSERT INTO log_leaves (idx, change_seq, record_type, record_id, event, leaf, hash, at)
       SELECT (e->>'idx')::int8, (e->>'seq')::int8, e->>'type', e->>'id', e->>'event', e->>'leaf',
              decode(e->>'hash', 'hex'), (e->>'at')::timestamptz
       FROM jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(rows.slice(i, i + 1000))],
    );
  }
  return rows.map((r) => r.idx);
}

/**
 * Logs the change-log events that have no leaf yet (a database from before the log existed), in change-log
 * order, with the public form as it is now. Runs at start-up under the change-log lock; a no-op once caught up.
 */
export async function logUnloggedChanges(tx: Db): Promise<number> {
  const rows = await tx.query<{ seq: number; record_type: RecordType; record_id: string; kind: LogEvent; at: Date }>(
    `SELECT seq, record_type, record_id, kind, at FROM record_changes
     WHERE seq > coalesce((SELECT max(change_seq) FROM log_leaves), 0)
     ORDER BY seq`,
  );
  await appendLeaves(
    tx,
    rows.map((r) => ({ seq: Number(r.seq), type: r.record_type, id: r.record_id, event: r.kind, at: new Date(r.at) })),
  );
  return rows.length;
}

/**
 * Logs events that are not change-log rows (a certificate issued or revoked, a draw's commitment), with their
 * public form given, under the change-log lock so they interleave with record events in commit order.
 * Returns their leaf indexes.
 */
export async function logEvents(tx: Db, events: readonly Omit<LoggedEvent, 'seq'>[]): Promise<number[]> {
  if (!events.length) return [];
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  return appendLeaves(
    tx,
    events.map((e) => ({ ...e, seq: null })),
  );
}

/** What a certificate's log entries hash: the signed token at issue (what its QR code carries), the revocation. */
export const certificateIssuedForm = (certificateNo: string, token: string) => ({ certificateNo, token });
export const certificateRevokedForm = (certificateNo: string, revokedAt: Date, reason: string) => ({
  certificateNo,
  revokedAt: revokedAt.toISOString(),
  reason,
});
