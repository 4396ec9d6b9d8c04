import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runSunlight } from '../helpers/cli';

describe('sunlight CLI', () => {
  it('doctor works while the portal holds the PGlite data dir, by going through its admin socket', async () => {
    const res = await runSunlight(['doctor'], { SUNLIGHT_DATA_DIR: inject('portalDataDir'), DATABASE_URL: '' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/数据库 database PGlite/);
    expect(res.stdout).toMatch(/可达 reachable 是 yes .*via portal pid \d+/);
    expect(res.stdout).toMatch(/Node.js\s+v22\./);
  });

  it('migrate is idempotent through the running portal', async () => {
    const res = await runSunlight(['migrate'], { SUNLIGHT_DATA_DIR: inject('portalDataDir'), DATABASE_URL: '' });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/数据库已是最新/);
  });

  it('opens the data dir directly when no portal runs, and replaces a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-cli-'));
    fs.writeFileSync(
      path.join(dir, 'sunlight.lock'),
      JSON.stringify({ pid: 999_999, socket: '/nonexistent', startedAt: '' }),
    );
    try {
      const res = await runSunlight(['migrate'], { SUNLIGHT_DATA_DIR: dir, DATABASE_URL: '' });
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/已应用 \d+ 个迁移.*direct/);
      expect(fs.existsSync(path.join(dir, 'sunlight.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.DATABASE_URL)('doctor reports PostgreSQL when DATABASE_URL is set', async () => {
    const res = await runSunlight(['doctor'], { DATABASE_URL: process.env.DATABASE_URL });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/数据库 database PostgreSQL/);
    expect(res.stdout).toMatch(/PostgreSQL 1\d/);
  });

  it('doctor says the database is unreachable and exits non-zero when PostgreSQL is down', async () => {
    const res = await runSunlight(['doctor'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.code).not.toBe(0);
  });

  it('rejects an unknown command with usage help', async () => {
    const res = await runSunlight(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/未知命令/);
    expect(res.stderr).toMatch(/sunlight <命令>/);
  });
});
