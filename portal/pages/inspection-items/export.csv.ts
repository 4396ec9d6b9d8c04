import { csvExport, inspectionItemsList } from '../../server/catalogue/lists';

/** GET /inspection-items/export.csv?… — the inspection-item list under the same filters as /inspection-items, all pages. */
export const GET = csvExport(inspectionItemsList);
