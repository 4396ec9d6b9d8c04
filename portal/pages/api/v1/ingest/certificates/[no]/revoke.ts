import type { APIRoute } from 'astro';
import { revokeCertificate } from '../../../../../../server/inspections/certificates';
import { agencyCertificateNo, jsonBody } from '../../../../../../server/inspections/http';
import { describeFieldErrors, fieldErrors } from '../../../../../../server/ingest/validation';
import { problem } from '../../../../../../server/http/problem';
import { answer } from '../../../../../../server/http/answer';
import { RevokeRequestSchema, RevokeResultSchema } from '../../../../../../server/opendata/api-schemas';

/** POST /api/v1/ingest/certificates/{no}/revoke — `{"reason": "…"}`; the verify page shows 已撤销 with the reason. */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const req = await agencyCertificateNo(runtime, request, params.no);
  if (req instanceof Response) return req;
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const parsed = RevokeRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, { reason: '撤销理由' });
    return problem('validation-failed', site, describeFieldErrors(errors), { errors });
  }
  const result = await revokeCertificate(runtime.db, req.no, req.agency, parsed.data.reason);
  if (!result.ok) return problem(result.kind, site, result.detail);
  const { token: _token, ...certificate } = result.certificate;
  return answer(
    RevokeResultSchema,
    {
      outcome: result.changed ? 'revoked' : 'unchanged',
      ...certificate,
      verifyUrl: `${site}/verify/${certificate.certificateNo}`,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
};
