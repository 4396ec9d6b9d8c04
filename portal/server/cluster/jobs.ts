import type { Db } from '../db/types';
import { DatabaseRateLimiter } from '../http/rate-limit';
import type { Lease } from './lease';

/** A periodic job: `run` returns a line for the log when it did something. */
export interface Job {
  name: string;
  everyMs: number;
  /** First run this long after the process takes the lease (default: at once). */
  firstAfterMs?: number;
  /** false: runs are not recorded in job_runs (a job every second that mostly finds nothing to do). */
  recordRuns?: boolean;
  run(): Promise<string | void>;
}

/**
 * Runs the periodic jobs in the process holding the `jobs` lease, and nowhere else: each run first
 * confirms the lease (so a process that lost it, say after a long pause, does not run), is recorded in
 * `job_runs` with its holder, and never overlaps the previous run of the same job. When a process takes
 * the lease (at start-up, or when the holder died) it runs each job as a new holder would: the start-up
 * runs, then on schedule. Returns a stop function.
 */
export function scheduleJobs(db: Db, lease: Lease, jobs: readonly Job[], log: (line: string) => void): () => void {
  const timers: NodeJS.Timeout[] = [];
  const busy = new Set<string>();

  const runOnce = async (job: Job) => {
    if (busy.has(job.name)) return;
    busy.add(job.name);
    try {
      if (!(await lease.confirm())) return;
      const [run] =
        job.recordRuns === false
          ? [undefined]
          : await db.query<{ id: string }>(`INSERT INTO job_runs (job, holder) VALUES ($1, $2) RETURNING id`, [
              job.name,
              lease.holder,
            ]);
      let outcome = 'ok';
      try {
        const line = await job.run();
        if (line) log(line);
      } catch (err) {
        outcome = `failed: ${(err as Error).message}`;
        log(`[${job.name}] ${outcome}`);
      }
      if (run) {
        await db.query(`UPDATE job_runs SET finished_at = clock_timestamp(), outcome = $2 WHERE id = $1`, [
          run.id,
          outcome,
        ]);
      }
    } catch (err) {
      log(`[${job.name}] not run: ${(err as Error).message}`);
    } finally {
      busy.delete(job.name);
    }
  };

  const clear = () => {
    for (const t of timers.splice(0)) clearTimeout(t);
  };
  const begin = () => {
    clear();
    for (const job of jobs) {
      const first = setTimeout(() => void runOnce(job), job.firstAfterMs ?? 0);
      const every = setInterval(() => void runOnce(job), job.everyMs);
      first.unref();
      every.unref();
      timers.push(first, every);
    }
  };
  lease.onChange((held) => (held ? begin() : clear()));
  if (lease.isHeld) begin();
  return clear;
}

/** Every minute: full rate budgets and job runs older than 30 days are forgotten. */
export function housekeepingJob(db: Db): Job {
  return {
    name: 'housekeeping',
    everyMs: 60_000,
    firstAfterMs: 60_000,
    async run() {
      await DatabaseRateLimiter.prune(db);
      await db.query(`DELETE FROM job_runs WHERE started_at < now() - interval '30 days'`);
    },
  };
}
