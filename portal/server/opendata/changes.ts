import {
  isEndedDisclosureStatus,
  type DisclosureStatus,
  type PublicDisclosure,
  type Withdrawal,
} from '@sunlight/domain/schemas/disclosure';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';

export type ChangeKind = DisclosureStatus;

export interface ChangeEvent {
  seq: number;
  /** Pass as `since` to receive the events after this one. */
  cursor: string;
  id: string;
  kind: ChangeKind;
  at: string;
  agencyId: string;
  /** For withdrawn/expired: the published reason. */
  reason: string | null;
  /** For withdrawn: 变更/撤销/确认违法/确认无效. */
  withdrawalType: Withdrawal['type'] | null;
  decisionNo: string;
  /**
   * For published/corrected: the record as it is public now. Null when the record has since left the
   * public set (a later withdrawn/expired event follows), so replaying old events never resurrects
   * withdrawn content.
   */
  record: PublicDisclosure | null;
}

export const MAX_CHANGES = 1000;

/** Events after `since` in commit order (the change log is written under a lock; see store.ts). */
export function changesSince(db: Db, since: number, limit: number, agencyId?: string): Promise<ChangeEvent[]> {
  return selectChanges(db, since, limit, agencyId, 'ASC');
}

/** Newest events first, for Atom feeds. */
export function recentChanges(db: Db, limit: number, agencyId?: string): Promise<ChangeEvent[]> {
  return selectChanges(db, 0, limit, agencyId, 'DESC');
}

async function selectChanges(
  db: Db,
  since: number,
  limit: number,
  agencyId: string | undefined,
  order: 'ASC' | 'DESC',
): Promise<ChangeEvent[]> {
  const rows = await db.query<{
    seq: number;
    disclosure_id: string;
    kind: ChangeKind;
    reason: string | null;
    at: Date;
    agency_id: string;
    decision_no: string;
    status: string;
    data: PublicDisclosure | null;
    withdrawal_type: Withdrawal['type'] | null;
  }>(
    `SELECT c.seq::int8 AS seq, c.disclosure_id, c.kind, c.reason, c.at, d.agency_id, d.decision_no, d.status,
            CASE WHEN d.status IN ${PUBLIC_STATUS_SQL} AND c.kind IN ${PUBLIC_STATUS_SQL} THEN d.data END AS data,
            CASE WHEN c.kind = 'withdrawn' THEN d.tombstone->>'withdrawalType' END AS withdrawal_type
     FROM disclosure_changes c JOIN disclosures d ON d.id = c.disclosure_id
     WHERE c.seq > $1 AND ($3::text IS NULL OR d.agency_id = $3)
     ORDER BY c.seq ${order} LIMIT $2`,
    [since, limit, agencyId ?? null],
  );
  return rows.map((r) => ({
    seq: r.seq,
    cursor: String(r.seq),
    id: r.disclosure_id,
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    agencyId: r.agency_id,
    reason: isEndedDisclosureStatus(r.kind) ? r.reason : null,
    withdrawalType: r.withdrawal_type,
    decisionNo: r.decision_no,
    record: r.data,
  }));
}

export async function latestSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: number | null }>('SELECT max(seq)::int8 AS seq FROM disclosure_changes');
  return row?.seq ?? 0;
}
