import path from 'node:path';
import { z } from 'zod';

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
  rateLimit: {
    /** SUNLIGHT_RATE_LIMIT_ANON: requests a minute for an anonymous open-data client (per IP). */
    anonymousPerMinute: number;
    /** SUNLIGHT_RATE_LIMIT_PARTNER: requests a minute a new partner key gets unless `--per-minute` says otherwise. */
    partnerPerMinute: number;
  };
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
  /**
   * SUNLIGHT_RESULT_DELAY_DAYS: days between an agency recording an inspection result and its publication
   * (the agency's window to correct a slip before it is public). At most 28 days, so a result is public
   * within the conventional 20 working days of the inspection.
   */
  inspectionResultDelayDays: number;
  /** SUNLIGHT_SHUTDOWN_GRACE_SECONDS: how long requests under way may finish after SIGTERM. */
  shutdownGraceMs: number;
}

/** Defaults of the numeric settings (README's table quotes them; a unit test keeps the two equal). */
export const CONFIG_DEFAULTS = {
  PORT: 4321,
  SUNLIGHT_RATE_LIMIT_ANON: 300,
  SUNLIGHT_RATE_LIMIT_PARTNER: 1200,
  SUNLIGHT_RESULT_DELAY_DAYS: 5,
  SUNLIGHT_SHUTDOWN_GRACE_SECONDS: 20,
} as const;

/** Each message says, in Chinese then English, what a valid value looks like; the variable name is added by `ConfigError`. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `应为 ${min}–${max} 的整数 / must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `应为 ${min}–${max} 的整数 / must be a whole number from ${min} to ${max}`)
        .max(max, `应为 ${min}–${max} 的整数 / must be a whole number from ${min} to ${max}`),
    )
    .default(fallback);

const httpUrl = z
  .url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的网址 / must be an http:// or https:// address' })
  .transform((u) => u.replace(/[/#]+$/, ''));

const flag = z
  .enum(['1', 'true', '0', 'false'], { error: '应为 1、true、0 或 false / must be 1, true, 0 or false' })
  .transform((v) => v === '1' || v === 'true')
  .default(false);

/** The environment the portal and the CLI read; unset and blank variables take their defaults. */
export const EnvSchema = z.object({
  SUNLIGHT_ROOT: z.string().optional(),
  SUNLIGHT_DATA_DIR: z.string().default('data'),
  SUNLIGHT_CONTENT_DIR: z.string().default('content/sample'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      '应为 postgres:// 开头的连接串，如 postgres://user@host:5432/db / must be a postgres:// connection string',
    )
    .optional(),
  PORT: wholeNumber(1, 65_535, CONFIG_DEFAULTS.PORT),
  HOST: z.string().default('0.0.0.0'),
  SUNLIGHT_SITE_URL: httpUrl.optional(),
  MEILI_HOST: httpUrl.optional(),
  MEILI_API_KEY: z.string().optional(),
  SUNLIGHT_RATE_LIMIT_ANON: wholeNumber(1, 1_000_000, CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_ANON),
  SUNLIGHT_RATE_LIMIT_PARTNER: wholeNumber(1, 1_000_000, CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_PARTNER),
  SUNLIGHT_TRUST_PROXY: flag,
  SUNLIGHT_SHUTDOWN_GRACE_SECONDS: wholeNumber(0, 3600, CONFIG_DEFAULTS.SUNLIGHT_SHUTDOWN_GRACE_SECONDS),
  SUNLIGHT_SIGNING_KEY: z.string().optional(),
  SUNLIGHT_BUSINESS_IDENTITY: z.string().default('local-enrolment'),
  SUNLIGHT_APP_URL: httpUrl.optional(),
  SUNLIGHT_RESULT_DELAY_DAYS: wholeNumber(0, 28, CONFIG_DEFAULTS.SUNLIGHT_RESULT_DELAY_DAYS),
});

/** A variable with a value the portal cannot use; the message names each one and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; value: string | undefined; message: string }[]) {
    super(
      [
        '配置错误 / configuration error:',
        ...problems.map(
          (p) =>
            `  ${p.variable}=${JSON.stringify(p.value ?? '')}：${p.message}。请改正或删除 ${p.variable} 后重新启动 / fix or unset ${p.variable} and start again.`,
        ),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Reads configuration from the environment; paths resolve against the working directory. Throws `ConfigError`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const set: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key]?.trim();
    if (value) set[key] = value;
  }
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const variable = String(i.path[0]);
        return { variable, value: set[variable], message: i.message };
      }),
    );
  }
  const e = parsed.data;
  const rootDir = path.resolve(e.SUNLIGHT_ROOT ?? process.cwd());
  return {
    rootDir,
    dataDir: path.resolve(rootDir, e.SUNLIGHT_DATA_DIR),
    contentDir: path.resolve(rootDir, e.SUNLIGHT_CONTENT_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseKind: e.DATABASE_URL ? 'PostgreSQL' : 'PGlite',
    port: e.PORT,
    host: e.HOST,
    siteUrl: e.SUNLIGHT_SITE_URL ?? `http://localhost:${e.PORT}`,
    meiliHost: e.MEILI_HOST,
    meiliApiKey: e.MEILI_API_KEY,
    rateLimit: {
      anonymousPerMinute: e.SUNLIGHT_RATE_LIMIT_ANON,
      partnerPerMinute: e.SUNLIGHT_RATE_LIMIT_PARTNER,
    },
    trustProxy: e.SUNLIGHT_TRUST_PROXY,
    shutdownGraceMs: e.SUNLIGHT_SHUTDOWN_GRACE_SECONDS * 1000,
    signingKey: e.SUNLIGHT_SIGNING_KEY,
    businessIdentity: e.SUNLIGHT_BUSINESS_IDENTITY,
    appUrl: e.SUNLIGHT_APP_URL,
    inspectionResultDelayDays: e.SUNLIGHT_RESULT_DELAY_DAYS,
  };
}

/** `loadConfig` for entry points: a bad variable ends the process with the message, not a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
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
