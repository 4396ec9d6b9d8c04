import type { APIRoute } from 'astro';
import { submitCheckIn } from '../../../../../server/inspections/evaluations';
import { evaluationsClosed, jsonBody, preflight, PUBLIC_CORS, refusal } from '../../../../../server/inspections/http';
import { authenticate } from '../../../../../server/ingest/tokens';
import { getRuntime } from '../../../../../server/runtime';

/**
 * POST /api/v1/certificates/{no}/checkins — 事中登记 by the inspected enterprise:
 * `{"clientId": uuid, "creditCode": "…", "token": "<jws>", "credentialsShown": true}`. Idempotent by clientId.
 */
export const POST: APIRoute = async ({ params, request }) => {
  const runtime = await getRuntime();
  const site = runtime.config.siteUrl;
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const result = await submitCheckIn(runtime.db, params.no ?? '', body.value);
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

/** Check-ins are never readable through the API with an agency token (403) or anonymously (401). */
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
