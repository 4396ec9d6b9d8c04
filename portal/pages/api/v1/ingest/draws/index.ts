import type { APIRoute } from 'astro';
import { createDraw } from '../../../../../server/inspections/draws';
import { jsonBody, refusal } from '../../../../../server/inspections/http';
import { requireAgency } from '../../../../../server/http/request';
import { DrawAnswerSchema } from '../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../server/http/answer';

/**
 * POST /api/v1/ingest/draws — starts a 双随机 draw for the token's agency: fixes the object and officer
 * pools and publishes the SHA-256 commitment of a server-generated seed. Reveal it with …/{id}/reveal.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const result = await createDraw(runtime.db, agency, body.value);
  if (!result.ok) return refusal(site, result);
  const url = `${site}/draws/${result.draw.id}`;
  return answer(
    DrawAnswerSchema,
    { ...result.draw, url, revealUrl: `${site}/api/v1/ingest/draws/${result.draw.id}/reveal` },
    { status: 201, headers: { location: url, 'cache-control': 'no-store' } },
  );
};
