import { exportRoute } from '../../../../server/opendata/export-route';

/** GET /api/v1/exports/disclosures.xlsx — every public decision as a workbook (identifiers as text), streamed. */
export const GET = exportRoute('xlsx');
