import { isEndedDisclosureStatus, type PublicDisclosure, type Withdrawal } from '@sunlight/domain/schemas/disclosure';
import type { PublicInspectionResult } from '@sunlight/domain/schemas/inspection-result';
import type { PermitWithdrawalType, PublicPermit } from '@sunlight/domain/schemas/permit';
import { recordTypePaths, type RecordType } from '@sunlight/domain/schemas/record-type';
import type { z } from 'zod';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import type { ChangeKind } from '../records/change-log';
import { changedRecordSql } from '../records/registry';
import { withResultLinks } from '../inspection-results/links';
import { permitLine } from '../permits/export';
import type { ChangeEventSchema } from './api-schemas';
import { disclosureLine } from './export';

export { latestSeq } from '../records/change-log';
export type { ChangeKind };

export interface ChangeEvent {
  seq: number;
  /** Pass as `since` to receive the events after this one. */
  cursor: string;
  /** Which kind of public record changed: penalty, permit or inspection-result. */
  type: RecordType;
  id: string;
  kind: ChangeKind;
  at: string;
  agencyId: string;
  /** For withdrawn/expired: the published reason. */
  reason: string | null;
  /** For withdrawn: 变更/撤销/确认违法/确认无效 (penalties) or the type's own withdrawal reasons. */
  withdrawalType: Withdrawal['type'] | PermitWithdrawalType | null;
  /** The record's number: 决定书文号 (penalty, permit) or the inspection task's number. */
  decisionNo: string;
  /**
   * For published/corrected: the record as it is public now. Null when the record has since left the
   * public set (a later withdrawn/expired event follows), so replaying old events never resurrects
   * withdrawn content.
   */
  record: PublicDisclosure | PublicPermit | PublicInspectionResult | null;
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
    record_type: RecordType;
    record_id: string;
    kind: ChangeKind;
    reason: string | null;
    at: Date;
    agency_id: string;
    record_no: string;
    data: PublicDisclosure | PublicPermit | PublicInspectionResult | null;
    withdrawal_type: ChangeEvent['withdrawalType'];
  }>(
    `SELECT c.seq::int8 AS seq, c.record_type, c.record_id, c.kind, c.reason, c.at, r.agency_id, r.record_no,
            CASE WHEN r.status IN ${PUBLIC_STATUS_SQL} AND c.kind IN ${PUBLIC_STATUS_SQL} THEN r.data END AS data,
            CASE WHEN c.kind = 'withdrawn' THEN r.tombstone->>'withdrawalType' END AS withdrawal_type
     FROM record_changes c CROSS JOIN LATERAL (${changedRecordSql('c')}) r
     WHERE c.seq > $1 AND ($3::text IS NULL OR r.agency_id = $3)
     ORDER BY c.seq ${order} LIMIT $2`,
    [since, limit, agencyId ?? null],
  );
  return rows.map((r) => ({
    seq: r.seq,
    cursor: String(r.seq),
    type: r.record_type,
    id: r.record_id,
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    agencyId: r.agency_id,
    reason: isEndedDisclosureStatus(r.kind) ? r.reason : null,
    withdrawalType: r.withdrawal_type,
    decisionNo: r.record_no,
    record: r.data,
  }));
}

/** An event as GET /api/v1/changes answers it (ChangeEventSchema). */
export type PublicChangeEvent = z.input<typeof ChangeEventSchema>;

/**
 * The events as the change feed answers them: each with the addresses of the record's page (`url`) and
 * API answer (`apiUrl`), and its `record` in the same shape as the type's NDJSON export line and
 * GET /api/v1/<type>/{id} answer, so a mirror built from the feed equals the export.
 */
export async function publicChangeEvents(db: Db, events: ChangeEvent[], site: string): Promise<PublicChangeEvent[]> {
  const resultIds = events.filter((e) => e.type === 'inspection-result' && e.record).map((e) => e.id);
  const penaltyOf = new Map<string, string | null>();
  if (resultIds.length) {
    const rows = await db.query<{ id: string; penalty_id: string | null }>(
      `SELECT r.id, (SELECT d.id FROM disclosures d WHERE d.agency_id = r.agency_id
                       AND d.decision_no = r.penalty_decision_no AND d.status IN ${PUBLIC_STATUS_SQL}) AS penalty_id
       FROM inspection_results r WHERE r.id = ANY($1::text[])`,
      [resultIds],
    );
    for (const r of rows) penaltyOf.set(r.id, r.penalty_id);
  }
  return events.map((e) => {
    const path = `${recordTypePaths[e.type]}/${e.id}`;
    const record = !e.record
      ? null
      : e.type === 'penalty'
        ? disclosureLine(e.record as PublicDisclosure, site)
        : e.type === 'permit'
          ? permitLine(e.record as PublicPermit, site)
          : withResultLinks({ ...(e.record as PublicInspectionResult), penaltyId: penaltyOf.get(e.id) ?? null }, site);
    return { ...e, url: `${site}${path}`, apiUrl: `${site}/api/v1${path}`, record };
  });
}
