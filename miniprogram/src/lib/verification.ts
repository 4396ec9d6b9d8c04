import { chinaDateTime } from '@sunlight/domain/china-time';
import { verifyCertificateToken, type TokenVerification } from '@sunlight/verify/certificate';
import type { Jwks } from '@sunlight/verify/jws';
import { certificateStatusText, type CertificateStatus, type StatusTone } from '@sunlight/verify/status';
import { ApiError, fetchVerification, type OnlineVerification } from './api';
import { type HttpClient, isNetworkError } from './http';
import { readCachedJwks, refreshJwks } from './jwks-cache';
import type { KeyValueStore } from './storage';

/**
 * What the result screen shows. `mode`:
 * - `online`: the portal answered (signature, stored certificate, revocation, officers);
 * - `offline`: no network, the token's signature and window were checked on the phone against the
 *   public keys cached from the last online use (or those shipped with the app);
 * - `unverified`: no network and nothing to check offline (a number typed by hand, or no keys).
 */
export interface VerificationView {
  certificateNo: string;
  status: CertificateStatus | 'unknown';
  genuine: boolean;
  label: string;
  headline: string;
  advice: string;
  tone: StatusTone;
  symbol: string;
  mode: 'online' | 'offline' | 'unverified';
  /** A line about how this was checked, shown under the headline. */
  note?: string;
  detail?: string;
  keySource?: 'cached' | 'bundled';
  agency?: { id: string; name?: string };
  source?: string;
  window?: { from: string; until: string };
  inspectors?: OnlineVerification['inspectors'];
  items?: OnlineVerification['items'];
  revocationReason?: string;
  enterpriseHint?: string;
  checkedAt: number;
}

function fromOnline(v: OnlineVerification, now: number): VerificationView {
  const t = certificateStatusText[v.status] ?? certificateStatusText.not_genuine;
  return {
    certificateNo: v.certificateNo,
    status: v.status,
    genuine: v.genuine,
    label: v.label || t.label,
    headline: v.headline || t.headline,
    advice: v.advice || t.advice,
    tone: t.tone,
    symbol: t.symbol,
    mode: 'online',
    note:
      v.checkedBy === 'signature'
        ? '已联网核验：签名、登记信息和撤销状态均已查询。'
        : '已联网按编号查询。编号是手动输入的：请再扫描二维码核验签名，才能登记或评价。',
    ...(v.detail ? { detail: v.detail } : {}),
    ...(v.agency ? { agency: { id: v.agency.id, name: v.agency.name } } : {}),
    ...(v.source ? { source: v.source } : {}),
    ...(v.certificate
      ? { window: { from: chinaDateTime(v.certificate.validFrom), until: chinaDateTime(v.certificate.validUntil) } }
      : {}),
    ...(v.inspectors ? { inspectors: v.inspectors } : {}),
    ...(v.items ? { items: v.items } : {}),
    ...(v.certificate?.revocationReason ? { revocationReason: v.certificate.revocationReason } : {}),
    ...(v.enterpriseHint ? { enterpriseHint: v.enterpriseHint } : {}),
    checkedAt: now,
  };
}

function fromOffline(no: string, r: TokenVerification, keySource: 'cached' | 'bundled', now: number): VerificationView {
  const t = certificateStatusText[r.status];
  const base = {
    certificateNo: r.genuine ? r.certificateNo : no,
    status: r.status,
    genuine: r.genuine,
    label: t.label,
    headline: t.headline,
    advice: t.advice,
    tone: t.tone,
    symbol: t.symbol,
    mode: 'offline' as const,
    keySource,
    checkedAt: now,
  };
  if (!r.genuine) {
    return {
      ...base,
      detail: r.message,
      note: `离线核验（未联网）：已用${keySource === 'cached' ? '上次联网时保存' : '应用内置'}的公钥检查签名。`,
    };
  }
  return {
    ...base,
    note: `离线核验（未联网）：已用${keySource === 'cached' ? '上次联网时保存' : '应用内置'}的公钥核对签名和检查时间；是否已被撤销需联网后再查。`,
    agency: { id: r.agencyId },
    window: { from: chinaDateTime(r.validFrom), until: chinaDateTime(r.validUntil) },
  };
}

export interface VerifyDeps {
  http: HttpClient;
  apiBase: string;
  store: KeyValueStore;
  bundledJwks: Jwks;
  now?: () => number;
}

function unverified(no: string, now: number, note: string): VerificationView {
  return {
    certificateNo: no,
    status: 'unknown',
    genuine: false,
    label: '暂时无法核验',
    headline: '暂时无法核验',
    advice: '请联网后重试。核验结果出来之前，您可以请检查人员稍候，或拒绝检查。',
    tone: 'neutral',
    symbol: '?',
    mode: 'unverified',
    note,
    checkedAt: now,
  };
}

/** Offline check of a token: cached keys first, then the keys shipped with the app. */
export async function verifyOffline(
  no: string,
  token: string,
  cached: Jwks | undefined,
  bundled: Jwks,
  now: number,
): Promise<VerificationView> {
  const sources: ['cached' | 'bundled', Jwks][] = [];
  if (cached?.keys.length) sources.push(['cached', cached]);
  if (bundled.keys.length) sources.push(['bundled', bundled]);
  if (!sources.length) {
    return unverified(no, now, '未联网，且手机上还没有保存本系统的公钥：联网核验一次后，以后可以离线核验。');
  }
  let last: { r: Extract<TokenVerification, { genuine: false }>; src: 'cached' | 'bundled' } | undefined;
  for (const [src, jwks] of sources) {
    const r = await verifyCertificateToken(token, jwks, { certificateNo: no, now, clockToleranceSec: 300 });
    // A key unknown to the cache may be newer than the cache: try the next source.
    if (!r.genuine && r.reason === 'unknown_key') {
      last ??= { r, src };
      continue;
    }
    return fromOffline(no, r, src, now);
  }
  if (last) {
    return {
      ...fromOffline(no, last.r, last.src, now),
      detail: `${last.r.message}。手机上的公钥可能过时：请联网后重新核验。`,
    };
  }
  return unverified(no, now, '未联网，无法核验。');
}

/** Online first; offline by signature when the portal cannot be reached. */
export async function verifyCertificate(
  input: { certificateNo: string; token?: string },
  deps: VerifyDeps,
): Promise<VerificationView> {
  const now = (deps.now ?? Date.now)();
  try {
    const online = await fetchVerification(deps.http, deps.apiBase, input.certificateNo, input.token);
    // Keep the public keys fresh for the next offline check (not awaited by the caller's screen).
    void refreshJwks(deps.http, deps.apiBase, deps.store, now);
    return fromOnline(online, now);
  } catch (err) {
    if (!isNetworkError(err)) {
      if (err instanceof ApiError && err.status === 404) {
        const t = certificateStatusText.not_genuine;
        return {
          ...unverified(input.certificateNo, now, ''),
          ...t,
          status: 'not_genuine',
          mode: 'online',
          detail: err.message,
        };
      }
      return unverified(input.certificateNo, now, `核验服务出错：${(err as Error).message}`);
    }
  }
  if (!input.token) {
    return unverified(
      input.certificateNo,
      now,
      '未联网：手动输入的编号需要联网查询。扫描检查证二维码可以在未联网时核对签名。',
    );
  }
  return verifyOffline(input.certificateNo, input.token, readCachedJwks(deps.store)?.jwks, deps.bundledJwks, now);
}
