import { exportRoute } from '../../../../server/opendata/export-route';

/** GET /api/v1/exports/disclosures.ndjson — every public decision (filter: agency, dateFrom, dateTo), streamed. */
export const GET = exportRoute('ndjson');
