import fs from 'node:fs';
import path from 'node:path';
import { runSunlight } from './cli';
import { ROOT } from './server';

export function example(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'content/examples', name), 'utf8');
}

/** Creates an ingest token through the running portal, exactly as an administrator would. */
export async function createToken(dataDir: string, agency: string): Promise<string> {
  const res = await runSunlight(['token', 'create', '--agency', agency], {
    SUNLIGHT_DATA_DIR: dataDir,
    DATABASE_URL: '',
  });
  if (res.code !== 0) throw new Error(`token create failed: ${res.stderr}`);
  return res.stdout.trim();
}

export function push(
  base: string,
  token: string | undefined,
  body: string,
  type = 'application/json',
  pathname = '/api/v1/ingest/disclosures',
) {
  return fetch(`${base}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
