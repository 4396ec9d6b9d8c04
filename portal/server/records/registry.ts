import type { RecordType } from '@sunlight/domain/schemas/record-type';
import { penaltySource } from '../disclosures/source';
import { permitSource } from '../permits/source';
import { inspectionResultSource } from '../inspection-results/source';
import type { PublicRecordSource } from './source';

/** Every record type the portal publishes. Add a type here and the change feed, Atom and search carry it. */
export const RECORD_SOURCES: readonly PublicRecordSource[] = [
  penaltySource as PublicRecordSource,
  permitSource as PublicRecordSource,
  inspectionResultSource as PublicRecordSource,
];

export function recordSource(type: RecordType): PublicRecordSource {
  const source = RECORD_SOURCES.find((s) => s.type === type);
  if (!source) throw new Error(`记录类型 ${type} 尚未登记`);
  return source;
}

/**
 * The record a change-log row names, whatever its type: (record_type, id, agency_id, record_no, status,
 * data, tombstone), for `CROSS JOIN LATERAL` on `change` (the alias of record_changes). Each event costs one
 * primary-key lookup, so a page of the feed costs the same however long the log and the tables grow; a plain
 * join on a UNION of the tables makes the planner misjudge the join and hash every table in full.
 */
export function changedRecordSql(change: string): string {
  return RECORD_SOURCES.map(
    (s) =>
      `SELECT '${s.type}'::text AS record_type, id, agency_id, ${s.numberSql} AS record_no, status, data, tombstone
       FROM ${s.table} WHERE ${change}.record_type = '${s.type}' AND id = ${change}.record_id`,
  ).join(' UNION ALL ');
}
