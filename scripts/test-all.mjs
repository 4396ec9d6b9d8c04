#!/usr/bin/env node
// `npm test`: every check and test suite, then one closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-test-all-'));
const only = process.argv.slice(2);
const results = [];

function run(cmd, args, extraEnv = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return { ok: res.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check(name, cmd, args) {
  if (only.length && !only.includes(name)) return true;
  console.log(`\n━━ ${name} ━━ ${cmd} ${args.join(' ')}`);
  const { ok, seconds } = run(cmd, args);
  results.push({ suite: name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

check('format', 'prettier', ['--check', '.', '--log-level', 'warn']);
// astro:* module types live in .astro/, which a fresh clone does not have until `astro sync`.
run('astro', ['sync']);
check('typecheck', 'tsc', ['--noEmit', '-p', '.']);
check('astro-check', 'astro', ['check', '--minimumSeverity', 'warning']);
if (fs.existsSync(path.join(root, 'content/check.ts')))
  check('content-check', 'node', ['bin/sunlight.mjs', 'content', 'check']);
const built = check('build', 'astro', ['build']);
// The mini-program (miniprogram/): type-check; build h5 and weapp (the end-to-end tests serve the h5
// build); fail when the WeChat main package exceeds 1.5 MB (miniprogram/scripts/size-check.mjs).
check('mp-typecheck', 'tsc', ['--noEmit', '-p', 'miniprogram']);
check('mp-build', 'npm', ['run', 'mp:build']);

if (!only.length || only.includes('vitest')) {
  console.log('\n━━ vitest (unit + integration over HTTP) ━━');
  if (!process.env.DATABASE_URL)
    console.log('注意: DATABASE_URL 未设置 — 数据库测试只在 PGlite 上运行（PostgreSQL 部分已跳过）。');
  else console.log(`数据库测试在 PGlite 和 PostgreSQL 上都运行。`);
  const out = path.join(tmp, 'vitest.json');
  const { seconds } = run('vitest', [
    'run',
    ...(built ? [] : ['--project', 'unit']),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const json = readJson(out);
  // A file that fails to load has no failing test in it: count it as one failure so it is never hidden.
  const brokenFiles =
    json?.testResults?.filter((r) => r.status === 'failed' && !r.assertionResults?.some((a) => a.status === 'failed'))
      .length ?? 0;
  results.push({
    suite: 'vitest',
    passed: json?.numPassedTests ?? 0,
    failed: json ? json.numFailedTests + brokenFiles : 1,
    skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0),
    seconds,
  });
}

if (built && (!only.length || only.includes('playwright'))) {
  console.log('\n━━ playwright (Chromium end-to-end) ━━');
  const out = path.join(tmp, 'playwright.json');
  const { seconds } = run('playwright', ['test'], { PW_JSON_OUTPUT: out });
  const stats = readJson(out)?.stats;
  results.push({
    suite: 'playwright',
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: stats ? stats.unexpected : 1,
    skipped: stats?.skipped ?? 0,
    seconds,
  });
}

console.log('\n━━ summary ━━');
for (const r of results) {
  console.log(
    `${r.suite.padEnd(14)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  (${r.seconds} s)`,
  );
}
const total = results.reduce(
  (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
