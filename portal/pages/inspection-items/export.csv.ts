import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../server/csv';
import {
  INSPECTION_ITEM_CSV_HEADERS,
  inspectionItemsCsvRows,
  parseInspectionItemFilters,
} from '../../server/catalogue/inspection-items';

/** GET /inspection-items/export.csv?… — the inspection-item list under the same filters as /inspection-items. */
export const GET: APIRoute = async ({ url, locals }) => {
  const rows = await inspectionItemsCsvRows(locals.runtime.db, parseInspectionItemFilters(url.searchParams));
  return csvResponse(toCsv(INSPECTION_ITEM_CSV_HEADERS, rows), '检查事项清单.csv', 'inspection-items.csv');
};
