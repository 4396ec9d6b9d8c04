import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { invalidQuery } from '../../../../server/http/problem';
import { parseParams } from '../../../../server/opendata/params';
import { PermitListQuerySchema, PermitListResponseSchema } from '../../../../server/opendata/permit-schemas';
import { listPermits } from '../../../../server/permits/read';

/** GET /api/v1/permits — valid public permits, filtered (agency, 许可类别, dates, text) and paged. */
export const GET: APIRoute = async ({ url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(PermitListQuerySchema, url.searchParams);
  if (!parsed.ok) return invalidQuery(site, parsed.errors);
  const list = await listPermits(runtime.db, parsed.value);
  return answer(
    PermitListResponseSchema,
    {
      ...list,
      permits: list.permits.map((p) => ({
        ...p,
        url: `${site}/permits/${p.id}`,
        apiUrl: `${site}/api/v1/permits/${p.id}`,
      })),
    },
    { headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } },
  );
};
