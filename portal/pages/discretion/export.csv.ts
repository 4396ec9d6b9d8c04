import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../server/csv';
import { DISCRETION_CSV_HEADERS, discretionCsvRows, parseDiscretionFilters } from '../../server/catalogue/discretion';

/** GET /discretion/export.csv?… — the four lists under the same filters as /discretion. */
export const GET: APIRoute = async ({ url, locals }) => {
  const rows = await discretionCsvRows(locals.runtime.db, parseDiscretionFilters(url.searchParams));
  return csvResponse(toCsv(DISCRETION_CSV_HEADERS, rows), '四张清单.csv', 'discretion.csv');
};
