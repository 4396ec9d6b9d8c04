import type { APIRoute } from 'astro';
import { listHeld } from '../../../../../server/disclosures/review';
import { requireAgency } from '../../../../../server/http/request';
import { ReviewQueueSchema } from '../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../server/http/answer';

/**
 * GET /api/v1/ingest/disclosures/review — the agency's decisions held for review: which field, why,
 * the redacted preview and the pushed text to correct. Release with POST …/{id}/release.
 */
export const GET: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const held = await listHeld(runtime.db, agency);
  const site = runtime.config.siteUrl;
  return answer(
    ReviewQueueSchema,
    {
      total: held.length,
      held: held.map((h) => ({ ...h, releaseUrl: `${site}/api/v1/ingest/disclosures/${h.id}/release` })),
    },
    { headers: { 'cache-control': 'no-store' } },
  );
};
