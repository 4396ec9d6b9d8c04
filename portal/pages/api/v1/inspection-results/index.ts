import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { invalidQuery } from '../../../../server/http/problem';
import { withResultLinks } from '../../../../server/inspection-results/links';
import { ResultListQuerySchema, resultFilter } from '../../../../server/inspection-results/params';
import { listInspectionResults } from '../../../../server/inspection-results/read';
import { InspectionResultListSchema } from '../../../../server/opendata/api-schemas';
import { parseParams } from '../../../../server/opendata/params';

/** GET /api/v1/inspection-results — public inspection results (filters: agency, result, source, dates), paged. */
export const GET: APIRoute = async ({ url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(ResultListQuerySchema, url.searchParams);
  if (!parsed.ok) return invalidQuery(site, parsed.errors);
  const { page, pageSize } = parsed.value;
  const list = await listInspectionResults(runtime.db, resultFilter(parsed.value), page, pageSize);
  return answer(
    InspectionResultListSchema,
    { total: list.total, page, pageSize, items: list.items.map((r) => withResultLinks(r, site)) },
    { headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } },
  );
};
