import { resultExportRoute } from '../../../../server/inspection-results/export';

/** GET /api/v1/exports/inspection-results.csv — every public inspection result, streamed. */
export const GET = resultExportRoute('csv');
