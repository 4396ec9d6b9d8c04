import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { eventually, example, push } from '../helpers/ingest';
import { startRoundRobinProxy, type Proxy } from '../helpers/round-robin-proxy';
import { Browser } from '../helpers/browser';
import { freePort, startServer, type RunningServer } from '../helpers/server';

/**
 * Issue 22: three portal processes on one PostgreSQL behind a balancer, as a province would run them.
 * A withdrawal through one is gone from all; a client's rate limit holds however its requests are spread;
 * one process runs the scheduled jobs, and when it is killed another takes them over, nothing twice;
 * a process told to stop finishes the requests under way.
 */
describe.runIf(process.env.DATABASE_URL)('three portal processes on one PostgreSQL behind a balancer', () => {
  let tdb: TestDatabase;
  let sql: pg.Client;
  let dataDir: string;
  let processes: RunningServer[] = [];
  let proxy: Proxy;
  let token: string;
  const PER_MINUTE = 60;

  beforeAll(async () => {
    tdb = await createTestDatabase('PostgreSQL');
    // One data directory for all (one host, or a shared volume): keys and snapshots.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-cluster-'));
    // The public address is the balancer's, as in production (links, and the Origin check of forms).
    const proxyPort = await freePort();
    const env = {
      SUNLIGHT_SITE_URL: `http://127.0.0.1:${proxyPort}`,
      DATABASE_URL: tdb.url,
      SUNLIGHT_DATA_DIR: dataDir,
      SUNLIGHT_RATE_LIMIT_ANON: String(PER_MINUTE),
      SUNLIGHT_TRUST_PROXY: '1',
    };
    // The first loads the sample; the others find it loaded.
    processes.push(await startServer(env, { startTimeoutMs: 300_000 }));
    processes.push(...(await Promise.all([startServer(env), startServer(env)])));
    proxy = await startRoundRobinProxy(
      processes.map((p) => p.url),
      proxyPort,
    );
    sql = new pg.Client({ connectionString: tdb.url });
    await sql.connect();
    const created = await runSunlight(['token', 'create', '--agency', 'market'], {
      SUNLIGHT_DATA_DIR: dataDir,
      DATABASE_URL: tdb.url,
    });
    if (created.code !== 0) throw new Error(created.stderr);
    token = created.stdout.trim();
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await sql?.end();
    await tdb?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Each request as another client, so the test's own polling never meets the rate limit. */
  let client = 0;
  const asClient = () => ({ 'x-forwarded-for': `198.51.100.${++client % 250}` });
  const found = async (p: RunningServer, q: string) =>
    (
      (await (
        await fetch(`${p.url}/api/v1/disclosures?q=${encodeURIComponent(q)}&pageSize=1`, { headers: asClient() })
      ).json()) as { total: number }
    ).total;
  const jobsOf = async (p: RunningServer) =>
    ((await (await fetch(`${p.url}/readyz`)).json()) as { jobs: 'leader' | 'follower' }).jobs;

  it('a withdrawal through one process is gone from every process within 5 s', async () => {
    const decisionNo = '滨江市监罚〔2026〕0977号';
    const res = await push(proxy.url, token, JSON.stringify({ ...JSON.parse(example('disclosure.json')), decisionNo }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // a new record reaches every process's search as well; each process has answered (and kept) its page
    for (const p of processes) {
      expect(
        await eventually(
          () => found(p, decisionNo),
          (n) => n === 1,
        ),
      ).toBe(1);
      expect((await fetch(`${p.url}/disclosures/${id}`)).status).toBe(200);
    }

    const withdrawn = await push(
      processes[0]!.url,
      token,
      JSON.stringify({ type: '撤销', reason: '经行政复议，原处罚决定被依法撤销。' }),
      'application/json',
      `/api/v1/ingest/disclosures/${id}/withdraw`,
    );
    expect(withdrawn.status).toBe(200);
    const started = Date.now();
    const page = async (p: RunningServer) => (await fetch(`${p.url}/disclosures/${id}`)).status;
    for (const p of processes) {
      expect(
        await eventually(
          () => page(p),
          (status) => status === 410,
          5_000,
        ),
      ).toBe(410);
      expect(
        await eventually(
          () => found(p, decisionNo),
          (n) => n === 0,
          5_000,
        ),
      ).toBe(0);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a client has one rate limit however the balancer spreads its requests', async () => {
    const client = { 'x-forwarded-for': '203.0.113.50' };
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE * 1.5; i++) {
      const res = await fetch(`${proxy.url}/api/v1/disclosures?pageSize=1`, { headers: client });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    const accepted = statuses.filter((s) => s === 200).length;
    // a minute's budget, plus the odd request refilled while the test runs (one a second)
    expect(accepted).toBeGreaterThanOrEqual(PER_MINUTE);
    expect(accepted).toBeLessThanOrEqual(PER_MINUTE + 5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(PER_MINUTE * 0.5 - 5);
    // and the requests really were spread over the three
    expect(new Set(proxy.answeredBy.slice(-statuses.length))).toEqual(new Set([0, 1, 2]));
  });

  it('a supervisor signs in through one process and works on every other (sessions and CSRF live in the database)', async () => {
    const password = 'cluster supervisor passphrase';
    const created = await runSunlight(
      ['supervisor', 'create', '--username', 'cluster.sv'],
      { SUNLIGHT_DATA_DIR: dataDir, DATABASE_URL: tdb.url },
      `${password}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    // the sign-in page comes from one process, the form is posted to the next
    const browser = new Browser(() => proxy.url, password, '198.51.100.201');
    const signedIn = await browser.login('cluster.sv');
    expect(signedIn.status).toBe(303);
    for (const p of processes) {
      const res = await fetch(`${p.url}/supervision`, {
        headers: { cookie: `sunlight_sv=${browser.cookies.get('sunlight_sv')}` },
        redirect: 'manual',
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('执法总览');
    }
  });

  it('one process runs the jobs; when it is killed another takes them over within a minute, nothing twice', async () => {
    const roles = await Promise.all(processes.map(jobsOf));
    expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
    const leader = processes[roles.indexOf('leader')]!;
    const runs = async () =>
      (
        await sql.query<{ job: string; holder: string; started: Date; finished: Date | null }>(
          `SELECT job, holder, started_at AS started, finished_at AS finished FROM job_runs ORDER BY started_at`,
        )
      ).rows;
    // three processes started, the start-up jobs ran once
    await eventually(runs, (r) => r.some((x) => x.job === 'expiry' && x.finished));
    const before = await runs();
    expect(before.filter((r) => r.job === 'expiry')).toHaveLength(1);
    expect(new Set(before.map((r) => r.holder)).size).toBe(1);

    process.kill(leader.pid, 'SIGKILL');
    const killedAt = Date.now();
    const others = processes.filter((p) => p !== leader);
    const took = await eventually(
      async () => (await Promise.all(others.map(jobsOf))).filter((r) => r === 'leader').length,
      (n) => n === 1,
      60_000,
    );
    expect(took).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    const after = await eventually(runs, (r) => r.filter((x) => x.job === 'expiry' && x.finished).length === 2, 10_000);
    const expiry = after.filter((r) => r.job === 'expiry');
    expect(expiry).toHaveLength(2);
    expect(expiry[0]!.holder).not.toBe(expiry[1]!.holder);
    // no job ran in two places at once
    for (const job of new Set(after.map((r) => r.job))) {
      const xs = after.filter((r) => r.job === job);
      for (let i = 1; i < xs.length; i++)
        expect(xs[i]!.started.getTime()).toBeGreaterThanOrEqual((xs[i - 1]!.finished ?? xs[i - 1]!.started).getTime());
    }
    // the balancer skips the dead process
    const res = await fetch(`${proxy.url}/api/v1/disclosures?pageSize=1`, { headers: asClient() });
    expect(res.status).toBe(200);
    processes = others.concat(leader);
  }, 120_000);

  it('a process told to stop finishes the answers under way and takes no new ones', async () => {
    const p = processes[0]; // alive: the killed one was moved to the end
    // a large answer, read slowly: the client holds it when SIGTERM arrives
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          `${p!.url}/api/v1/exports/disclosures.ndjson`,
          { headers: { 'accept-encoding': 'identity', ...asClient() } },
          resolve,
        )
        .on('error', reject),
    );
    expect(answer.statusCode).toBe(200);
    answer.pause();
    const exited = new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        try {
          process.kill(p!.pid, 0);
        } catch {
          clearInterval(timer);
          resolve(0);
        }
      }, 100);
    });
    process.kill(p!.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`${p!.url}/readyz`)).rejects.toThrow(); // no new connections
    const chunks: Buffer[] = [];
    answer.resume();
    for await (const c of answer) chunks.push(c as Buffer);
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) JSON.parse(line); // every line whole
    await exited;
  }, 60_000);
});
