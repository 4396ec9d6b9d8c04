import type { APIRoute } from 'astro';
import { getDb } from '../../server/runtime';
import { csvResponse, toCsv } from '../../server/csv';
import { DISCRETION_CSV_HEADERS, discretionCsvRows, parseDiscretionFilters } from '../../server/catalogue/discretion';

/** GET /discretion/export.csv?… — the four lists under the same filters as /discretion. */
export const GET: APIRoute = async ({ url }) => {
  const rows = await discretionCsvRows(await getDb(), parseDiscretionFilters(url.searchParams));
  return csvResponse(toCsv(DISCRETION_CSV_HEADERS, rows), '四张清单.csv', 'discretion.csv');
};
