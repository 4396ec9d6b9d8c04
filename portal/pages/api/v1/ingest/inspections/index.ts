import type { APIRoute } from 'astro';
import { agencyJson, refusal } from '../../../../../server/inspections/http';
import { issueInspection } from '../../../../../server/inspections/issue';
import { openKeyRing } from '../../../../../server/inspections/keys';
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
  const req = await agencyJson(runtime, request);
  if (req instanceof Response) return req;
  const key = request.headers.get('idempotency-key')?.trim();
  const keys = await openKeyRing(runtime.config, runtime.db);
  const result = await issueInspection(runtime.db, req.body, req.agency, {
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
