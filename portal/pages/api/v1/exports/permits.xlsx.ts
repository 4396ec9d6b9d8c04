import { permitExport } from '../../../../server/permits/export';
import { recordExportRoute } from '../../../../server/opendata/record-export';

/** GET /api/v1/exports/permits.xlsx — every valid public permit as a workbook (identifiers as text), streamed. */
export const GET = recordExportRoute(permitExport, 'xlsx');
