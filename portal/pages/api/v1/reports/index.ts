import type { APIRoute } from 'astro';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { ReportReceiptSchema } from '@sunlight/domain/schemas/report';
import { answer } from '../../../../server/http/answer';
import { problem } from '../../../../server/http/problem';
import { clientAddressOf } from '../../../../server/http/public-api';
import { jsonBody } from '../../../../server/inspections/http';
import { fileReport } from '../../../../server/reports/store';

/**
 * POST /api/v1/reports — 反映问题 without a certificate: kind, agency (or unknown), time, place,
 * description, optional officer, certificate number and contact. Answers the receipt; idempotent by clientId.
 */
export const POST: APIRoute = async ({ request, clientAddress, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const body = await jsonBody(request, site);
  if (!body.ok) return body.response;
  const result = await fileReport(runtime.db, body.value, {
    now: new Date(),
    clientAddress: clientAddressOf(runtime.config.trustProxy, request.headers, () => clientAddress),
  });
  if (!result.ok) {
    if (result.status === 429) {
      return problem(
        'rate-limited',
        site,
        '同一网络一天内最多提交5份反映。如情况紧急，请拨打12345或直接联系区司法局。',
        {},
        { 'retry-after': String(result.retryAfterSeconds) },
      );
    }
    return problem(result.status === 409 ? 'conflict' : 'validation-failed', site, describeFieldErrors(result.errors), {
      errors: result.errors,
    });
  }
  return answer(ReportReceiptSchema, result.receipt, {
    status: result.status,
    headers: {
      'cache-control': 'no-store',
      location: `${site}/reports/${result.receipt.receipt}`,
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  });
};
