import { csvExport, agenciesList } from '../../server/catalogue/lists';

/** GET /agencies/export.csv?… — the agencies under the same filters as /agencies, all pages. */
export const GET = csvExport(agenciesList);
