import type { APIRoute } from 'astro';
import { lookupDisclosure } from '../../../../server/disclosures/read';
import { notModified } from '../../../../server/http/conditional';
import { problem } from '../../../../server/http/problem';
import { tombstoneDetail } from '../../../../server/disclosures/tombstone';
import { DisclosureResponseSchema } from '../../../../server/opendata/api-schemas';
import { answer } from '../../../../server/http/answer';

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
    const { status: recordStatus, ...rest } = found.tombstone;
    return problem('gone', site, tombstoneDetail(found.tombstone), { id, recordStatus, ...rest }, { link });
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
    DisclosureResponseSchema,
    { ...found.record, url: html, agencyUrl: `${site}/agencies/${found.record.agencyId}` },
    { headers },
  );
};
