import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { notModified } from '../../../../server/http/conditional';
import { problem } from '../../../../server/http/problem';
import { PermitResponseSchema } from '../../../../server/opendata/permit-schemas';
import { lookupPermit } from '../../../../server/permits/read';
import { permitTombstoneDetail } from '../../../../server/permits/tombstone';

/** GET /api/v1/permits/{id} — one valid public permit; 410 with the tombstone once withdrawn or expired. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const id = params.id ?? '';
  const found = await lookupPermit(runtime.db, id);
  const html = `${site}/permits/${id}`;
  const link = `<${html}>; rel="alternate"; type="text/html"`;
  if (found.kind === 'missing') return problem('not-found', site, `没有编号为 ${id} 的行政许可公示。`);
  if (found.kind === 'gone') {
    const { status: recordStatus, ...rest } = found.tombstone;
    return problem('gone', site, permitTombstoneDetail(found.tombstone), { id, recordStatus, ...rest }, { link });
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
    PermitResponseSchema,
    { ...found.record, url: html, agencyUrl: `${site}/agencies/${found.record.agencyId}` },
    { headers },
  );
};
