import type { APIRoute } from 'astro';
import { checkCreditCodeFormat, normaliseCreditCode } from '@sunlight/domain/validators/credit-code';
import { enterpriseView } from '../../../../server/disclosures/read';
import { problem } from '../../../../server/http/problem';
import { EnterpriseResponseSchema } from '../../../../server/opendata/api-schemas';
import { answer } from '../../../../server/http/answer';

/** GET /api/v1/enterprises/{creditCode} — an enterprise's public decisions, valid permits and its inspection count. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const code = normaliseCreditCode(params.creditCode ?? '');
  const format = checkCreditCodeFormat(code);
  if (!format.ok) {
    return problem('invalid-query', site, `统一社会信用代码（creditCode）：${format.message}`, {
      errors: [{ parameter: 'creditCode', message: format.message }],
    });
  }
  const view = await enterpriseView(runtime.db, code);
  if (!view) return problem('not-found', site, `没有统一社会信用代码为 ${code} 的执法对象或公开的处罚决定。`);
  return answer(
    EnterpriseResponseSchema,
    {
      ...view,
      url: `${site}/enterprises/${code}`,
      disclosures: view.disclosures.map((d) => ({
        ...d,
        url: `${site}/disclosures/${d.id}`,
        apiUrl: `${site}/api/v1/disclosures/${d.id}`,
      })),
      permits: view.permits.map((p) => ({
        ...p,
        url: `${site}/permits/${p.id}`,
        apiUrl: `${site}/api/v1/permits/${p.id}`,
      })),
      inspectionResults: view.inspectionResults.map(({ penaltyId: _p, ...r }) => ({
        ...r,
        url: `${site}/inspection-results/${r.id}`,
        apiUrl: `${site}/api/v1/inspection-results/${r.id}`,
      })),
    },
    { headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } },
  );
};
