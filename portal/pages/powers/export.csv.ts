import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../server/csv';
import { parsePowerFilters, POWER_CSV_HEADERS, powersCsvRows } from '../../server/catalogue/powers';

/** GET /powers/export.csv?… — the powers list under the same filters as /powers, all pages. */
export const GET: APIRoute = async ({ url, locals }) => {
  const { db } = locals.runtime;
  const rows = await powersCsvRows(db, parsePowerFilters(url.searchParams));
  return csvResponse(toCsv(POWER_CSV_HEADERS, rows), '权责清单.csv', 'powers.csv');
};
