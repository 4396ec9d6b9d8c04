import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../server/csv';
import { AGENCY_CSV_HEADERS, agenciesCsvRows, parseAgencyFilters } from '../../server/catalogue/agencies';

/** GET /agencies/export.csv?… — the agencies under the same filters as /agencies. */
export const GET: APIRoute = async ({ url, locals }) => {
  const rows = await agenciesCsvRows(locals.runtime.db, parseAgencyFilters(url.searchParams));
  return csvResponse(toCsv(AGENCY_CSV_HEADERS, rows), '执法主体.csv', 'agencies.csv');
};
