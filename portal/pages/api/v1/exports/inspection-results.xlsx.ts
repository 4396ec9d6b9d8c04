import { resultExport } from '../../../../server/inspection-results/export';
import { recordExportRoute } from '../../../../server/opendata/record-export';

/** GET /api/v1/exports/inspection-results.xlsx — every public inspection result as a workbook, streamed. */
export const GET = recordExportRoute(resultExport, 'xlsx');
