import { defineMiddleware } from 'astro:middleware';

/** Security headers every response carries; pages may add more (caching, Link). */
export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  const h = response.headers;
  h.set('x-content-type-options', 'nosniff');
  h.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (!h.has('x-frame-options')) h.set('x-frame-options', 'SAMEORIGIN');
  h.set('permissions-policy', 'geolocation=(), microphone=(), payment=()');
  return response;
});
