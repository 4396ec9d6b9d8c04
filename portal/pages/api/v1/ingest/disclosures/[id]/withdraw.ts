import type { APIRoute } from 'astro';
import { withdraw } from '../../../../../../server/ingest/amend';
import { refreshSnapshots } from '../../../../../../server/opendata/snapshots';
import { problem } from '../../../../../../server/http/problem';
import { readAgencyJson } from '../../../../../../server/http/request';

/** POST /api/v1/ingest/disclosures/{id}/withdraw — 撤回（变更、撤销、确认违法、确认无效），理由公开 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const input = await readAgencyJson(runtime, request);
  if (input instanceof Response) return input;
  const result = await withdraw(runtime.db, params.id ?? '', input.agency, input.body);
  void runtime.search.sync().catch(() => {});
  if (result.ok) void refreshSnapshots(runtime.db, runtime.config.dataDir, site).catch(() => {});
  if (!result.ok) return problem(result.kind, site, result.detail, result.errors ? { errors: result.errors } : {});
  return Response.json(result.body, { status: result.status });
};
