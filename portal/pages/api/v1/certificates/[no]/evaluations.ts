import type { APIRoute } from 'astro';
import { submitEvaluation } from '../../../../../server/inspections/evaluations';
import { evaluationsClosed, jsonBody, preflight, PUBLIC_CORS, refusal } from '../../../../../server/inspections/http';
import { authenticate } from '../../../../../server/ingest/tokens';
import { getRuntime } from '../../../../../server/runtime';

/**
 * POST /api/v1/certificates/{no}/evaluations — 事后评价 by the inspected enterprise:
 * `{"clientId", "creditCode", "token", "ratings": {lawfulness, courtesy, integrity, efficiency, overall}, "problems": […], "comment"}`.
 * One per certificate, replaceable for 7 days, then final; idempotent by clientId. Agencies never read it.
 */
export const POST: APIRoute = async ({ params, request }) => {
  const runtime = await getRuntime();
  const site = runtime.config.siteUrl;
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const result = await submitEvaluation(runtime.db, params.no ?? '', body.value);
  if (!result.ok) return withCors(refusal(site, result));
  return Response.json(result.body, {
    status: result.status,
    headers: {
      ...PUBLIC_CORS,
      'cache-control': 'no-store',
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  });
};

/** Evaluations are never readable through the API with an agency token (403) or anonymously (401). */
export const GET: APIRoute = async ({ request }) => {
  const runtime = await getRuntime();
  const auth = request.headers.get('authorization');
  return evaluationsClosed(runtime.config.siteUrl, !!(auth && (await authenticate(runtime.db, auth))));
};

export const OPTIONS: APIRoute = () => preflight();

function withCors(res: Response): Response {
  for (const [k, v] of Object.entries(PUBLIC_CORS)) res.headers.set(k, v);
  return res;
}
