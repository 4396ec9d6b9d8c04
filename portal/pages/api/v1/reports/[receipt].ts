import type { APIRoute } from 'astro';
import { ReportReceiptSchema } from '@sunlight/domain/schemas/report';
import { answer } from '../../../../server/http/answer';
import { problem } from '../../../../server/http/problem';
import { readReceipt } from '../../../../server/reports/store';

/** GET /api/v1/reports/{receipt} — progress and the supervisor's reply; never who reported. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { runtime } = locals;
  const found = await readReceipt(runtime.db, (params.receipt ?? '').trim().toUpperCase());
  if (!found) {
    return problem(
      'not-found',
      runtime.config.siteUrl,
      '没有这个回执编号。回执编号形如 FY20261206-7K3M9-QXD2B，请核对后再查。',
    );
  }
  return answer(ReportReceiptSchema, found, { headers: { 'cache-control': 'no-store' } });
};
