import type { APIRoute } from 'astro';
import { jsonBody, refusal } from '../../../../../server/inspections/http';
import { issueInspection } from '../../../../../server/inspections/issue';
import { openKeyRing } from '../../../../../server/inspections/keys';
import { requireAgency } from '../../../../../server/http/request';
import { IssuedInspectionSchema } from '../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../server/http/answer';

/**
 * POST /api/v1/ingest/inspections — an agency files an inspection task; the answer is its electronic
 * certificate: number, signed token and the verify URL the QR code encodes. Send `Idempotency-Key` to
 * make retries safe.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const key = request.headers.get('idempotency-key')?.trim();
  const keys = await openKeyRing(runtime.config, runtime.db);
  const result = await issueInspection(runtime.db, body.value, agency, {
    keys,
    siteUrl: site,
    ...(key ? { idempotencyKey: key.slice(0, 200) } : {}),
  });
  if (!result.ok) return refusal(site, result);
  return answer(IssuedInspectionSchema, result.body, {
    status: result.status,
    headers: { 'cache-control': 'no-store', ...(result.status === 201 ? { location: result.body.verifyUrl } : {}) },
  });
};
