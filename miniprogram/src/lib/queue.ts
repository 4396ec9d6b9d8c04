import { createApiClient, operationUrl, operations, UnreadableAnswer } from '@sunlight/api-client';
import type { CheckInContent, EvaluationContent } from '@sunlight/domain/schemas/evaluation';
import type { ReportInput, ReportPhotoType } from '@sunlight/domain/schemas/report';
import { type HttpClient, isNetworkError } from './http';
import { type KeyValueStore, readJson, writeJson } from './storage';

/**
 * Nothing is lost: a check-in or evaluation is written to storage first, under its client-generated
 * id (the body's `clientId`), and only then sent. When sending fails for a reason that may pass
 * (no network, timeout, 429, 5xx), it stays `pending` and is retried with exponential backoff, and at
 * once when the app comes back to the foreground or the network returns. The server is idempotent by
 * `clientId`, so a retry after a lost answer is harmless. A refusal (4xx) is final and shown.
 * The stored body holds no proof: the device's business identity is attached when it is sent, and an item
 * waits (never sent without it) while the device has none.
 */
export type QueueKind = 'checkin' | 'evaluation' | 'report';
export type QueueBody = CheckInContent | EvaluationContent | ReportInput;
export type QueueState = 'pending' | 'sent' | 'rejected';

/**
 * A photo travelling with a report. Its bytes wait outside the queue (a file under WeChat's
 * USER_DATA_PATH, or a storage key on h5: see services/taro-photos.ts), so the queue stays small; `ref`
 * names them. It is sent once the report has its receipt, to POST /api/v1/reports/{receipt}/photos, and
 * retried like the report. The portal keeps a photo it already has once (same bytes → same seq), so a
 * retry after a lost answer stores nothing twice.
 */
export interface QueuedPhoto {
  ref: string;
  type: ReportPhotoType;
  size: number;
  state: 'waiting' | 'sent' | 'rejected';
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  /** Why the portal refused it. */
  message?: string;
  /** The portal's number for it (1…). */
  seq?: number;
}

export interface QueueItem {
  /** = body.clientId */
  id: string;
  kind: QueueKind;
  /** Empty for a report (反映问题 needs no certificate). */
  certificateNo: string;
  body: QueueBody;
  state: QueueState;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastAttemptAt?: number;
  lastError?: string;
  sentAt?: number;
  /** The server's message when sent (e.g. "感谢评价…") or why it was refused. */
  message?: string;
  status?: number;
  /** A report's receipt number (回执编号), once the portal has taken it. */
  receipt?: string;
  /** A report's photos, in the order chosen. */
  photos?: QueuedPhoto[];
}

export type SendOutcome =
  | { kind: 'sent'; status: number; message?: string; receipt?: string; seq?: number }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'rejected'; status: number; message: string };

export type Sender = (item: QueueItem) => Promise<SendOutcome>;
/** Sends one photo of a report the portal has taken (`receipt` is set). */
export type PhotoSender = (receipt: string, clientId: string, photo: QueuedPhoto) => Promise<SendOutcome>;

export const QUEUE_KEY = 'sunlight.queue';
export const BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 } as const;
/** Sent items are kept this long for 我的检查记录, then dropped from the queue. */
export const KEEP_SENT_MS = 180 * 86_400_000;

/** Delay before attempt n+1 after n failures: 2 s, 4 s, 8 s … capped at 5 min, with jitter (50–100 %). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}

/** Path of the endpoint an item goes to. */
export function itemPath(item: Pick<QueueItem, 'kind' | 'certificateNo'>): string {
  if (item.kind === 'report') return operations.fileReport.path;
  return operationUrl('', item.kind === 'checkin' ? operations.checkIn : operations.evaluate, {
    no: item.certificateNo,
  });
}

/** Answers that may pass: a timeout, too early, too many requests, the server's own trouble. */
const mayPass = (status: number) => status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * The sender over HTTP: POST the stored body (same clientId on every attempt) with this device's proof of
 * being the business. Without one it does not send: an attempt without proof would be recorded by the
 * portal as someone speaking for the business.
 */
export function httpSender(http: HttpClient, apiBase: string, proof: () => string | undefined): Sender {
  const api = createApiClient(http, apiBase);
  return async (item) => {
    if (item.kind === 'report') return sendReport(api, item.body as ReportInput);
    const credential = proof();
    if (!credential) return { kind: 'retry', error: '本机尚未绑定企业身份：绑定后自动发送' };
    let answer;
    try {
      answer =
        item.kind === 'checkin'
          ? await api.checkIn(item.certificateNo, { ...(item.body as CheckInContent), proof: credential })
          : await api.evaluate(item.certificateNo, { ...(item.body as EvaluationContent), proof: credential });
    } catch (err) {
      if (isNetworkError(err)) return { kind: 'retry', error: '网络不可用' };
      // Taken (2xx) but worded unlike the API documents: it is stored, there is just no message to show.
      if (err instanceof UnreadableAnswer && err.status >= 200 && err.status < 300) {
        return { kind: 'sent', status: err.status };
      }
      return { kind: 'retry', error: (err as Error).message || '发送失败' };
    }
    if (answer.ok) return { kind: 'sent', status: answer.status, message: answer.body.message };
    if (mayPass(answer.status)) return { kind: 'retry', error: `服务器暂时不可用（${answer.status}）` };
    return { kind: 'rejected', status: answer.status, message: answer.message };
  };
}

/** A report is anyone's: no business proof, so a citizen or a business without a certificate can send it. */
async function sendReport(api: ReturnType<typeof createApiClient>, body: ReportInput): Promise<SendOutcome> {
  let answer;
  try {
    answer = await api.fileReport(body);
  } catch (err) {
    if (isNetworkError(err)) return { kind: 'retry', error: '网络不可用' };
    return { kind: 'retry', error: (err as Error).message || '发送失败' };
  }
  if (answer.ok) {
    return {
      kind: 'sent',
      status: answer.status,
      receipt: answer.body.receipt,
      message: `已受理，回执编号 ${answer.body.receipt}`,
    };
  }
  if (mayPass(answer.status)) return { kind: 'retry', error: `服务器暂时不可用（${answer.status}）` };
  return { kind: 'rejected', status: answer.status, message: answer.message };
}

export interface QueueOptions {
  store: KeyValueStore;
  send: Sender;
  /** Sends a report's photos; without it photos wait. */
  sendPhoto?: PhotoSender;
  /** Releases a photo's stored bytes once it is sent, refused or discarded. */
  dropPhoto?: (ref: string) => void;
  now?: () => number;
  random?: () => number;
  key?: string;
}

export interface FlushSummary {
  attempted: number;
  sent: number;
  rejected: number;
  pending: number;
  /** Photos still to be sent (of reports the portal has taken or still to be sent). */
  photosWaiting: number;
}

export class OfflineQueue {
  private readonly store: KeyValueStore;
  private readonly send: Sender;
  private readonly sendPhoto: PhotoSender | undefined;
  private readonly dropPhoto: (ref: string) => void;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly key: string;
  private running: Promise<FlushSummary> | undefined;
  private again = false;
  private readonly listeners = new Set<() => void>();

  constructor(opts: QueueOptions) {
    this.store = opts.store;
    this.send = opts.send;
    this.sendPhoto = opts.sendPhoto;
    this.dropPhoto = opts.dropPhoto ?? (() => undefined);
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.key = opts.key ?? QUEUE_KEY;
  }

  items(): QueueItem[] {
    const xs = readJson<QueueItem[]>(this.store, this.key, []);
    return Array.isArray(xs) ? xs : [];
  }

  get(id: string | undefined): QueueItem | undefined {
    return id ? this.items().find((x) => x.id === id) : undefined;
  }

  pending(): QueueItem[] {
    return this.items().filter((x) => x.state === 'pending');
  }

  /** Photos of reports the portal has taken that are still to be sent, with their report. */
  private waitingPhotos(): { item: QueueItem; index: number; photo: QueuedPhoto }[] {
    return this.items()
      .filter((x) => x.state === 'sent' && x.receipt)
      .flatMap((item) =>
        (item.photos ?? []).flatMap((photo, index) => (photo.state === 'waiting' ? [{ item, index, photo }] : [])),
      );
  }

  /** Earliest time a pending item or photo may be retried (for a timer), or undefined. */
  nextDueAt(): number | undefined {
    const due = [
      ...this.pending().map((x) => x.nextAttemptAt),
      ...(this.sendPhoto ? this.waitingPhotos().map((p) => p.photo.nextAttemptAt) : []),
    ];
    return due.length ? Math.min(...due) : undefined;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private save(items: QueueItem[]): void {
    const cutoff = this.now() - KEEP_SENT_MS;
    writeJson(
      this.store,
      this.key,
      items.filter((x) => x.state !== 'sent' || (x.sentAt ?? 0) >= cutoff),
    );
    for (const fn of this.listeners) fn();
  }

  private update(id: string, patch: Partial<QueueItem>): void {
    this.save(this.items().map((x) => (x.id === id ? { ...x, ...patch } : x)));
  }

  /**
   * Stores the submission (persisted before any network use). Enqueuing the same id again is a no-op,
   * so a double tap never makes two submissions.
   */
  enqueue(
    kind: QueueKind,
    certificateNo: string,
    body: QueueBody,
    photos: { ref: string; type: ReportPhotoType; size: number }[] = [],
  ): QueueItem {
    const existing = this.get(body.clientId);
    if (existing) return existing;
    const now = this.now();
    const item: QueueItem = {
      id: body.clientId,
      kind,
      certificateNo,
      body,
      state: 'pending',
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      ...(photos.length
        ? { photos: photos.map((p) => ({ ...p, state: 'waiting' as const, attempts: 0, nextAttemptAt: now })) }
        : {}),
    };
    this.save([...this.items(), item]);
    return item;
  }

  /**
   * Sends what is due (or every pending item with `force`, used when the app returns or the network
   * comes back). One flush at a time: a call during a flush returns that flush, and runs once more
   * after it when forced, so nothing is sent twice concurrently and no trigger is lost.
   */
  flush(opts: { force?: boolean } = {}): Promise<FlushSummary> {
    if (this.running) {
      if (opts.force) this.again = true;
      return this.running;
    }
    // Started on a microtask so `running` is set before the body (and its `finally`) can run.
    const run = Promise.resolve().then(async () => {
      const summary: FlushSummary = { attempted: 0, sent: 0, rejected: 0, pending: 0, photosWaiting: 0 };
      const tried = new Set<string>();
      try {
        do {
          const force = opts.force || this.again;
          this.again = false;
          for (const item of this.pending()) {
            // Forced passes send everything pending once; an item that just failed waits for its backoff.
            if ((!force || tried.has(item.id)) && item.nextAttemptAt > this.now()) continue;
            tried.add(item.id);
            summary.attempted++;
            const at = this.now();
            let outcome: SendOutcome;
            try {
              outcome = await this.send(item);
            } catch (err) {
              outcome = { kind: 'retry', error: (err as Error)?.message || '发送失败' };
            }
            const attempts = item.attempts + 1;
            if (outcome.kind === 'sent') {
              summary.sent++;
              this.update(item.id, {
                state: 'sent',
                attempts,
                lastAttemptAt: at,
                sentAt: this.now(),
                status: outcome.status,
                ...(outcome.message ? { message: outcome.message } : {}),
                ...(outcome.receipt ? { receipt: outcome.receipt } : {}),
                lastError: undefined,
              });
            } else if (outcome.kind === 'rejected') {
              summary.rejected++;
              this.update(item.id, {
                state: 'rejected',
                attempts,
                lastAttemptAt: at,
                status: outcome.status,
                message: outcome.message,
              });
              // A refused report keeps its photos until the person starts again (discard releases them).
            } else {
              const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(attempts, this.random));
              this.update(item.id, {
                attempts,
                lastAttemptAt: at,
                lastError: outcome.error,
                nextAttemptAt: this.now() + delay,
              });
            }
          }
          // Then the photos of every report the portal has taken (this run's too), one at a time.
          if (this.sendPhoto) {
            for (const { item, index, photo } of this.waitingPhotos()) {
              const key = `${item.id}#${index}`;
              if ((!force || tried.has(key)) && photo.nextAttemptAt > this.now()) continue;
              tried.add(key);
              summary.attempted++;
              let outcome: SendOutcome;
              try {
                outcome = await this.sendPhoto(item.receipt!, item.id, photo);
              } catch (err) {
                outcome = { kind: 'retry', error: (err as Error)?.message || '发送失败' };
              }
              const attempts = photo.attempts + 1;
              if (outcome.kind === 'retry') {
                const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(attempts, this.random));
                this.updatePhoto(item.id, index, {
                  attempts,
                  lastError: outcome.error,
                  nextAttemptAt: this.now() + delay,
                });
                continue;
              }
              if (outcome.kind === 'sent') summary.sent++;
              else summary.rejected++;
              this.updatePhoto(item.id, index, {
                attempts,
                state: outcome.kind,
                lastError: undefined,
                ...(outcome.kind === 'rejected' ? { message: outcome.message } : {}),
                ...(outcome.kind === 'sent' && outcome.seq ? { seq: outcome.seq } : {}),
              });
              this.dropPhoto(photo.ref);
            }
          }
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      summary.pending = this.pending().length;
      summary.photosWaiting = this.items().reduce(
        (n, x) => n + (x.state === 'rejected' ? 0 : (x.photos ?? []).filter((p) => p.state === 'waiting').length),
        0,
      );
      return summary;
    });
    this.running = run;
    return run;
  }

  private updatePhoto(id: string, index: number, patch: Partial<QueuedPhoto>): void {
    this.save(
      this.items().map((x) =>
        x.id === id && x.photos ? { ...x, photos: x.photos.map((p, i) => (i === index ? { ...p, ...patch } : p)) } : x,
      ),
    );
  }

  /** Drops a refused item (the person chose to start again), and the bytes of photos it still held. */
  discard(id: string): void {
    const item = this.get(id);
    for (const p of item?.photos ?? []) if (p.state === 'waiting') this.dropPhoto(p.ref);
    this.save(this.items().filter((x) => x.id !== id));
  }
}

/** How many of a report's photos the portal has, and how many are still on the phone. */
export function photoProgress(item: QueueItem | undefined): { sent: number; waiting: number; refused: QueuedPhoto[] } {
  const photos = item?.photos ?? [];
  return {
    sent: photos.filter((p) => p.state === 'sent').length,
    waiting: photos.filter((p) => p.state === 'waiting').length,
    refused: photos.filter((p) => p.state === 'rejected'),
  };
}

/** The words 我的检查记录 and the forms show for an item. */
export function queueStateText(item: QueueItem | undefined): {
  text: string;
  tone: 'success' | 'warning' | 'error' | 'neutral';
} {
  if (!item) return { text: '未提交', tone: 'neutral' };
  if (item.state === 'sent') return { text: '已提交', tone: 'success' };
  if (item.state === 'rejected') return { text: `未被接受：${item.message ?? '请重新填写'}`, tone: 'error' };
  return { text: '已保存，待发送', tone: 'warning' };
}
