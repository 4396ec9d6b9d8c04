import Taro from '@tarojs/taro';
import { appConfig } from '../lib/config';
import { bindBusiness, readBusinessIdentity } from '../lib/business-identity';
import { History } from '../lib/history';
import { httpSender, OfflineQueue } from '../lib/queue';
import { refreshJwks } from '../lib/jwks-cache';
import { httpPhotoSender } from '../lib/photos';
import { taroHttp } from './taro-http';
import { photoStore, taroRawPost } from './taro-photos';
import { taroStore } from './taro-store';

/** The app's singletons, shared by every page (one JS context on WeChat and on h5). */
export const config = appConfig();
export const history = new History(taroStore);
export const queue = new OfflineQueue({
  store: taroStore,
  send: httpSender(taroHttp, config.apiBase, () => readBusinessIdentity(taroStore)?.credential),
  sendPhoto: httpPhotoSender(taroRawPost, config.apiBase, photoStore),
  dropPhoto: (ref) => photoStore.drop(ref),
});

let timer: ReturnType<typeof setTimeout> | undefined;

/** Keeps one timer for the next due retry while the app runs. */
function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const due = queue.nextDueAt();
  if (due === undefined) return;
  timer = setTimeout(() => void flush(false), Math.max(500, due - Date.now()));
}

export async function flush(force: boolean): Promise<void> {
  try {
    await queue.flush({ force });
  } finally {
    schedule();
  }
}

let started = false;

/**
 * Retry triggers: app launch and every return to the foreground, the network coming back (WeChat's
 * onNetworkStatusChange; on h5 the `online` event and the page becoming visible), and the backoff timer.
 */
export function startBackgroundSync(): void {
  if (started) return;
  started = true;
  Taro.onAppShow?.(() => void flush(true));
  Taro.onNetworkStatusChange?.((res) => {
    if (res.isConnected) void flush(true);
  });
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    window.addEventListener('online', () => void flush(true));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void flush(true);
    });
  }
  void flush(true);
  void refreshJwks(taroHttp, config.apiBase, taroStore);
}

/** Stores a submission, then tries to send it at once. */
export function submit(...args: Parameters<OfflineQueue['enqueue']>) {
  const item = queue.enqueue(...args);
  if (item.kind !== 'report') history.attach(item.certificateNo, item.kind, item.id);
  void flush(true);
  return item;
}

/** This device's business identity, if bound. */
export const businessIdentity = () => readBusinessIdentity(taroStore);

/** Binds this device with an enrolment code; anything waiting for an identity is sent at once. */
export async function bindThisDevice(code: string) {
  const r = await bindBusiness(taroHttp, config.apiBase, taroStore, code);
  if (r.ok) void flush(true);
  return r;
}
