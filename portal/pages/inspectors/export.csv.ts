import { csvExport, inspectorsList } from '../../server/catalogue/lists';

/** GET /inspectors/export.csv?… — officers (public fields only) under the same filters as /inspectors, all pages. */
export const GET = csvExport(inspectorsList);
