import Taro from '@tarojs/taro';
import { MAX_REPORT_PHOTO_BYTES, type ReportPhotoType } from '@sunlight/domain/schemas/report';
import { NetworkError } from '../lib/http';
import { checkPhoto, type PhotoStore, type RawPost } from '../lib/photos';
import { uuidV4 } from '../lib/uuid';
import { taroStore } from './taro-store';

/**
 * Where a chosen photo waits until the portal has it. It must outlive the app: a report filed in a dead
 * spot may be sent the next day, after WeChat has closed the app and cleared its temporary files.
 *
 * - WeChat: the temporary file is moved (FileSystemManager.saveFile) into the app's own folder,
 *   `wx.env.USER_DATA_PATH`, which stays until the app deletes it (here: once the photo is sent, refused or
 *   the report discarded). Bytes never pass through storage, so the full 5 MB the portal takes is offered.
 * - Web (h5): a browser has no such folder, only localStorage (about 5 MB per site, shared with the queue,
 *   as base64: 4/3 of the bytes). A photo is kept there only up to H5_MAX_PHOTO_BYTES, so three photos and
 *   the queue still fit; a larger one is refused when chosen, with the fix named, rather than accepted and
 *   lost when the tab is closed. IndexedDB would hold more, but the app has one storage seam (Taro's) on
 *   both platforms, and the web version is the fallback for people without WeChat.
 */
export const H5_MAX_PHOTO_BYTES = 1024 * 1024;

/** The most a photo may have on this platform (never more than the portal takes). */
export const PHOTO_LIMIT_BYTES = process.env.TARO_ENV === 'h5' ? H5_MAX_PHOTO_BYTES : MAX_REPORT_PHOTO_BYTES;

const PHOTO_KEY = 'sunlight.photo.';

const extOf = (type: ReportPhotoType) => (type === 'image/png' ? 'png' : 'jpg');

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(b64: string): ArrayBuffer {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

function fsm() {
  return Taro.getFileSystemManager();
}

/** First bytes (or all of them) of a file, by WeChat's file system manager. */
function readWeapp(filePath: string, length?: number): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    fsm().readFile({
      filePath,
      ...(length !== undefined ? { position: 0, length } : {}),
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

interface H5Stored {
  type: ReportPhotoType;
  b64: string;
}

const weappStore: PhotoStore = {
  keep: (tempPath, type) =>
    new Promise((resolve, reject) => {
      fsm().saveFile({
        tempFilePath: tempPath,
        filePath: `${Taro.env.USER_DATA_PATH}/report-photo-${uuidV4()}.${extOf(type)}`,
        success: (res) => resolve(res.savedFilePath),
        fail: (err) => reject(new Error(err.errMsg)),
      });
    }),
  read: (ref) => readWeapp(ref),
  preview: (ref) => ref,
  drop: (ref) => {
    fsm().unlink({ filePath: ref, fail: () => undefined });
  },
};

const h5Store: PhotoStore = {
  keep: async (tempPath, type) => {
    const bytes = new Uint8Array(await (await fetch(tempPath)).arrayBuffer());
    const ref = `${PHOTO_KEY}${uuidV4()}`;
    const stored: H5Stored = { type, b64: toBase64(bytes) };
    taroStore.set(ref, JSON.stringify(stored));
    return ref;
  },
  read: async (ref) => {
    const raw = taroStore.get(ref);
    if (!raw) throw new Error('photo not found');
    return fromBase64((JSON.parse(raw) as H5Stored).b64);
  },
  preview: (ref) => {
    const raw = taroStore.get(ref);
    if (!raw) return '';
    const s = JSON.parse(raw) as H5Stored;
    return `data:${s.type};base64,${s.b64}`;
  },
  drop: (ref) => taroStore.remove(ref),
};

export const photoStore: PhotoStore = process.env.TARO_ENV === 'h5' ? h5Store : weappStore;

export interface ChosenPhoto {
  ref: string;
  type: ReportPhotoType;
  size: number;
}

export type ChooseOutcome = { photos: ChosenPhoto[]; errors: string[] };

/**
 * Lets the person take or pick up to `room` photos (camera or album), checks each (size, then type by its
 * bytes) and keeps the good ones. `already` photos are chosen already, so the messages count on from them.
 */
export async function choosePhotos(room: number, already: number): Promise<ChooseOutcome> {
  let files: { tempFilePath: string; size: number }[];
  try {
    const res = await Taro.chooseMedia({
      count: room,
      mediaType: ['image'],
      // On the web, one file input offers camera and album itself (Taro would first ask with its own sheet).
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
      sizeType: ['compressed'],
    });
    files = res.tempFiles.map((f) => ({ tempFilePath: f.tempFilePath, size: f.size }));
  } catch (err) {
    const msg = (err as { errMsg?: string })?.errMsg ?? '';
    // Closing the picker is no error.
    if (/cancel|abort/.test(msg)) return { photos: [], errors: [] };
    return { photos: [], errors: [`没能打开相册或相机（${msg || '未知原因'}）：请在设置中允许使用相册和相机后重试`] };
  }
  const photos: ChosenPhoto[] = [];
  const errors: string[] = [];
  for (const [i, f] of files.slice(0, room).entries()) {
    const ordinal = already + i + 1;
    let head: Uint8Array | undefined;
    try {
      head =
        f.size > 0 && f.size <= PHOTO_LIMIT_BYTES
          ? new Uint8Array(
              process.env.TARO_ENV === 'h5'
                ? (await (await fetch(f.tempFilePath)).arrayBuffer()).slice(0, 12)
                : await readWeapp(f.tempFilePath, Math.min(12, f.size)),
            )
          : undefined;
    } catch {
      head = undefined;
    }
    const checked = checkPhoto({ size: f.size, head }, ordinal, PHOTO_LIMIT_BYTES);
    if (!checked.ok) {
      errors.push(checked.message);
      continue;
    }
    try {
      photos.push({ ref: await photoStore.keep(f.tempFilePath, checked.type), type: checked.type, size: f.size });
    } catch {
      errors.push(`第${ordinal}张照片没能保存在手机上（存储空间不足）：请删去一张照片或清理空间后再选`);
    }
  }
  return { photos, errors };
}

/** Raw bytes over Taro.request (wx.request takes an ArrayBuffer body; on h5, fetch does). */
export const taroRawPost: RawPost = ({ url, headers, body, timeoutMs }) =>
  new Promise((resolve, reject) => {
    void Taro.request({
      url,
      method: 'POST',
      timeout: timeoutMs,
      dataType: 'json',
      responseType: 'text',
      header: headers,
      data: body as unknown as Record<string, unknown>,
      success: (res) => {
        let data: unknown = res.data;
        if (typeof data === 'string') {
          try {
            data = JSON.parse(data);
          } catch {
            // not JSON: keep the text
          }
        }
        if (!res.statusCode) reject(new NetworkError(res.errMsg || '网络不可用'));
        else resolve({ status: res.statusCode, data });
      },
      fail: (err) => reject(new NetworkError((err as { errMsg?: string })?.errMsg || '网络不可用')),
    }).catch(() => undefined);
  });
