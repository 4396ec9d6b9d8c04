import type { APIRoute } from 'astro';
import { revealDraw } from '../../../../../../server/inspections/draws';
import { refusal } from '../../../../../../server/inspections/http';
import { requireAgency } from '../../../../../../server/http/request';
import { DrawAnswerSchema } from '../../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../../server/http/answer';

/** POST /api/v1/ingest/draws/{id}/reveal — publishes the seed and the result (idempotent). */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const result = await revealDraw(runtime.db, params.id ?? '', agency);
  if (!result.ok) return refusal(site, result);
  return answer(
    DrawAnswerSchema,
    { ...result.draw, url: `${site}/draws/${result.draw.id}` },
    { headers: { 'cache-control': 'no-store' } },
  );
};
