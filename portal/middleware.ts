import { defineMiddleware } from 'astro:middleware';
import { isProblem, statusProblem } from './server/http/problem';
import { admitClient, OPEN_CORS, SEARCH_BODY_PATHS, SECURITY_HEADERS } from './server/http/public-api';
import { declareRuntime } from './server/locals';
import { processRuntime } from './server/process-runtime';

const API_ROUTES = import.meta.glob<Record<string, unknown>>('./pages/api/**/*.ts');
const METHOD_NAMES = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods an API route answers (its exported handlers), from its route pattern, e.g. /api/v1/disclosures/[id]. */
async function allowedMethods(routePattern: string): Promise<string[] | undefined> {
  const load = API_ROUTES[`./pages${routePattern}.ts`] ?? API_ROUTES[`./pages${routePattern}/index.ts`];
  if (!load) return undefined;
  const exported = Object.keys(await load()).filter((k) => METHOD_NAMES.includes(k));
  if (exported.includes('GET') && !exported.includes('HEAD')) exported.push('HEAD');
  return [...exported, 'OPTIONS'];
}

/**
 * Every error answer under /api/ is problem+json: a route's own problems pass; a method the route does
 * not handle is 405 with Allow (Astro says 404); Astro's 404 page and anything thrown become the problem
 * of their status. (`http/node-boundary.ts` does the same for what never reaches Astro.)
 */
async function apiAnswer(
  pathname: string,
  method: string,
  routePattern: string,
  siteUrl: string,
  next: () => Promise<Response>,
): Promise<Response> {
  let response: Response;
  try {
    response = await next();
  } catch (err) {
    console.error(`[api] ${method} ${pathname}`, err);
    return statusProblem(500, siteUrl);
  }
  if (response.status < 400 || isProblem(response.headers.get('content-type'))) return response;
  if (response.status === 404 && routePattern !== '/404') {
    const allow = await allowedMethods(routePattern);
    if (allow && method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { allow: allow.join(', ') } });
    }
    if (allow && !allow.includes(method)) {
      return statusProblem(405, siteUrl, `${pathname} 不支持 ${method} 请求，可用的方法：${allow.join('、')}。`, {
        allow: allow.join(', '),
      });
    }
  }
  return statusProblem(response.status, siteUrl);
}

/** Open-data reads: rate-limited per client and open to every origin (CORS). Ingest is neither. */
function isOpenData(path: string, method: string): boolean {
  if (path.startsWith('/api/v1/ingest/')) return false;
  if (path.startsWith('/feeds/')) return true;
  if (!path.startsWith('/api/v1/')) return false;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || SEARCH_BODY_PATHS.includes(path);
}

/**
 * Certificate verification, the business's check-ins and evaluations, binding its identity and 反映问题 reports: any client (the mini-program's
 * H5 build, other apps) may call them from any origin, errors included, and they share the anonymous
 * per-client rate limit, which also slows anyone guessing credit codes against a certificate.
 */
function isCertificateApi(path: string): boolean {
  return (
    path.startsWith('/api/v1/certificates/') ||
    path === '/api/v1/business/enrolments' ||
    path.startsWith('/api/v1/reports')
  );
}

export const onRequest = defineMiddleware(async (context, next) => {
  // Once per request (a rewrite runs the middleware again); declared first, so if the runtime fails to
  // start, an error page reading it says so.
  if (!Object.hasOwn(context.locals, 'runtime')) {
    const provide = declareRuntime(context.locals);
    provide(await processRuntime());
  }
  const { runtime } = context.locals;
  const { pathname } = context.url;
  const method = context.request.method;
  // The error page is no address of its own: asked for directly nothing failed, so no 5xx.
  if (pathname === '/500') return context.rewrite('/404');
  const open = isOpenData(pathname, method) || isCertificateApi(pathname);

  if (open && method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...OPEN_CORS,
        'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers':
          'Content-Type, Authorization, X-API-Key, X-Client-Id, If-None-Match, If-Modified-Since',
        'access-control-max-age': '86400',
      },
    });
  }

  let limitHeaders: Record<string, string> = {};
  if (open) {
    const admitted = await admitClient(runtime, context.request.headers, () => context.clientAddress);
    if (!admitted.ok) return admitted.response;
    limitHeaders = admitted.headers;
  }

  const response = pathname.startsWith('/api/')
    ? await apiAnswer(pathname, method, context.routePattern, runtime.config.siteUrl, () => next())
    : await next();
  const h = response.headers;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (k !== 'x-frame-options' || !h.has(k)) h.set(k, v);
  if (open) for (const [k, v] of Object.entries({ ...OPEN_CORS, ...limitHeaders })) h.set(k, v);
  return response;
});
