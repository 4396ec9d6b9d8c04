import { resultExport } from '../../../../server/inspection-results/export';
import { recordExportRoute } from '../../../../server/opendata/record-export';

/** GET /api/v1/exports/inspection-results.csv — every public inspection result, streamed. */
export const GET = recordExportRoute(resultExport, 'csv');
