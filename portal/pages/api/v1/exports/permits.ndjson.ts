import { permitExportRoute } from '../../../../server/permits/export-route';

/** GET /api/v1/exports/permits.ndjson — every valid public permit (filters: agency, category, dateFrom, dateTo, q), streamed. */
export const GET = permitExportRoute('ndjson');
