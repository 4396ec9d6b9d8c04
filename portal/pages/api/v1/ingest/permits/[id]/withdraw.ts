import type { APIRoute } from 'astro';
import { withdrawPermit } from '../../../../../../server/ingest/permits';
import { problem } from '../../../../../../server/http/problem';
import { readAgencyJson } from '../../../../../../server/http/request';
import { answer } from '../../../../../../server/http/answer';
import { PermitWithdrawResultSchema } from '../../../../../../server/opendata/permit-schemas';

/** POST /api/v1/ingest/permits/{id}/withdraw — 撤销、撤回、注销、吊销或变更一项许可，理由公开 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const input = await readAgencyJson(runtime, request);
  if (input instanceof Response) return input;
  const result = await withdrawPermit(runtime.db, params.id ?? '', input.agency, input.body);
  void runtime.search.sync().catch(() => {});
  if (!result.ok) return problem(result.kind, site, result.detail, result.errors ? { errors: result.errors } : {});
  return answer(PermitWithdrawResultSchema, result.body as never, { status: result.status });
};
