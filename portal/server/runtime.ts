import { startAdminSocket } from './admin/socket';
import type { Command } from './cli/command';
import { loadConfig, type Config } from './config';
import { acquireLock, adminSocketPath, processSocketPath } from './db/lock';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import type { Db } from './db/types';
import { seedContent } from './content/seed';
import { SearchService } from './search/service';
import { expiryJob } from './disclosures/expiry-job';
import { resultPublishJob } from './inspection-results/publish-job';
import { rerunRedaction } from './disclosures/review';
import { snapshotJobs } from './opendata/snapshots';
import { housekeepingJob, scheduleJobs } from './cluster/jobs';
import { Lease } from './cluster/lease';
import { DatabaseRateLimiter, MemoryRateLimiter, type RateLimiter } from './http/rate-limit';
import { seedCertificates } from './inspections/certificates';
import { openKeyRing } from './inspections/keys';
import { businessIdentity, describeBusinessIdentity } from './business-identity/port';
import { bringLogUpToDate, logHeadJob } from './transparency/head-job';

export interface Runtime {
  config: Config;
  db: Db;
  search: SearchService;
  /** Per-client request budgets: in memory on the embedded database, shared through PostgreSQL. */
  limiter: RateLimiter;
  /** The `jobs` lease: the process holding it runs the scheduled jobs and writes to an external search engine. */
  jobs: Lease;
  startedAt: Date;
  /** Set when the process is shutting down: /readyz answers 503 so a balancer sends no new requests. */
  draining: boolean;
  shutdown(): Promise<void>;
}

export interface BootOptions {
  /** CLI commands to serve to other processes on an admin socket in the data dir (from the process entry). */
  commands?: readonly Command[];
  seed?: boolean;
  /** Follow the change log into the search index in the background. */
  searchLoop?: boolean;
  /** Run scheduled jobs (hourly publication-period expiry, publication of scheduled inspection results). */
  jobs?: boolean;
  log?: (line: string) => void;
}

export async function boot(config: Config = loadConfig(), options: BootOptions = {}): Promise<Runtime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    if (!config.databaseUrl) cleanups.push(acquireLock(config.dataDir));
    const db = await openDatabase(config);
    cleanups.unshift(() => db.close());
    const migrated = await migrate(db);
    if (migrated.applied.length) log(`[sunlight] migrations applied: ${migrated.applied.join(', ')}`);
    // Certificate signing key (data dir or SUNLIGHT_SIGNING_KEY), before seeding signs sample certificates.
    const keys = await openKeyRing(config, db, log);
    log(describeBusinessIdentity(businessIdentity(config)));
    if (options.seed !== false) {
      const seeded = await seedContent(db, config, log, {
        certificates: (tx, rows) => seedCertificates(tx, keys, rows),
      });
      if (seeded.loaded.length) log(`[sunlight] content loaded: ${seeded.loaded.join(', ')}`);
    }
    // Records published under older redaction rules are run through the current ones once.
    await rerunRedaction(db, new Date(), log);
    await bringLogUpToDate(db, keys, log);
    // One process of several sharing the database runs the jobs: the holder of the `jobs` lease.
    const jobs = new Lease(db, 'jobs', { log });
    // The embedded database has one process (the data-dir lock): a lease left in it is a dead process's.
    if (!config.databaseUrl) await db.query(`DELETE FROM leases`);
    if (options.jobs !== false) await jobs.confirm();
    const search = await SearchService.start(db, config, log, () => options.jobs === false || jobs.isHeld);
    if (options.searchLoop !== false) search.startLoop();
    cleanups.unshift(() => search.stop());
    if (options.jobs !== false) {
      jobs.start();
      cleanups.unshift(() => jobs.stop());
      cleanups.unshift(
        scheduleJobs(
          db,
          jobs,
          [
            expiryJob(db, search),
            resultPublishJob(db, search),
            ...snapshotJobs(db, config.dataDir, config.siteUrl),
            housekeepingJob(db),
            logHeadJob(db, keys),
          ],
          log,
        ),
      );
    }
    if (options.commands) {
      const socket = config.databaseUrl ? processSocketPath(config.dataDir) : adminSocketPath(config.dataDir);
      cleanups.unshift(await startAdminSocket(socket, { config, db, search }, options.commands));
    }
    let down = false;
    return {
      config,
      db,
      search,
      limiter: config.databaseUrl ? new DatabaseRateLimiter(db) : new MemoryRateLimiter(),
      jobs,
      startedAt: new Date(),
      draining: false,
      async shutdown() {
        if (down) return;
        down = true;
        for (const cleanup of cleanups) await cleanup();
      },
    };
  } catch (err) {
    for (const cleanup of cleanups) await cleanup();
    throw err;
  }
}
