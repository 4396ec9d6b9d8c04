import { partnerForKey } from '../opendata/partners';
import type { Runtime } from '../runtime';
import { problem } from './problem';

/**
 * What every public API answer carries and how a client is admitted (per-client rate limit, optional
 * partner key). Used by the Astro middleware and by the certificate-verification fast path
 * (`inspections/verify-fast-path.ts`), so both answer with the same headers and limits.
 */

/** Headers on every response of the portal. */
/** Searches sent as a JSON body: reads like GET, so open data (rate-limited, any origin) though they POST. */
export const SEARCH_BODY_PATHS: readonly string[] = ['/api/v1/disclosures/search', '/api/v1/search'];

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'permissions-policy': 'geolocation=(), microphone=(), payment=()',
};

/** Open to every origin; the headers a script on another site may read. */
export const OPEN_CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Last-Modified, Link, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
};

interface HeaderSource {
  get(name: string): string | null | undefined;
}

/** The client's address: X-Forwarded-For's first hop behind a trusted proxy, else the socket's. */
export function clientAddressOf(trustProxy: boolean, headers: HeaderSource, clientAddress: () => string): string {
  try {
    return (trustProxy && headers.get('x-forwarded-for')?.split(',')[0]?.trim()) || clientAddress();
  } catch {
    return 'unknown'; // no client address (prerendering)
  }
}

/**
 * Admits one request: a partner key (`X-API-Key` or `Authorization: Bearer slp_…`) gets the partner's
 * rate, anyone else the anonymous rate per client address. Returns the RateLimit headers to add, or the
 * problem response (401 bad key, 429 too many) to send instead.
 */
export async function admitClient(
  runtime: Runtime,
  headers: HeaderSource,
  clientAddress: () => string,
): Promise<{ ok: true; headers: Record<string, string> } | { ok: false; response: Response }> {
  const { rateLimit, trustProxy, siteUrl } = runtime.config;
  const key = headers.get('x-api-key') ?? /^Bearer\s+(slp_\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  const partner = key ? await partnerForKey(runtime.db, key) : null;
  if (key && !partner) {
    return {
      ok: false,
      response: problem(
        'unauthorized',
        siteUrl,
        '合作方密钥无效或已吊销。不带密钥也可以匿名访问（限速较低）。',
        {},
        OPEN_CORS,
      ),
    };
  }
  const client = clientAddressOf(trustProxy, headers, clientAddress);
  const perMinute = partner ? partner.perMinute : rateLimit.anonymousPerMinute;
  // One budget per client for the Astro routes and the verification fast path, and across processes.
  const r = await runtime.limiter.take(partner ? `partner:${partner.id}` : `ip:${client}`, perMinute);
  const limitHeaders = {
    'ratelimit-limit': String(perMinute),
    'ratelimit-remaining': String(r.remaining),
    'ratelimit-reset': String(r.resetSeconds),
  };
  if (r.ok) return { ok: true, headers: limitHeaders };
  return {
    ok: false,
    response: problem(
      'rate-limited',
      siteUrl,
      `请求过于频繁：${partner ? '该合作方密钥' : '匿名访问'}每分钟最多 ${perMinute} 次。请在 ${r.retryAfter} 秒后重试；需要更高频率请申请合作方密钥（见 /open-data）。`,
      {},
      { ...OPEN_CORS, ...limitHeaders, 'retry-after': String(r.retryAfter) },
    ),
  };
}
