import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { sampleCertificateNo } from '../helpers/sample-certificates';
import { ROOT } from '../helpers/server';

const base = () => inject('portalUrl');
const cliEnv = () => ({ SUNLIGHT_DATA_DIR: inject('portalDataDir'), DATABASE_URL: '' });

function filesUnder(dir: string, test: (file: string) => boolean): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => test(f) && fs.statSync(f).isFile());
}

describe('the portal process loads its server code once', () => {
  it('a partner key revoked through the CLI is refused at once, by the verification fast path and by the Astro routes', async () => {
    const created = await runSunlight(
      ['partner', 'create', '--name', '吊销即时生效测试', '--per-minute', '100'],
      cliEnv(),
    );
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    const id = /^slp_([a-z0-9]{12})\./.exec(key)?.[1];
    expect(id).toBeDefined();
    const withKey = { headers: { 'x-api-key': key } };
    const no = sampleCertificateNo((c) => c.agencyId === 'market' && c.status === 'revoked');
    const fastPath = `${base()}/api/v1/certificates/${no}`;
    const astroRoute = `${base()}/api/v1/changes?since=0&limit=1`;
    // Both paths have looked the key up (and keep it for a minute) …
    expect([(await fetch(fastPath, withKey)).status, (await fetch(astroRoute, withKey)).status]).toEqual([200, 200]);

    // … and the revocation runs inside the portal (admin socket), in the same modules that answer them.
    const revoked = await runSunlight(['partner', 'revoke', id!], cliEnv());
    expect(revoked.code).toBe(0);
    const after = [await fetch(fastPath, withKey), await fetch(astroRoute, withKey)];
    expect(after.map((r) => r.status)).toEqual([401, 401]);
    for (const r of after) expect((await r.json()).detail).toContain('合作方密钥无效或已吊销');
  });

  it('the build holds each server module once, and bin/serve.mjs starts only the build', () => {
    const built = filesUnder(path.join(ROOT, 'dist/server'), (f) => f.endsWith('.mjs'));
    expect(built.map((f) => path.relative(ROOT, f))).toContain('dist/server/main.mjs');
    // Rolldown heads each bundled module with a `// <source path>` line.
    const copies = new Map<string, number>();
    for (const file of built) {
      for (const [, source] of fs.readFileSync(file, 'utf8').matchAll(/^\/\/ (portal\/server\/\S+\.ts)$/gm)) {
        copies.set(source!, (copies.get(source!) ?? 0) + 1);
      }
    }
    for (const module of ['runtime.ts', 'process-runtime.ts', 'http/public-api.ts', 'inspections/verify.ts']) {
      expect(copies.get(`portal/server/${module}`), module).toBe(1);
    }
    expect([...copies].filter(([, n]) => n > 1)).toEqual([]);

    const launcher = fs.readFileSync(path.join(ROOT, 'bin/serve.mjs'), 'utf8');
    expect(launcher).toContain('../dist/server/main.mjs');
    expect(launcher).not.toMatch(/tsx|portal\/server/);
  });

  it('no module shares state through globalThis (Symbol.for), and only the process entry loads the CLI commands', () => {
    const sources = filesUnder(path.join(ROOT, 'portal'), (f) => /\.(ts|astro|mjs)$/.test(f));
    const text = (f: string) => fs.readFileSync(f, 'utf8');
    const bridged = sources.filter((f) => /Symbol\.for\(\s*['"]sunlight\./.test(text(f)));
    expect(bridged.map((f) => path.relative(ROOT, f))).toEqual([]);
    // The CLI depends on the runtime, not the reverse: the admin socket is handed the commands.
    const loadsCommands = sources.filter(
      (f) => !f.includes('/server/cli/') && /from '[./]*cli\/registry'/.test(text(f)),
    );
    expect(loadsCommands.map((f) => path.relative(ROOT, f))).toEqual(['portal/server/process-runtime.ts']);
  });
});
