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

/** One row set over all record tables: (record_type, id, agency_id, record_no, status, data, tombstone). */
export function allRecordsSql(): string {
  return RECORD_SOURCES.map(
    (s) =>
      `SELECT '${s.type}'::text AS record_type, id, agency_id, ${s.numberSql} AS record_no, status, data, tombstone FROM ${s.table}`,
  ).join(' UNION ALL ');
}
