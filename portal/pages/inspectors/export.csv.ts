import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../server/csv';
import { INSPECTOR_CSV_HEADERS, inspectorsCsvRows, parseInspectorFilters } from '../../server/catalogue/inspectors';

/** GET /inspectors/export.csv?… — officers (public fields only) under the same filters as /inspectors. */
export const GET: APIRoute = async ({ url, locals }) => {
  const rows = await inspectorsCsvRows(locals.runtime.db, parseInspectorFilters(url.searchParams));
  return csvResponse(toCsv(INSPECTOR_CSV_HEADERS, rows), '执法人员名单.csv', 'inspectors.csv');
};
