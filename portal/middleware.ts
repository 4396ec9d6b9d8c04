import { defineMiddleware } from 'astro:middleware';
import { admitClient, OPEN_CORS, SECURITY_HEADERS } from './server/http/public-api';
import { getRuntime } from './server/runtime';

/** Open-data reads: rate-limited per client and open to every origin (CORS). Ingest is neither. */
function isOpenData(path: string, method: string): boolean {
  if (path.startsWith('/api/v1/ingest/')) return false;
  if (path.startsWith('/feeds/')) return true;
  if (!path.startsWith('/api/v1/')) return false;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || path === '/api/v1/disclosures/search';
}

/**
 * Certificate verification, the business's check-ins and evaluations, and binding its identity: any client (the mini-program's
 * H5 build, other apps) may call them from any origin, errors included, and they share the anonymous
 * per-client rate limit, which also slows anyone guessing credit codes against a certificate.
 */
function isCertificateApi(path: string): boolean {
  return path.startsWith('/api/v1/certificates/') || path === '/api/v1/business/enrolments';
}

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  const method = context.request.method;
  const open = isOpenData(pathname, method) || isCertificateApi(pathname);

  if (open && method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...OPEN_CORS,
        'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Authorization, X-API-Key, If-None-Match, If-Modified-Since',
        'access-control-max-age': '86400',
      },
    });
  }

  let limitHeaders: Record<string, string> = {};
  if (open) {
    const admitted = await admitClient(await getRuntime(), context.request.headers, () => context.clientAddress);
    if (!admitted.ok) return admitted.response;
    limitHeaders = admitted.headers;
  }

  const response = await next();
  const h = response.headers;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (k !== 'x-frame-options' || !h.has(k)) h.set(k, v);
  if (open) for (const [k, v] of Object.entries({ ...OPEN_CORS, ...limitHeaders })) h.set(k, v);
  return response;
});
