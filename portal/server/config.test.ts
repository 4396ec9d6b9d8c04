import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, EnvSchema, loadConfig } from './config';

const README = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');

function refused(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('configuration from the environment', () => {
  it('takes the defaults when nothing (or only blanks) is set', () => {
    const c = loadConfig({ PORT: '', SUNLIGHT_RATE_LIMIT_ANON: '  ' });
    expect(c.port).toBe(CONFIG_DEFAULTS.PORT);
    expect(c.siteUrl).toBe(`http://localhost:${CONFIG_DEFAULTS.PORT}`);
    expect(c.rateLimit).toEqual({
      anonymousPerMinute: CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_ANON,
      partnerPerMinute: CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_PARTNER,
    });
    expect(c.databaseKind).toBe('PGlite');
    expect(c.trustProxy).toBe(false);
    expect(c.inspectionResultDelayDays).toBe(CONFIG_DEFAULTS.SUNLIGHT_RESULT_DELAY_DAYS);
  });

  it('reads the publication delay of inspection results, 0 (publish at once) to 28 days', () => {
    expect(loadConfig({ SUNLIGHT_RESULT_DELAY_DAYS: '0' }).inspectionResultDelayDays).toBe(0);
    expect(loadConfig({ SUNLIGHT_RESULT_DELAY_DAYS: '28' }).inspectionResultDelayDays).toBe(28);
  });

  it('reads the values it is given', () => {
    const c = loadConfig({
      PORT: '8080',
      SUNLIGHT_RATE_LIMIT_ANON: '60',
      SUNLIGHT_RATE_LIMIT_PARTNER: '6000',
      SUNLIGHT_SITE_URL: 'https://sunlight.example.org/',
      SUNLIGHT_TRUST_PROXY: 'true',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(c.port).toBe(8080);
    expect(c.rateLimit).toEqual({ anonymousPerMinute: 60, partnerPerMinute: 6000 });
    expect(c.siteUrl).toBe('https://sunlight.example.org');
    expect(c.trustProxy).toBe(true);
    expect(c.databaseKind).toBe('PostgreSQL');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['SUNLIGHT_RATE_LIMIT_ANON', '-1'],
    ['SUNLIGHT_RATE_LIMIT_ANON', '0'],
    ['SUNLIGHT_RATE_LIMIT_PARTNER', '1.5'],
    ['SUNLIGHT_TRUST_PROXY', 'yes'],
    ['SUNLIGHT_RESULT_DELAY_DAYS', '29'],
    ['SUNLIGHT_RESULT_DELAY_DAYS', '2.5'],
    ['SUNLIGHT_SITE_URL', 'sunlight.example.org'],
    ['DATABASE_URL', 'mysql://localhost/db'],
  ])('%s=%s stops start-up with a message naming the variable and the fix', (variable, value) => {
    const err = refused({ [variable]: value });
    expect(err.problems.map((p) => p.variable)).toEqual([variable]);
    expect(err.message).toContain(`${variable}="${value}"`);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message).toMatch(/must be/);
    expect(err.message).toContain(`fix or unset ${variable}`);
    expect(err.message).not.toContain('NaN');
  });

  it('names every bad variable at once', () => {
    const err = refused({ PORT: 'abc', SUNLIGHT_RATE_LIMIT_ANON: '-1' });
    expect(err.problems.map((p) => p.variable).sort()).toEqual(['PORT', 'SUNLIGHT_RATE_LIMIT_ANON']);
  });
});

describe("README's table of variables", () => {
  const rows = new Map(
    [...README.matchAll(/^\| (`[^|]+`)\s*\| ([^|]+?)\s*\|/gm)].flatMap((m) =>
      [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((v, i) => [v[1]!, m[2]!.split(', ')[i] ?? m[2]!] as const),
    ),
  );

  it('lists every variable the schema reads (SUNLIGHT_ROOT is for tests)', () => {
    const documented = Object.keys(EnvSchema.shape).filter((k) => k !== 'SUNLIGHT_ROOT');
    for (const v of documented) expect(rows.has(v), `${v} in README`).toBe(true);
  });

  it.each(Object.entries(CONFIG_DEFAULTS))('states the default of %s the code uses (%d)', (variable, value) => {
    expect(rows.get(variable)).toBe(`\`${value}\``);
  });

  it('quotes the partner default where it explains rate limits', () => {
    const n = CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_PARTNER.toLocaleString('en');
    expect(README).toContain(`\`SUNLIGHT_RATE_LIMIT_PARTNER\`, default ${n} a minute`);
    const anon = CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_ANON.toLocaleString('en');
    expect(README).toContain(`\`SUNLIGHT_RATE_LIMIT_ANON\`, default ${anon} requests a minute`);
  });
});
