import type { APIRoute } from 'astro';
import { lookupDisclosure } from '../../../../server/disclosures/read';
import { notModified } from '../../../../server/http/conditional';
import { problem } from '../../../../server/http/problem';

/** GET /api/v1/disclosures/{id} — one public decision; 410 with the tombstone once withdrawn or expired. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const id = params.id ?? '';
  const found = await lookupDisclosure(runtime.db, id);
  const html = `${site}/disclosures/${id}`;
  const link = `<${html}>; rel="alternate"; type="text/html"`;
  if (found.kind === 'missing') return problem('not-found', site, `没有编号为 ${id} 的处罚决定公示。`);
  if (found.kind === 'gone') {
    const t = found.tombstone;
    const detail =
      t.status === 'withdrawn'
        ? `该处罚决定已于 ${t.date} 撤回（${t.withdrawalType ?? '撤回'}）：${t.reason}`
        : `该处罚决定的公示期已于 ${t.date} 届满，已停止公示。`;
    const { status: recordStatus, ...rest } = t;
    return problem('gone', site, detail, { id, recordStatus, ...rest }, { link });
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
  return Response.json(
    { ...found.record, url: html, agencyUrl: `${site}/agencies/${found.record.agencyId}` },
    { headers },
  );
};
