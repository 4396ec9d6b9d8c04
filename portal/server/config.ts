import path from 'node:path';

export type DatabaseKind = 'PGlite' | 'PostgreSQL';

export interface Config {
  rootDir: string;
  dataDir: string;
  contentDir: string;
  databaseUrl: string | undefined;
  databaseKind: DatabaseKind;
  port: number;
  host: string;
  siteUrl: string;
  meiliHost: string | undefined;
  meiliApiKey: string | undefined;
  /** Requests a minute for anonymous open-data clients (per IP) and for partner keys by default. */
  rateLimit: { anonymousPerMinute: number };
  /** Take the client address from X-Forwarded-For (set only behind a trusted load balancer). */
  trustProxy: boolean;
  /** SUNLIGHT_SIGNING_KEY: an Ed25519 private key (JWK or PEM) for certificates, instead of keys in dataDir/keys. */
  signingKey: string | undefined;
  /**
   * SUNLIGHT_BUSINESS_IDENTITY: the adapter that proves a check-in or evaluation comes from the inspected
   * business (server/business-identity/port.ts). Default `local-enrolment`, the operator-enrolled one.
   */
  businessIdentity: string;
  /** SUNLIGHT_APP_URL: where the mini-program's web (h5) build is served; /verify pages link to it. */
  appUrl: string | undefined;
}

/** Reads configuration from the environment; paths resolve against the working directory. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const rootDir = path.resolve(env.SUNLIGHT_ROOT ?? process.cwd());
  const port = Number(env.PORT ?? 4321);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return {
    rootDir,
    dataDir: path.resolve(rootDir, env.SUNLIGHT_DATA_DIR ?? 'data'),
    contentDir: path.resolve(rootDir, env.SUNLIGHT_CONTENT_DIR ?? 'content/sample'),
    databaseUrl,
    databaseKind: databaseUrl ? 'PostgreSQL' : 'PGlite',
    port,
    host: env.HOST ?? '0.0.0.0',
    siteUrl: (env.SUNLIGHT_SITE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    meiliHost: env.MEILI_HOST?.trim() || undefined,
    meiliApiKey: env.MEILI_API_KEY?.trim() || undefined,
    rateLimit: {
      anonymousPerMinute: Number(env.SUNLIGHT_RATE_LIMIT_ANON ?? 300),
    },
    trustProxy: env.SUNLIGHT_TRUST_PROXY === '1' || env.SUNLIGHT_TRUST_PROXY === 'true',
    signingKey: env.SUNLIGHT_SIGNING_KEY?.trim() || undefined,
    businessIdentity: env.SUNLIGHT_BUSINESS_IDENTITY?.trim() || 'local-enrolment',
    appUrl: env.SUNLIGHT_APP_URL?.trim().replace(/[/#]+$/, '') || undefined,
  };
}

/** Hides the password in a connection string before it is printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
