import type { Jwks } from '@sunlight/verify/jws';
import { fetchJwks } from './api';
import type { HttpClient } from './http';
import { type KeyValueStore, readJson, writeJson } from './storage';

/** The portal's public keys as last fetched online: what an offline verification checks against. */
export const JWKS_CACHE_KEY = 'sunlight.jwks';

export interface CachedJwks {
  jwks: Jwks;
  fetchedAt: number;
}

export function readCachedJwks(store: KeyValueStore): CachedJwks | undefined {
  const c = readJson<CachedJwks | null>(store, JWKS_CACHE_KEY, null);
  return c && Array.isArray(c.jwks?.keys) ? c : undefined;
}

/** Refreshes the cached JWKS (after an online verification, at launch). Failures are ignored. */
export async function refreshJwks(http: HttpClient, base: string, store: KeyValueStore, now = Date.now()) {
  try {
    const jwks = await fetchJwks(http, base);
    if (jwks.keys.length) writeJson(store, JWKS_CACHE_KEY, { jwks, fetchedAt: now } satisfies CachedJwks);
    return true;
  } catch {
    return false;
  }
}
