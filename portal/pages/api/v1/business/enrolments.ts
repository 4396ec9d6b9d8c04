import type { APIRoute } from 'astro';
import { businessEnrolmentFieldLabels, BusinessEnrolmentSchema } from '@sunlight/domain/schemas/evaluation';
import { exchangeEnrolmentCode } from '../../../../server/business-identity/local-enrolment';
import { businessIdentity } from '../../../../server/business-identity/port';
import { problem } from '../../../../server/http/problem';
import { describeFieldErrors, fieldErrors } from '../../../../server/ingest/validation';
import { jsonBody } from '../../../../server/inspections/http';
import { BusinessCredentialSchema } from '@sunlight/api-client/schemas';
import { answer } from '../../../../server/http/answer';

/**
 * POST /api/v1/business/enrolments — 绑定企业身份 (local enrolment adapter): `{"code": "<登记码>", "deviceId": uuid}`
 * → 201 `{credential, subjectId, creditCode, enterpriseName, message}`. The code came from the operator
 * (`sunlight business enrol`), never from the agency. CORS and rate limits come from the middleware.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  if (businessIdentity(runtime.config).adapter !== 'local-enrolment') {
    return problem('not-found', site, '本部署的企业身份不用登记码绑定：请在小程序中按提示授权。');
  }
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const parsed = BusinessEnrolmentSchema.safeParse(body.value);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, businessEnrolmentFieldLabels);
    return problem('validation-failed', site, describeFieldErrors(errors), { errors });
  }
  const r = await exchangeEnrolmentCode(runtime.db, parsed.data);
  if (!r.ok) {
    return problem('forbidden', site, r.message, {
      errors: [{ field: 'code', label: businessEnrolmentFieldLabels.code, message: '登记码无效、已过期或已被使用' }],
    });
  }
  const name = r.device.enterpriseName ?? r.device.creditCode;
  return answer(
    BusinessCredentialSchema,
    {
      ...r.device,
      message: `本机已绑定为“${name}”的企业身份：今后在本机提交的事中登记和事后评价都以贵单位名义提交。请勿把本机交给检查人员操作。`,
    },
    { status: r.again ? 200 : 201, headers: { 'cache-control': 'no-store' } },
  );
};
