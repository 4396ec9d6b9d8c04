import type { APIRoute } from 'astro';
import { correct } from '../../../../../../server/ingest/amend';
import { problem } from '../../../../../../server/http/problem';
import { readAgencyJson } from '../../../../../../server/http/request';

/** POST /api/v1/ingest/disclosures/{id}/correct — 更正一条已公开的决定，更正说明公开 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const input = await readAgencyJson(runtime, request);
  if (input instanceof Response) return input;
  const result = await correct(runtime.db, params.id ?? '', input.agency, input.body, site);
  void runtime.search.sync().catch(() => {});
  if (!result.ok) return problem(result.kind, site, result.detail, result.errors ? { errors: result.errors } : {});
  return Response.json(result.body, { status: result.status });
};
