import type { APIRoute } from 'astro';
import { withdraw } from '../../../../../../server/ingest/amend';
import { refreshSnapshots } from '../../../../../../server/opendata/snapshots';
import { problem } from '../../../../../../server/http/problem';
import { parseJson, readText, requireAgency } from '../../../../../../server/http/request';
import { getRuntime } from '../../../../../../server/runtime';

/** POST /api/v1/ingest/disclosures/{id}/withdraw — 撤回（变更、撤销、确认违法、确认无效），理由公开 */
export const POST: APIRoute = async ({ request, params }) => {
  const runtime = await getRuntime();
  const site = runtime.config.siteUrl;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const text = await readText(request, 1024 * 1024);
  if (text === undefined) return problem('payload-too-large', site, '请求体最大 1 MB');
  const parsed = parseJson(text);
  if (!parsed.ok) return problem('invalid-body', site, parsed.message);
  const result = await withdraw(runtime.db, params.id ?? '', agency, parsed.value);
  void runtime.search.sync().catch(() => {});
  if (result.ok) void refreshSnapshots(runtime.db, runtime.config.dataDir, site).catch(() => {});
  if (!result.ok) return problem(result.kind, site, result.detail, result.errors ? { errors: result.errors } : {});
  return Response.json(result.body, { status: result.status });
};
