#!/usr/bin/env node
// `npm test`: every check and test suite, then one closing line `N passed, N failed, N skipped`.
// Independent quick stages run side by side (SUNLIGHT_TEST_JOBS at a time, default 2), the heavy suites one at a
// time on their own; each stage's output is
// kept and printed in one block when it ends, so the log reads stage by stage. `npm test -- build vitest`
// runs only the named stages (and none of the stages they wait for).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-test-all-'));
const only = process.argv.slice(2);
const jobs = Math.max(1, Number(process.env.SUNLIGHT_TEST_JOBS) || 2);
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts of a vitest JSON report; a file that fails to load has no failing test in it, so it counts as one failure. */
function vitestCounts(file) {
  const json = readJson(file);
  const brokenFiles =
    json?.testResults?.filter((r) => r.status === 'failed' && !r.assertionResults?.some((a) => a.status === 'failed'))
      .length ?? 0;
  return {
    passed: json?.numPassedTests ?? 0,
    failed: json ? json.numFailedTests + brokenFiles : 1,
    skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0),
  };
}

const firstLines = (text, n = 4) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(0, n)
    .map((l) => `      ${l}`)
    .join('\n');

/** Each failing test of a vitest JSON report: file, name, first lines of the error. */
function vitestFailures(file) {
  const json = readJson(file);
  const out = [];
  for (const r of json?.testResults ?? []) {
    const name = path.relative(root, r.name);
    const failed = (r.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) out.push(`  ✘ ${name} › ${a.fullName}\n${firstLines(a.failureMessages?.[0])}`);
    if (r.status === 'failed' && !failed.length) out.push(`  ✘ ${name}\n${firstLines(r.message)}`);
  }
  return out;
}

/** Each failing (and each flaky) test of a Playwright JSON report. */
function playwrightFailures(file) {
  const out = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const error = t.results?.find((r) => r.error)?.error;
        const where = `${spec.file}:${spec.line} [${t.projectName}] › ${[...titles, spec.title].join(' › ')}`;
        out.push(`  ${t.status === 'flaky' ? '↻ flaky' : '✘'} ${where}\n${firstLines(error?.message)}`);
      }
    }
    for (const child of suite.suites ?? [])
      walk(child, suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles);
  };
  for (const suite of readJson(file)?.suites ?? []) walk(suite, []);
  return out;
}

function playwrightCounts(file) {
  const stats = readJson(file)?.stats;
  return {
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: stats ? stats.unexpected : 1,
    skipped: stats?.skipped ?? 0,
  };
}

const vitest = (project) => {
  const out = path.join(tmp, `vitest-${project}.json`);
  return {
    cmd: 'vitest',
    args: ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    counts: () => vitestCounts(out),
    failures: () => vitestFailures(out),
  };
};
const playwrightOut = path.join(tmp, 'playwright.json');

/**
 * The stages. `after`: stages whose success this one needs (their outputs, or files they write that this one
 * would race with). `counted: false`: a preparation step that is not a check of its own. `heavy`: a suite that
 * keeps both cores busy by itself (workers, portal processes, a browser); it runs alone. Run beside each other
 * on 2 cores they took 29 minutes and timed out at random; one after the other, about 17.
 * The list order is the start order when several are ready: the quick checks first, two at a time.
 */
const stages = [
  // astro:* module types live in .astro/, which a fresh clone does not have until `astro sync`.
  { name: 'astro-sync', cmd: 'astro', args: ['sync'], counted: false },
  { name: 'build', cmd: 'astro', args: ['build'], after: ['astro-sync'] },
  // The end-to-end tests serve the mini-program's h5 build (miniprogram/).
  { name: 'mp-h5', cmd: 'npm', args: ['run', 'mp:h5'] },
  { name: 'format', cmd: 'prettier', args: ['--check', '.', '--log-level', 'warn'] },
  { name: 'typecheck', cmd: 'tsc', args: ['--noEmit', '-p', '.'], after: ['astro-sync'] },
  { name: 'mp-typecheck', cmd: 'tsc', args: ['--noEmit', '-p', 'miniprogram'] },
  ...(fs.existsSync(path.join(root, 'content/check.ts'))
    ? [{ name: 'content-check', cmd: 'node', args: ['bin/sunlight.mjs', 'content', 'check'] }]
    : []),
  // After the build: both write .astro/.
  { name: 'astro-check', cmd: 'astro', args: ['check', '--minimumSeverity', 'warning'], after: ['build'] },
  // Taro builds one target at a time (shared caches).
  { name: 'mp-weapp', cmd: 'npm', args: ['run', 'mp:weapp'], after: ['mp-h5'] },
  // The WeChat main package must stay under 1.5 MB.
  { name: 'mp-size', cmd: 'npm', args: ['run', 'mp:size'], after: ['mp-h5', 'mp-weapp'] },
  {
    name: 'playwright',
    cmd: 'playwright',
    args: ['test'],
    env: { PW_JSON_OUTPUT: playwrightOut },
    after: ['build', 'mp-h5'],
    heavy: true,
    counts: () => playwrightCounts(playwrightOut),
    failures: () => playwrightFailures(playwrightOut),
  },
  // Integration tests run the built portal (dist/) over real HTTP.
  { name: 'vitest-integration', ...vitest('integration'), after: ['build'], heavy: true },
  { name: 'vitest-unit', ...vitest('unit'), heavy: true },
].filter((s) => !only.length || only.includes(s.name) || (only.includes('vitest') && s.name.startsWith('vitest')));

const state = new Map(stages.map((s) => [s.name, 'waiting']));
const results = [];
const notRun = [];

if (!process.env.DATABASE_URL)
  notRun.push('PostgreSQL 部分的数据库测试：DATABASE_URL 未设置，数据库测试只在 PGlite 上运行。');
if (!process.env.MEILI_HOST)
  notRun.push(
    'Meilisearch 上的搜索契约测试（search-indexer/test/contract.test.ts）：MEILI_HOST 未设置，契约只在内置引擎上运行。',
  );

function runStage(stage) {
  state.set(stage.name, 'running');
  const t0 = Date.now();
  console.log(`▶ ${stage.name}: ${stage.cmd} ${stage.args.join(' ')}`);
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(stage.cmd, stage.args, {
      cwd: root,
      env: { ...process.env, ...stage.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const finish = (code, error) => {
      const ok = code === 0;
      state.set(stage.name, ok ? 'passed' : 'failed');
      const took = seconds(t0);
      console.log(`\n━━ ${stage.name} ━━ ${stage.cmd} ${stage.args.join(' ')}  (${took} s, ${ok ? 'ok' : 'FAILED'})`);
      if (output.trim()) console.log(output.trimEnd());
      if (error) console.log(String(error));
      if (stage.counted !== false) {
        const counts = stage.counts ? stage.counts() : { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
        // A suite that exits non-zero with all its tests passing (e.g. a failing global setup) still fails.
        if (!ok && counts.failed === 0) counts.failed = 1;
        results.push({ suite: stage.name, ...counts, seconds: took, failures: stage.failures?.() ?? [] });
      }
      resolve();
    };
    child.on('error', (error) => finish(1, error));
    child.on('close', (code) => finish(code));
  });
}

await new Promise((done) => {
  let running = 0;
  let heavyRunning = false;
  const schedule = () => {
    for (const stage of stages) {
      if (state.get(stage.name) !== 'waiting') continue;
      const needs = (stage.after ?? []).filter((n) => state.has(n));
      if (needs.some((n) => state.get(n) === 'failed' || state.get(n) === 'not run')) {
        state.set(stage.name, 'not run');
        // Not counted again: the stage it needs already counts as failed.
        notRun.push(`${stage.name}：${needs.filter((n) => state.get(n) !== 'passed').join('、')} 没有通过。`);
        continue;
      }
      if (!needs.every((n) => state.get(n) === 'passed')) continue;
      if (heavyRunning || running >= jobs || (stage.heavy && running > 0)) continue;
      running++;
      if (stage.heavy) heavyRunning = true;
      runStage(stage).then(() => {
        running--;
        if (stage.heavy) heavyRunning = false;
        schedule();
      });
    }
    if (running === 0) done();
  };
  schedule();
});

console.log('\n━━ summary ━━');
for (const r of results) {
  console.log(
    `${r.suite.padEnd(19)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  (${r.seconds} s)`,
  );
}
for (const line of notRun) console.log(`未运行: ${line}`);
// Repeated here because CI logs are often read from the end only.
for (const r of results.filter((r) => r.failures.length || (r.failed && !r.failures.length))) {
  console.log(`\n${r.suite}:`);
  for (const f of r.failures) console.log(f);
  if (!r.failures.length) console.log(`  ✘ 阶段失败（见上方 ━━ ${r.suite} ━━ 的输出）`);
}
console.log(`用时 ${seconds(started)} s（同时运行 ${jobs} 个阶段）`);
const total = results.reduce(
  (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
