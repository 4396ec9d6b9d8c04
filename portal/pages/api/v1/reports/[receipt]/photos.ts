import type { APIRoute } from 'astro';
import { ReportPhotoResultSchema } from '@sunlight/domain/schemas/report';
import { answer } from '../../../../../server/http/answer';
import { problem, type ProblemKind } from '../../../../../server/http/problem';
import { readBytes } from '../../../../../server/http/request';
import { addReportPhoto, MAX_PHOTO_BYTES } from '../../../../../server/reports/photos';

const KIND: Record<number, ProblemKind> = {
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
};

/**
 * POST /api/v1/reports/{receipt}/photos — one photo (image/jpeg or image/png as the body), by the reporter
 * (header X-Client-Id: the report's clientId), within 24 hours, at most 3. EXIF and text metadata are
 * stripped before storing; only supervisors ever see the photos.
 */
export const POST: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'image/jpeg' && type !== 'image/png') {
    return problem('unsupported-media-type', site, '照片请以 image/jpeg 或 image/png 提交，请求体为图片本身。');
  }
  const body = await readBytes(request, MAX_PHOTO_BYTES);
  if (body === undefined)
    return problem('payload-too-large', site, `每张照片不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB。`);
  const r = await addReportPhoto(
    runtime.db,
    (params.receipt ?? '').toUpperCase(),
    request.headers.get('x-client-id') ?? '',
    body,
    new Date(),
  );
  if (!r.ok) return problem(KIND[r.status]!, site, r.message);
  return answer(
    ReportPhotoResultSchema,
    { seq: r.seq, photos: r.photos },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
};
