import type { Job } from '../cluster/jobs';
import type { Db } from '../db/types';
import type { SearchService } from '../search/service';
import { publishDueResults } from './store';

/** Every ten minutes: scheduled inspection results whose publication time has come become public. */
export function resultPublishJob(db: Db, search: SearchService, clock: () => Date = () => new Date()): Job {
  return {
    name: 'results',
    everyMs: 600_000,
    async run() {
      const ids = await publishDueResults(db, clock());
      if (!ids.length) return;
      await search.sync();
      return `[results] ${ids.length} inspection result(s) reached their publication time and are public`;
    },
  };
}
