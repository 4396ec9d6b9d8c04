import { defineMiddleware } from 'astro:middleware';
import { problem } from './server/http/problem';
import { RateLimiter } from './server/http/rate-limit';
import { partnerForKey } from './server/opendata/partners';
import { getRuntime } from './server/runtime';

const limiter = new RateLimiter();

/** Open-data reads: rate-limited per client and open to every origin (CORS). Ingest is neither. */
function isOpenData(path: string, method: string): boolean {
  if (path.startsWith('/api/v1/ingest/')) return false;
  if (path.startsWith('/feeds/')) return true;
  if (!path.startsWith('/api/v1/')) return false;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || path === '/api/v1/disclosures/search';
}

/**
 * Certificate verification and the business's check-ins and evaluations: any client (the mini-program's
 * H5 build, other apps) may call them from any origin, errors included, and they share the anonymous
 * per-client rate limit, which also slows anyone guessing credit codes against a certificate.
 */
function isCertificateApi(path: string): boolean {
  return path.startsWith('/api/v1/certificates/');
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Last-Modified, Link, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
};

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  const method = context.request.method;
  const open = isOpenData(pathname, method) || isCertificateApi(pathname);

  if (open && method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...CORS,
        'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Authorization, X-API-Key, If-None-Match, If-Modified-Since',
        'access-control-max-age': '86400',
      },
    });
  }

  let limitHeaders: Record<string, string> = {};
  if (open) {
    const runtime = await getRuntime();
    const { rateLimit, trustProxy, siteUrl } = runtime.config;
    const key =
      context.request.headers.get('x-api-key') ??
      /^Bearer\s+(slp_\S+)$/i.exec(context.request.headers.get('authorization') ?? '')?.[1];
    const partner = key ? await partnerForKey(runtime.db, key) : null;
    if (key && !partner) {
      return problem('unauthorized', siteUrl, '合作方密钥无效或已吊销。不带密钥也可以匿名访问（限速较低）。', {}, CORS);
    }
    let client = 'unknown';
    try {
      client =
        (trustProxy && context.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()) || context.clientAddress;
    } catch {
      // no client address (prerendering)
    }
    const perMinute = partner ? partner.perMinute : rateLimit.anonymousPerMinute;
    const r = limiter.take(partner ? `partner:${partner.id}` : `ip:${client}`, perMinute);
    limitHeaders = {
      'ratelimit-limit': String(perMinute),
      'ratelimit-remaining': String(r.remaining),
      'ratelimit-reset': String(r.resetSeconds),
    };
    if (!r.ok) {
      return problem(
        'rate-limited',
        siteUrl,
        `请求过于频繁：${partner ? '该合作方密钥' : '匿名访问'}每分钟最多 ${perMinute} 次。请在 ${r.retryAfter} 秒后重试；需要更高频率请申请合作方密钥（见 /open-data）。`,
        {},
        { ...CORS, ...limitHeaders, 'retry-after': String(r.retryAfter) },
      );
    }
  }

  const response = await next();
  const h = response.headers;
  h.set('x-content-type-options', 'nosniff');
  h.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (!h.has('x-frame-options')) h.set('x-frame-options', 'SAMEORIGIN');
  h.set('permissions-policy', 'geolocation=(), microphone=(), payment=()');
  if (open) for (const [k, v] of Object.entries({ ...CORS, ...limitHeaders })) h.set(k, v);
  return response;
});
