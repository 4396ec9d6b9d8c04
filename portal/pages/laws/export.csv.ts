import { csvExport, lawsList } from '../../server/catalogue/lists';

/** GET /laws/export.csv?… — the law library's index under the same filters as /laws, all pages. */
export const GET = csvExport(lawsList);
