import type { Job } from '../cluster/jobs';
import type { Db } from '../db/types';
import type { KeyRing } from '../inspections/keys';
import { CHANGE_LOG_LOCK } from '../records/change-log';
import { logUnloggedChanges } from './leaves';
import { signNewHead } from './tree';

/** Every second, in the jobs lease holder: a signed head over any leaves appended since the last one. */
export function logHeadJob(db: Db, keys: KeyRing, clock: () => Date = () => new Date()): Job {
  return {
    name: 'log-heads',
    everyMs: 1_000,
    recordRuns: false,
    async run() {
      await signNewHead(db, keys, clock());
    },
  };
}

/**
 * At start-up: leaves for change-log events from before the log existed (an upgraded database), then a head
 * over everything, so the log answers from the first request.
 */
export async function bringLogUpToDate(db: Db, keys: KeyRing, log: (line: string) => void): Promise<void> {
  const added = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
    return logUnloggedChanges(tx);
  });
  if (added) log(`[log] ${added} earlier change-log events entered in the public log`);
  await signNewHead(db, keys);
}
