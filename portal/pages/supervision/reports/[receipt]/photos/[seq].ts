import type { APIRoute } from 'astro';
import { reportPhoto } from '../../../../../server/reports/photos';
import { openWorkspace } from '../../../../../server/supervision/web';

/**
 * GET /supervision/reports/{receipt}/photos/{n} — a report's photo, for signed-in supervisors only
 * (metadata already stripped). Served so a browser can only show it, never run it.
 */
export const GET: APIRoute = async (ctx) => {
  const opened = await openWorkspace(ctx);
  if (!opened.ok) return opened.response;
  const receipt = (ctx.params.receipt ?? '').toUpperCase();
  const seq = Number(ctx.params.seq);
  const photo = Number.isInteger(seq) && seq > 0 ? await reportPhoto(opened.ws.db, receipt, seq) : undefined;
  if (!photo)
    return new Response('没有这张照片', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  await opened.ws.log('view.report-photo', { type: 'report', id: `${receipt}#${seq}` });
  return new Response(Buffer.from(photo.bytes), {
    headers: {
      'content-type': photo.type,
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${receipt}-${seq}.${photo.type === 'image/png' ? 'png' : 'jpg'}"`,
    },
  });
};
