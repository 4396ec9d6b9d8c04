import { describe, expect, it } from 'vitest';
import { MAX_REPORT_PHOTO_BYTES, type ReportInput } from '@sunlight/domain/schemas/report';
import { NetworkError } from '../src/lib/http';
import { checkPhoto, httpPhotoSender, type PhotoStore, type RawPost, sniffPhotoType } from '../src/lib/photos';
import { OfflineQueue, photoProgress, type Sender } from '../src/lib/queue';
import { MemoryStore } from '../src/lib/storage';
import { uuidV4 } from '../src/lib/uuid';

const JPEG_HEAD = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const report = (clientId = uuidV4()): ReportInput => ({
  clientId,
  kind: 'no_code',
  agencyId: 'unknown',
  occurredAt: '2026-11-20T10:00:00+08:00',
  place: '示例路88号',
  description: '两名检查人员进店检查，没有出示执法证。',
});

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

/** Bytes kept on the "phone", by reference; dropping one forgets it. */
function memoryPhotos() {
  const kept = new Map<string, Uint8Array>();
  const store: PhotoStore = {
    keep: async (tempPath) => {
      kept.set(tempPath, new Uint8Array([0xff, 0xd8, 0xff, tempPath.length]));
      return tempPath;
    },
    read: async (ref) => {
      const b = kept.get(ref);
      if (!b) throw new Error('gone');
      return b.slice().buffer;
    },
    preview: (ref) => ref,
    drop: (ref) => void kept.delete(ref),
  };
  return { store, kept };
}

/**
 * A portal as the real one behaves: a report by clientId gets one receipt; a photo is kept once per
 * content (the same bytes again answer the same seq), at most 3; the wrong X-Client-Id is 404.
 */
function portal() {
  const receipts = new Map<string, string>();
  const photos = new Map<string, string[]>();
  const state = { down: false, loseAnswers: 0 };
  let posts = 0;
  const send: Sender = async (item) => {
    if (state.down) return { kind: 'retry', error: '网络不可用' };
    const id = item.id;
    if (!receipts.has(id)) receipts.set(id, `FY20261120-ABCDE-${String(receipts.size).padStart(5, '0')}`);
    return { kind: 'sent', status: 201, receipt: receipts.get(id)! };
  };
  const post: RawPost = async (req) => {
    posts++;
    if (state.down) throw new NetworkError('request:fail net::ERR_INTERNET_DISCONNECTED');
    const receipt = decodeURIComponent(/reports\/([^/]+)\/photos$/.exec(req.url)![1]!);
    const owner = [...receipts].find(([, r]) => r === receipt)?.[0];
    if (!owner || owner !== req.headers['x-client-id'])
      return { status: 404, data: { title: 'Not Found', detail: '没有这份反映' } };
    const list = photos.get(receipt) ?? [];
    const key = Buffer.from(req.body).toString('hex');
    let seq = list.indexOf(key) + 1;
    if (!seq) {
      if (list.length >= 3) return { status: 422, data: { detail: '每份反映最多 3 张照片' } };
      list.push(key);
      seq = list.length;
    }
    photos.set(receipt, list);
    // The portal stored it, but the answer never reached the phone.
    if (state.loseAnswers > 0) {
      state.loseAnswers--;
      throw new NetworkError('request:fail timeout');
    }
    return { status: 201, data: { seq, photos: list.length } };
  };
  return { send, post, state, receipts, photos, posts: () => posts };
}

describe('checking a chosen photo', () => {
  it('knows JPEG and PNG by their bytes, not by a name', () => {
    expect(sniffPhotoType(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffPhotoType(PNG_HEAD)).toBe('image/png');
    expect(sniffPhotoType(new TextEncoder().encode('GIF89a......'))).toBeUndefined();
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });

  it('names the photo and the fix: too large, not a photo, empty', () => {
    expect(checkPhoto({ size: 1000, head: JPEG_HEAD }, 1)).toEqual({ ok: true, type: 'image/jpeg' });
    const big = checkPhoto({ size: MAX_REPORT_PHOTO_BYTES + 1, head: JPEG_HEAD }, 2);
    expect(big.ok).toBe(false);
    expect(!big.ok && big.message).toMatch(/^第2张照片.*超过了 5\.0 MB：请选择“压缩”/);
    const video = checkPhoto({ size: 1000, head: new TextEncoder().encode('\0\0\0 ftypmp42') }, 3);
    expect(!video.ok && video.message).toMatch(/^第3张照片不是 JPEG 或 PNG 图片：请拍照或选择相册中的照片/);
    expect(!checkPhoto({ size: 0, head: undefined }, 1).ok).toBe(true);
  });

  it('a platform limit below the portal’s is the one applied; one above it is not', () => {
    const r = checkPhoto({ size: 2 * 1024 * 1024, head: PNG_HEAD }, 1, 1024 * 1024);
    expect(!r.ok && r.message).toContain('超过了 1.0 MB');
    expect(checkPhoto({ size: MAX_REPORT_PHOTO_BYTES + 1, head: PNG_HEAD }, 1, 50 * 1024 * 1024).ok).toBe(false);
  });
});

describe('photos in the offline queue', () => {
  const setup = () => {
    const p = portal();
    const photos = memoryPhotos();
    const store = new MemoryStore();
    const c = clock();
    const make = () =>
      new OfflineQueue({
        store,
        send: p.send,
        sendPhoto: httpPhotoSender(p.post, 'https://portal.example', photos.store),
        dropPhoto: photos.store.drop,
        now: c.now,
        random: () => 1,
      });
    return { p, photos, store, c, make };
  };

  it('waits for the receipt, then sends each photo once; the bytes are released after', async () => {
    const { p, photos, make } = setup();
    for (const ref of ['wxfile://usr/a.jpg', 'wxfile://usr/bb.jpg']) await photos.store.keep(ref, 'image/jpeg');
    const q = make();
    p.state.down = true;
    const item = q.enqueue('report', '', report(), [
      { ref: 'wxfile://usr/a.jpg', type: 'image/jpeg', size: 4 },
      { ref: 'wxfile://usr/bb.jpg', type: 'image/jpeg', size: 4 },
    ]);
    const offline = await q.flush({ force: true });
    expect(offline).toMatchObject({ sent: 0, pending: 1, photosWaiting: 2 });
    expect(p.posts()).toBe(0); // no photo goes before the report has its receipt
    expect(photoProgress(q.get(item.id))).toMatchObject({ sent: 0, waiting: 2 });

    p.state.down = false;
    const online = await q.flush({ force: true });
    expect(online).toMatchObject({ sent: 3, pending: 0, photosWaiting: 0 });
    const receipt = q.get(item.id)!.receipt!;
    expect(p.photos.get(receipt)).toHaveLength(2);
    expect(q.get(item.id)!.photos!.map((x) => [x.state, x.seq])).toEqual([
      ['sent', 1],
      ['sent', 2],
    ]);
    expect(photos.kept.size).toBe(0);
    await q.flush({ force: true });
    expect(p.posts()).toBe(2);
  });

  it('a photo whose answer was lost is sent again and stored once (the portal keeps the same bytes once)', async () => {
    const { p, photos, make, c } = setup();
    await photos.store.keep('wxfile://usr/a.jpg', 'image/jpeg');
    const q = make();
    p.state.loseAnswers = 1;
    const item = q.enqueue('report', '', report(), [{ ref: 'wxfile://usr/a.jpg', type: 'image/jpeg', size: 4 }]);
    const first = await q.flush({ force: true });
    expect(first.photosWaiting).toBe(1);
    const waiting = q.get(item.id)!.photos![0]!;
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1, lastError: '网络不可用' });
    // Not before its backoff, unless forced.
    expect((await q.flush()).attempted).toBe(0);
    c.t = waiting.nextAttemptAt;
    expect(q.nextDueAt()).toBe(waiting.nextAttemptAt);
    await q.flush();
    expect(p.posts()).toBe(2);
    expect(p.photos.get(q.get(item.id)!.receipt!)).toHaveLength(1);
    expect(q.get(item.id)!.photos![0]).toMatchObject({ state: 'sent', seq: 1 });
  });

  it('survives a restart: a new queue on the same storage sends what waited', async () => {
    const { p, photos, make } = setup();
    await photos.store.keep('wxfile://usr/a.jpg', 'image/jpeg');
    p.state.down = true;
    const item = make().enqueue('report', '', report(), [{ ref: 'wxfile://usr/a.jpg', type: 'image/jpeg', size: 4 }]);
    await make().flush({ force: true });
    p.state.down = false;
    const again = make();
    await again.flush({ force: true });
    expect(photoProgress(again.get(item.id))).toMatchObject({ sent: 1, waiting: 0 });
  });

  it('a refusal is final and kept with its reason; bytes that are gone are refused, not retried forever', async () => {
    const { p, photos, make } = setup();
    await photos.store.keep('wxfile://usr/a.jpg', 'image/jpeg');
    const q = make();
    const item = q.enqueue('report', '', report(), [
      { ref: 'wxfile://usr/a.jpg', type: 'image/jpeg', size: 4 },
      { ref: 'wxfile://usr/cleared.jpg', type: 'image/jpeg', size: 4 },
    ]);
    await q.flush({ force: true });
    const [a, gone] = q.get(item.id)!.photos!;
    expect(a!.state).toBe('sent');
    expect(gone).toMatchObject({ state: 'rejected', message: expect.stringContaining('照片已不在手机上') });
    expect(p.posts()).toBe(1);

    // The portal's own refusal (e.g. a fourth photo) is shown as it worded it.
    const refused = httpPhotoSender(p.post, 'https://portal.example', photos.store);
    await photos.store.keep('x', 'image/jpeg');
    const wrongOwner = await refused(q.get(item.id)!.receipt!, uuidV4(), {
      ref: 'x',
      type: 'image/jpeg',
      size: 4,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: 0,
    });
    expect(wrongOwner).toEqual({ kind: 'rejected', status: 404, message: '没有这份反映' });
  });

  it('discarding a refused report releases the bytes its photos held', async () => {
    const photos = memoryPhotos();
    await photos.store.keep('wxfile://usr/a.jpg', 'image/jpeg');
    const q = new OfflineQueue({
      store: new MemoryStore(),
      send: async () => ({ kind: 'rejected', status: 422, message: '情况说明：请至少用10个字' }),
      sendPhoto: async () => ({ kind: 'sent', status: 201 }),
      dropPhoto: photos.store.drop,
    });
    const item = q.enqueue('report', '', report(), [{ ref: 'wxfile://usr/a.jpg', type: 'image/jpeg', size: 4 }]);
    const r = await q.flush({ force: true });
    expect(r).toMatchObject({ rejected: 1, photosWaiting: 0 });
    expect(photos.kept.size).toBe(1);
    q.discard(item.id);
    expect(photos.kept.size).toBe(0);
  });
});
