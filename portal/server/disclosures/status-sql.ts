import {
  COUNTED_DISCLOSURE_STATUSES,
  ENDED_DISCLOSURE_STATUSES,
  PUBLIC_DISCLOSURE_STATUSES,
} from '@sunlight/domain/schemas/disclosure';

/** The domain's status lists as SQL value lists, for `status IN ${…}` (constants, never user input). */
const sqlList = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;

/** What the public sees. */
export const PUBLIC_STATUS_SQL = sqlList(PUBLIC_DISCLOSURE_STATUSES);
/** Off the public surfaces: only a tombstone. */
export const ENDED_STATUS_SQL = sqlList(ENDED_DISCLOSURE_STATUSES);
/** Decisions that were once public, for statistics. */
export const COUNTED_STATUS_SQL = sqlList(COUNTED_DISCLOSURE_STATUSES);
