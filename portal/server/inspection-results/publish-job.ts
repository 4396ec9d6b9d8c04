import type { Db } from '../db/types';
import type { SearchService } from '../search/service';
import { publishDueResults } from './store';

/** Publishes scheduled inspection results at start-up and then every `everyMs` (default: ten minutes). */
export function startResultPublishJob(
  db: Db,
  search: SearchService,
  log: (line: string) => void,
  everyMs = 600_000,
  clock: () => Date = () => new Date(),
): () => void {
  const run = async () => {
    try {
      const ids = await publishDueResults(db, clock());
      if (ids.length) {
        log(`[results] ${ids.length} inspection result(s) reached their publication time and are public`);
        await search.sync();
      }
    } catch (err) {
      log(`[results] failed: ${(err as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
