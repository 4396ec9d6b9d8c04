import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../../../server/csv';
import {
  ENFORCEMENT_ITEM_CSV_HEADERS,
  enforcementItemsCsvRows,
  parseEnforcementItemFilters,
} from '../../../server/catalogue/enforcement-items';

/** GET /powers/items/export.csv?… — the enforcement-item catalogue under the same filters as /powers/items. */
export const GET: APIRoute = async ({ url, locals }) => {
  const rows = await enforcementItemsCsvRows(locals.runtime.db, parseEnforcementItemFilters(url.searchParams));
  return csvResponse(toCsv(ENFORCEMENT_ITEM_CSV_HEADERS, rows), '行政执法事项目录.csv', 'enforcement-items.csv');
};
