import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../server/csv';
import { LAW_CSV_HEADERS, lawsCsvRows, parseLawFilters } from '../../server/catalogue/laws';

/** GET /laws/export.csv?… — the law library's index under the same filters as /laws. */
export const GET: APIRoute = async ({ url, locals }) => {
  const rows = await lawsCsvRows(locals.runtime.db, parseLawFilters(url.searchParams));
  return csvResponse(toCsv(LAW_CSV_HEADERS, rows), '法律法规库.csv', 'laws.csv');
};
