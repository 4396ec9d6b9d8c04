import type { CertificateStatus } from '@sunlight/verify/status';
import { type KeyValueStore, readJson, writeJson } from './storage';
import type { VerificationView } from './verification';

/**
 * 我的检查记录: every inspection verified or rated on this device. The token (from the QR code) is
 * kept here because a check-in or evaluation later needs it; nothing leaves the phone except in a
 * submission the person makes.
 */
export interface HistoryEntry {
  certificateNo: string;
  token?: string;
  status: CertificateStatus | 'unknown';
  label: string;
  tone: VerificationView['tone'];
  mode: VerificationView['mode'];
  agencyId?: string;
  agencyName?: string;
  window?: { from: string; until: string };
  firstSeenAt: number;
  checkedAt: number;
  /** clientIds of the latest check-in and evaluation (their state lives in the queue). */
  checkinId?: string;
  evaluationId?: string;
}

export const HISTORY_KEY = 'sunlight.history';
export const HISTORY_LIMIT = 200;

export class History {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key = HISTORY_KEY,
  ) {}

  list(): HistoryEntry[] {
    const xs = readJson<HistoryEntry[]>(this.store, this.key, []);
    return (Array.isArray(xs) ? xs : []).sort((a, b) => b.checkedAt - a.checkedAt);
  }

  get(no: string): HistoryEntry | undefined {
    return this.list().find((e) => e.certificateNo === no);
  }

  private put(entry: HistoryEntry): void {
    const rest = this.list().filter((e) => e.certificateNo !== entry.certificateNo);
    writeJson(this.store, this.key, [entry, ...rest].slice(0, HISTORY_LIMIT));
  }

  /** Records a verification. A token is kept once seen; an offline result never hides a known agency name. */
  recordVerification(view: VerificationView, token: string | undefined): HistoryEntry {
    const prev = this.get(view.certificateNo);
    const agencyName = view.agency?.name ?? prev?.agencyName;
    const agencyId = view.agency?.id ?? prev?.agencyId;
    const window = view.window ?? prev?.window;
    const keepToken = view.genuine ? (token ?? prev?.token) : prev?.token;
    const entry: HistoryEntry = {
      certificateNo: view.certificateNo,
      status: view.mode === 'unverified' && prev ? prev.status : view.status,
      label: view.mode === 'unverified' && prev ? prev.label : view.label,
      tone: view.mode === 'unverified' && prev ? prev.tone : view.tone,
      mode: view.mode,
      firstSeenAt: prev?.firstSeenAt ?? view.checkedAt,
      checkedAt: view.checkedAt,
      ...(keepToken ? { token: keepToken } : {}),
      ...(agencyId ? { agencyId } : {}),
      ...(agencyName ? { agencyName } : {}),
      ...(window ? { window } : {}),
      ...(prev?.checkinId ? { checkinId: prev.checkinId } : {}),
      ...(prev?.evaluationId ? { evaluationId: prev.evaluationId } : {}),
    };
    this.put(entry);
    return entry;
  }

  attach(no: string, kind: 'checkin' | 'evaluation', clientId: string, now = Date.now()): void {
    const prev = this.get(no);
    if (!prev) return;
    this.put({
      ...prev,
      checkedAt: Math.max(prev.checkedAt, now),
      [kind === 'checkin' ? 'checkinId' : 'evaluationId']: clientId,
    });
  }
}
