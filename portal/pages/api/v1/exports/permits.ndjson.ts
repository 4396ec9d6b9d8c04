import { permitExport } from '../../../../server/permits/export';
import { recordExportRoute } from '../../../../server/opendata/record-export';

/** GET /api/v1/exports/permits.ndjson — every valid public permit, streamed. */
export const GET = recordExportRoute(permitExport, 'ndjson');
