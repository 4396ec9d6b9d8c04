import type { APIRoute } from 'astro';
import { SVG_PIXELS_PER_MODULE, qrSvg } from '../../../../../server/inspections/qr';
import { qrTarget } from '../../../../../server/inspections/qr-access';

/** GET /api/v1/certificates/{no}/qr.svg?t=<jws> — the QR code of the verify URL, as SVG. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const target = await qrTarget(runtime, request, params.no ?? '');
  if (target instanceof Response) return target;
  return new Response(await qrSvg(target, `电子检查证 ${params.no} 核验二维码`, SVG_PIXELS_PER_MODULE), {
    headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, max-age=3600' },
  });
};
