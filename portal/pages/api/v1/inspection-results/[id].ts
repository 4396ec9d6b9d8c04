import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { notModified } from '../../../../server/http/conditional';
import { problem } from '../../../../server/http/problem';
import { withResultLinks } from '../../../../server/inspection-results/links';
import { lookupInspectionResult } from '../../../../server/inspection-results/read';
import { InspectionResultResponseSchema } from '../../../../server/opendata/api-schemas';

/** GET /api/v1/inspection-results/{id} — one public inspection result; 410 with the tombstone once withdrawn. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const id = params.id ?? '';
  const found = await lookupInspectionResult(runtime.db, id);
  const html = `${site}/inspection-results/${id}`;
  const link = `<${html}>; rel="alternate"; type="text/html"`;
  if (found.kind === 'missing') return problem('not-found', site, `没有编号为 ${id} 的公开检查结果。`);
  if (found.kind === 'gone') {
    const t = found.tombstone;
    return problem(
      'gone',
      site,
      `该检查结果已于 ${t.date} 撤回：${t.reason}`,
      { id, inspectionId: t.decisionNo, recordStatus: 'withdrawn', date: t.date, reason: t.reason },
      { link },
    );
  }
  const etag = `W/"${id}-${Date.parse(found.updatedAt)}"`;
  const headers = {
    etag,
    'last-modified': new Date(found.updatedAt).toUTCString(),
    link,
    'cache-control': 'public, max-age=60',
    'access-control-allow-origin': '*',
  };
  if (notModified(request, etag, new Date(found.updatedAt))) return new Response(null, { status: 304, headers });
  return answer(
    InspectionResultResponseSchema,
    withResultLinks({ ...found.record, penaltyId: found.penaltyId }, site),
    { headers },
  );
};
