import type { APIRoute } from 'astro';
import { caseEvidence } from '../../../../../../server/supervision/handoff';
import { openWorkspace } from '../../../../../../server/supervision/web';

/**
 * GET /supervision/cases/{id}/evidence/{reply}/{n} — a file the agency attached to its reply, for
 * supervisors and auditors (metadata stripped on upload). Served so a browser can only show it.
 */
export const GET: APIRoute = async (ctx) => {
  const opened = await openWorkspace(ctx);
  if (!opened.ok) return opened.response;
  const id = ctx.params.id ?? '';
  const seq = Number(ctx.params.seq);
  const n = Number(ctx.params.n);
  const file =
    /^GD-\d{4}-\d{6}$/.test(id) && Number.isSafeInteger(seq) && seq > 0 && Number.isInteger(n) && n > 0
      ? await caseEvidence(opened.ws.db, id, seq, n)
      : undefined;
  if (!file)
    return new Response('没有这个材料', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  await opened.ws.log('view.case-evidence', { type: 'case', id }, { reply: seq, n });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'content-type': file.type,
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${id}-${seq}-${n}.${file.type === 'image/png' ? 'png' : 'jpg'}"`,
    },
  });
};
