import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DisclosureRecordSchema } from '@sunlight/domain/schemas/disclosure';
import { describe, expect, inject, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { ROOT } from '../helpers/server';

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

  it('content check passes on the committed sample and fails loudly, listing every problem, on a broken copy', async () => {
    const ok = await runSunlight(['content', 'check']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('内容检查通过');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-broken-'));
    try {
      fs.cpSync(path.resolve(import.meta.dirname, '../../content/sample'), dir, { recursive: true });
      const inspectors = JSON.parse(fs.readFileSync(path.join(dir, 'inspectors.json'), 'utf8'));
      inspectors[4].agencyId = 'no-such-agency';
      delete inspectors[5].certificateNo;
      fs.writeFileSync(path.join(dir, 'inspectors.json'), JSON.stringify(inspectors));
      fs.appendFileSync(path.join(dir, 'enterprises.ndjson'), '{"creditCode": broken json\n');
      const bad = await runSunlight(['content', 'check', dir]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/inspectors\.json.*第5条[^\n]*no-such-agency|inspectors\.json[^\n]*no-such-agency/);
      expect(bad.stderr).toMatch(/inspectors\.json[^\n]*certificateNo|inspectors\.json[^\n]*执法证/);
      expect(bad.stderr).toMatch(/enterprises\.ndjson[^\n]*3001/);
      expect(bad.stderr).toMatch(/内容检查未通过：[3-9]\d*个错误|内容检查未通过：\d{2,}个错误/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generate streams synthetic disclosures as NDJSON that validate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-gen-'));
    try {
      const res = await runSunlight(['generate', '--disclosures', '500', '--out', dir]);
      expect(res.code).toBe(0);
      const lines = fs.readFileSync(path.join(dir, 'disclosures.ndjson'), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(500);
      for (const line of lines.slice(0, 50))
        expect(DisclosureRecordSchema.safeParse(JSON.parse(line)).error).toBeUndefined();
      expect(res.stdout).toMatch(/已生成500条处罚公示/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown command with usage help', async () => {
    const res = await runSunlight(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/未知命令/);
    expect(res.stderr).toMatch(/sunlight <命令>/);
  });
});

describe('configuration from the environment', () => {
  it('a bad value stops the CLI before it does anything, naming the variable and the fix', async () => {
    const res = await runSunlight(['doctor'], { SUNLIGHT_RATE_LIMIT_ANON: '-1', DATABASE_URL: '' });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('SUNLIGHT_RATE_LIMIT_ANON="-1"');
    expect(res.stderr).toContain('应为 1–1000000 的整数 / must be a whole number from 1 to 1000000');
    expect(res.stderr).toContain('fix or unset SUNLIGHT_RATE_LIMIT_ANON');
    expect(res.stderr).not.toMatch(/NaN|\n\s+at /);
  });

  it('the portal does not start on PORT=abc, and says why', async () => {
    const child = spawn(process.execPath, ['bin/serve.mjs'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'abc', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('PORT="abc"');
    expect(stderr).toContain('must be a whole number from 1 to 65535');
    expect(stderr).not.toMatch(/NaN|\n\s+at /);
  });
});
