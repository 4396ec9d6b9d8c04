import { createHash } from 'node:crypto';
import { MAX_REPORT_PHOTO_BYTES, MAX_REPORT_PHOTOS } from '@sunlight/domain/schemas/report';
import type { Db } from '../db/types';
import { stripImageMetadata } from './image-metadata';

/** One source: the domain schema (the mini-program reads the same limits). */
export const MAX_PHOTOS = MAX_REPORT_PHOTOS;
export const MAX_PHOTO_BYTES = MAX_REPORT_PHOTO_BYTES;
/** Photos are added by the reporter's own device or form, right after filing. */
export const PHOTO_WINDOW_HOURS = 24;

export type PhotoOutcome =
  { ok: true; seq: number; photos: number } | { ok: false; status: 404 | 409 | 413 | 415 | 422; message: string };

/**
 * Attaches a photo to a report. The reporter proves it is theirs with the report's clientId (only their
 * device or form knows it; the receipt alone may have been shown to others). Metadata is stripped before
 * anything is stored.
 */
export async function addReportPhoto(
  db: Db,
  receipt: string,
  clientId: string,
  body: Uint8Array,
  now: Date,
): Promise<PhotoOutcome> {
  const [report] = await db.query<{ client_id: string; received_at: Date }>(
    'SELECT client_id, received_at FROM reports WHERE receipt = $1',
    [receipt],
  );
  if (!report || report.client_id !== clientId) {
    return { ok: false, status: 404, message: '没有这份反映，或提交编号（clientId）与反映时的不一致' };
  }
  if (now.getTime() - new Date(report.received_at).getTime() > PHOTO_WINDOW_HOURS * 3_600_000) {
    return { ok: false, status: 409, message: `照片应在提交反映后${PHOTO_WINDOW_HOURS}小时内补充；之后请另行反映` };
  }
  if (body.length > MAX_PHOTO_BYTES) {
    return { ok: false, status: 413, message: `每张照片不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB` };
  }
  const stripped = stripImageMetadata(body);
  if (!stripped.ok) return { ok: false, status: 415, message: stripped.message };
  const sha256 = createHash('sha256').update(stripped.bytes).digest('hex');
  return db.transaction(async (tx) => {
    await tx.query('SELECT receipt FROM reports WHERE receipt = $1 FOR UPDATE', [receipt]);
    const rows = await tx.query<{ seq: number; sha256: string }>(
      'SELECT seq, sha256 FROM report_photos WHERE receipt = $1 ORDER BY seq',
      [receipt],
    );
    const same = rows.find((r) => r.sha256 === sha256);
    if (same) return { ok: true as const, seq: same.seq, photos: rows.length };
    if (rows.length >= MAX_PHOTOS) {
      return { ok: false as const, status: 422 as const, message: `每份反映最多 ${MAX_PHOTOS} 张照片` };
    }
    const seq = rows.length + 1;
    await tx.query(
      `INSERT INTO report_photos (receipt, seq, content_type, bytes, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [receipt, seq, stripped.type, stripped.bytes, sha256, now],
    );
    return { ok: true as const, seq, photos: seq };
  });
}

export async function reportPhoto(
  db: Db,
  receipt: string,
  seq: number,
): Promise<{ type: string; bytes: Uint8Array } | undefined> {
  const [row] = await db.query<{ content_type: string; bytes: Uint8Array }>(
    'SELECT content_type, bytes FROM report_photos WHERE receipt = $1 AND seq = $2',
    [receipt, seq],
  );
  return row ? { type: row.content_type, bytes: new Uint8Array(row.bytes) } : undefined;
}
