import { operationUrl } from '@sunlight/api-client';
import {
  MAX_REPORT_PHOTO_BYTES,
  MAX_REPORT_PHOTOS,
  REPORT_PHOTO_TYPES,
  type ReportPhotoType,
} from '@sunlight/domain/schemas/report';
import { isNetworkError, problemMessage } from './http';
import type { PhotoSender, QueuedPhoto } from './queue';

/** The route a report's photos go to (raw image body, header X-Client-Id); not in the JSON client. */
export const REPORT_PHOTOS_PATH = '/api/v1/reports/{receipt}/photos';

export { MAX_REPORT_PHOTOS };

/** The photo type by its first bytes (a file name or a picker's word for it can lie). */
export function sniffPhotoType(head: Uint8Array): ReportPhotoType | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'image/png';
  return undefined;
}

export type PhotoCheck = { ok: true; type: ReportPhotoType } | { ok: false; message: string };

/**
 * Checks a chosen photo before it is kept: size (the platform's limit, never above the portal's) and type
 * (by its bytes). `ordinal` is its place among the photos (第1张…), so the message names it.
 */
export function checkPhoto(
  photo: { size: number; head: Uint8Array | undefined },
  ordinal: number,
  maxBytes: number = MAX_REPORT_PHOTO_BYTES,
): PhotoCheck {
  const name = `第${ordinal}张照片`;
  const limit = Math.min(maxBytes, MAX_REPORT_PHOTO_BYTES);
  if (!Number.isFinite(photo.size) || photo.size <= 0)
    return { ok: false, message: `${name}是空文件：请重新拍摄或选择` };
  if (photo.size > limit) {
    return {
      ok: false,
      message: `${name}有 ${mb(photo.size)} MB，超过了 ${mb(limit)} MB：请选择“压缩”后的照片，或截取需要的部分再选`,
    };
  }
  const type = photo.head ? sniffPhotoType(photo.head) : undefined;
  if (!type || !(REPORT_PHOTO_TYPES as readonly string[]).includes(type)) {
    return { ok: false, message: `${name}不是 JPEG 或 PNG 图片：请拍照或选择相册中的照片（不能是视频或其他文件）` };
  }
  return { ok: true, type };
}

const mb = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);

/** Where a chosen photo's bytes wait until sent, so they survive the app being closed. */
export interface PhotoStore {
  /** Keeps the bytes of a chosen (temporary) file; answers the reference to read them by. */
  keep(tempPath: string, type: ReportPhotoType): Promise<string>;
  read(ref: string): Promise<ArrayBuffer>;
  /** A path or data URL an Image can show (a thumbnail). */
  preview(ref: string): string;
  drop(ref: string): void;
}

/** POST of raw bytes (not JSON): status and parsed answer, or a thrown NetworkError. */
export type RawPost = (req: {
  url: string;
  headers: Record<string, string>;
  body: ArrayBuffer;
  timeoutMs: number;
}) => Promise<{ status: number; data: unknown }>;

const mayPass = (status: number) => status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * Sends one photo as the portal documents it: the image itself as the body, its type as Content-Type, the
 * report's clientId as X-Client-Id. Bytes that can no longer be read (the file was cleared) are refused
 * here, not retried forever.
 */
export function httpPhotoSender(post: RawPost, apiBase: string, store: PhotoStore): PhotoSender {
  return async (receipt: string, clientId: string, photo: QueuedPhoto) => {
    let body: ArrayBuffer;
    try {
      body = await store.read(photo.ref);
    } catch {
      return { kind: 'rejected', status: 0, message: '照片已不在手机上（可能被清理），无法补充；需要时请另行反映' };
    }
    let res;
    try {
      res = await post({
        url: operationUrl(apiBase, { path: REPORT_PHOTOS_PATH }, { receipt }),
        headers: { 'content-type': photo.type, 'x-client-id': clientId },
        body,
        timeoutMs: 60_000,
      });
    } catch (err) {
      if (isNetworkError(err)) return { kind: 'retry', error: '网络不可用' };
      return { kind: 'retry', error: (err as Error).message || '发送失败' };
    }
    if (res.status >= 200 && res.status < 300) {
      const seq = (res.data as { seq?: unknown } | null)?.seq;
      return { kind: 'sent', status: res.status, ...(typeof seq === 'number' ? { seq } : {}) };
    }
    if (mayPass(res.status)) return { kind: 'retry', error: `服务器暂时不可用（${res.status}）` };
    return { kind: 'rejected', status: res.status, message: problemMessage(res) };
  };
}
