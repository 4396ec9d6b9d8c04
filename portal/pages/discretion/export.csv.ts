import { csvExport, discretionList } from '../../server/catalogue/lists';

/** GET /discretion/export.csv?… — the four lists under the same filters as /discretion, all pages. */
export const GET = csvExport(discretionList);
