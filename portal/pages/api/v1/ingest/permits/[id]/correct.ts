import type { APIRoute } from 'astro';
import { correctPermit } from '../../../../../../server/ingest/permits';
import { problem } from '../../../../../../server/http/problem';
import { readAgencyJson } from '../../../../../../server/http/request';
import { answer } from '../../../../../../server/http/answer';
import { PermitIngestResultSchema } from '../../../../../../server/opendata/permit-schemas';

/** POST /api/v1/ingest/permits/{id}/correct — 更正一项已公开的许可，更正说明公开 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const input = await readAgencyJson(runtime, request);
  if (input instanceof Response) return input;
  const result = await correctPermit(runtime.db, params.id ?? '', input.agency, input.body, site);
  void runtime.search.sync().catch(() => {});
  if (!result.ok) return problem(result.kind, site, result.detail, result.errors ? { errors: result.errors } : {});
  return answer(PermitIngestResultSchema, result.body as never, { status: result.status });
};
