import { csvExport, powersList } from '../../server/catalogue/lists';

/** GET /powers/export.csv?… — the powers list under the same filters as /powers, all pages. */
export const GET = csvExport(powersList);
