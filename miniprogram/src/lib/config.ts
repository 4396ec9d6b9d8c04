import type { Jwks } from '@sunlight/verify/jws';

/**
 * Where the portal is. Build time: SUNLIGHT_API_BASE / SUNLIGHT_SITE_URLS / SUNLIGHT_BUNDLED_JWKS
 * (see config/index.ts). The h5 build may be re-pointed at run time by the page that hosts it:
 * `window.__SUNLIGHT__ = { apiBase, siteUrls }` set before the app script.
 */
export interface AppConfig {
  /** The portal's address without a trailing slash, e.g. https://sunlight.example.gov.cn */
  apiBase: string;
  /** Origins whose `/verify/<no>?t=…` QR codes this app accepts as ours. */
  siteOrigins: string[];
  /** Public keys shipped with the app: the offline fallback when nothing was cached yet. */
  bundledJwks: Jwks;
}

export const DEFAULT_API_BASE = 'http://localhost:4321';

interface RuntimeOverride {
  apiBase?: string;
  siteUrls?: string[];
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** `https://host[:port]` of a URL, lower-cased; undefined when it is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  const m = /^(https?:\/\/[^/?#\s]+)/i.exec(url.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

export function resolveConfig(
  build: { apiBase?: string; siteUrls?: string[]; bundledJwks?: Jwks },
  override?: RuntimeOverride,
): AppConfig {
  const apiBase = trimSlash(override?.apiBase || build.apiBase || DEFAULT_API_BASE);
  const sites = override?.siteUrls?.length ? override.siteUrls : build.siteUrls?.length ? build.siteUrls : [apiBase];
  const siteOrigins = [...new Set([...sites, apiBase].map(originOf).filter((o): o is string => !!o))];
  return { apiBase, siteOrigins, bundledJwks: build.bundledJwks ?? { keys: [] } };
}

let cached: AppConfig | undefined;

export function appConfig(): AppConfig {
  if (cached) return cached;
  const override =
    typeof window !== 'undefined' ? (window as { __SUNLIGHT__?: RuntimeOverride }).__SUNLIGHT__ : undefined;
  cached = resolveConfig(
    {
      apiBase: typeof SUNLIGHT_API_BASE === 'string' ? SUNLIGHT_API_BASE : undefined,
      siteUrls: typeof SUNLIGHT_SITE_URLS !== 'undefined' ? SUNLIGHT_SITE_URLS : undefined,
      bundledJwks: typeof SUNLIGHT_BUNDLED_JWKS !== 'undefined' ? SUNLIGHT_BUNDLED_JWKS : undefined,
    },
    override,
  );
  return cached;
}
