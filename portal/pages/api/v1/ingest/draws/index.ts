import type { APIRoute } from 'astro';
import { createDraw } from '../../../../../server/inspections/draws';
import { agencyJson, refusal } from '../../../../../server/inspections/http';
import { DrawAnswerSchema } from '../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../server/http/answer';

/**
 * POST /api/v1/ingest/draws — starts a 双随机 draw for the token's agency: fixes the object and officer
 * pools and publishes the SHA-256 commitment of a server-generated seed. Reveal it with …/{id}/reveal.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const req = await agencyJson(runtime, request);
  if (req instanceof Response) return req;
  const result = await createDraw(runtime.db, req.agency, req.body);
  if (!result.ok) return refusal(site, result);
  const url = `${site}/draws/${result.draw.id}`;
  return answer(
    DrawAnswerSchema,
    { ...result.draw, url, revealUrl: `${site}/api/v1/ingest/draws/${result.draw.id}/reveal` },
    { status: 201, headers: { location: url, 'cache-control': 'no-store' } },
  );
};
