import { describe, expect, it } from 'vitest';
import { databaseKinds, migratedDatabaseForBlock } from '../../../tests/helpers/databases';
import { scheduleJobs, type Job } from './jobs';
import { Lease } from './lease';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(25);
  }
}

describe.each(databaseKinds())('the jobs lease and the job runs on %s', (kind) => {
  const database = migratedDatabaseForBlock(kind);

  it('one holder at a time; a dead holder’s lease is taken over once it expires, a stopped one’s at once', async () => {
    const db = database();
    const opts = { ttlMs: 2_000, renewMs: 100 };
    const a = new Lease(db, 'lease-test', { ...opts, holder: 'a' });
    const b = new Lease(db, 'lease-test', { ...opts, holder: 'b' });
    expect(await a.confirm()).toBe(true);
    expect(await b.confirm()).toBe(false);
    expect(await a.confirm()).toBe(true); // renewal
    // a dies (stops renewing without releasing): b takes over after the ttl, not before
    await sleep(200);
    expect(await b.confirm()).toBe(false);
    await sleep(2_000);
    expect(await b.confirm()).toBe(true);
    expect(await a.confirm()).toBe(false); // a comes back: it no longer holds it
    // b shuts down cleanly: a takes over at its next try
    await b.stop();
    expect(await a.confirm()).toBe(true);
    await a.stop();
  });

  it('the jobs run in the holder only, are recorded with it, and move to the next holder when it dies', async () => {
    const db = database();
    const opts = { ttlMs: 3_000, renewMs: 100 };
    const runs: string[] = [];
    const job = (holder: string): Job => ({
      name: 'tick',
      everyMs: 100,
      async run() {
        runs.push(holder);
        await sleep(20);
      },
    });
    const leases = ['p1', 'p2', 'p3'].map((h) => new Lease(db, 'jobs-test', { ...opts, holder: h }));
    for (const l of leases) await l.confirm();
    const stops = leases.map((l) => scheduleJobs(db, l, [job(l.holder)], () => {}));
    for (const l of leases) l.start();
    await until(() => runs.length >= 3);
    expect(new Set(runs)).toEqual(new Set(['p1']));

    // p1 dies: its timers stop, its lease is not released
    stops[0]!();
    clearInterval((leases[0] as unknown as { timer: NodeJS.Timeout }).timer); // no renewal, no release
    const before = runs.length;
    await until(() => runs.slice(before).length >= 3, 10_000);
    const after = new Set(runs.slice(before));
    expect(after.size).toBe(1);
    expect(['p2', 'p3']).toContain([...after][0]);

    for (const s of stops) s();
    for (const l of leases.slice(1)) await l.stop();
    const recorded = await db.query<{ holder: string; started: number; finished: number }>(
      `SELECT holder, extract(epoch FROM started_at) * 1000 AS started, extract(epoch FROM finished_at) * 1000 AS finished
       FROM job_runs WHERE job = 'tick' AND finished_at IS NOT NULL ORDER BY started_at`,
    );
    expect(recorded.length).toBeGreaterThanOrEqual(runs.length - 2);
    // nothing ran twice: no run began before the previous one had finished
    for (let i = 1; i < recorded.length; i++)
      expect(Number(recorded[i]!.started)).toBeGreaterThanOrEqual(Number(recorded[i - 1]!.finished));
  });
});
