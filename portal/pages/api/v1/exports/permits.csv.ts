import { permitExportRoute } from '../../../../server/permits/export-route';

/** GET /api/v1/exports/permits.csv — every valid public permit (filters: agency, category, dateFrom, dateTo, q), streamed. */
export const GET = permitExportRoute('csv');
