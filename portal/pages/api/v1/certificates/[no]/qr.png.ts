import type { APIRoute } from 'astro';
import { qrPng } from '../../../../../server/inspections/qr';
import { qrTarget } from '../../../../../server/inspections/qr-access';

/** GET /api/v1/certificates/{no}/qr.png?t=<jws>[&size=600] — the QR code of the verify URL, as PNG. */
export const GET: APIRoute = async ({ params, request, url, locals }) => {
  const { runtime } = locals;
  const target = await qrTarget(runtime, request, params.no ?? '');
  if (target instanceof Response) return target;
  const size = Math.min(Math.max(Number(url.searchParams.get('size')) || 600, 128), 2048);
  return new Response(new Uint8Array(await qrPng(target, size)), {
    headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=3600' },
  });
};
