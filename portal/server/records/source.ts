import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { AgencyNames } from '@sunlight/search-indexer/document';
import type { SearchDoc } from '@sunlight/search-indexer/types';

/**
 * How the type-independent surfaces (change feed, Atom, search) read one record type. Every record
 * table has the columns `id`, `agency_id`, `status` (the disclosure status vocabulary: published,
 * corrected, withdrawn, expired, plus states that were never public), `data` (the public form only)
 * and `tombstone`.
 */
export interface PublicRecordSource<T = unknown> {
  type: RecordType;
  table: string;
  /** SQL expression over the table's columns giving the record's number (决定书文号, 许可文书号, task no). */
  numberSql: string;
  /** The index document of a public record. */
  searchDoc(data: T, agency: AgencyNames): SearchDoc;
  /** Atom entry: who the record is about, and one sentence of what it says. */
  party(data: T): string;
  summary(data: T): string;
}
