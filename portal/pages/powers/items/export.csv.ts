import { csvExport, enforcementItemsList } from '../../../server/catalogue/lists';

/** GET /powers/items/export.csv?… — the enforcement-item catalogue under the same filters as /powers/items, all pages. */
export const GET = csvExport(enforcementItemsList);
