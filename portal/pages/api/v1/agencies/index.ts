import type { APIRoute } from 'astro';
import { AgencyListSchema } from '@sunlight/api-client/schemas';
import { answer } from '../../../../server/http/answer';

/** GET /api/v1/agencies — the published enforcement bodies, for pickers (反映问题). */
export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  const rows = await runtime.db.query<{ id: string; name: string; short_name: string | null }>(
    'SELECT id, name, short_name FROM agencies ORDER BY name',
  );
  return answer(
    AgencyListSchema,
    {
      agencies: rows.map((r) => ({
        id: r.id,
        name: r.name,
        shortName: r.short_name ?? r.name,
        url: `${runtime.config.siteUrl}/agencies/${r.id}`,
      })),
    },
    { headers: { 'cache-control': 'public, max-age=300' } },
  );
};
