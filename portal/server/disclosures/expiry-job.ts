import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import type { SearchService } from '../search/service';
import { expireDue } from './store';

/** Runs the expiry at start-up and then every hour; returns a stop function. */
export function startExpiryJob(
  db: Db,
  search: SearchService,
  log: (line: string) => void,
  everyMs = 3_600_000,
): () => void {
  const run = async () => {
    try {
      const ids = await expireDue(db, todayInChina());
      if (ids.length) {
        log(
          `[expiry] ${ids.length} decision(s) reached the end of their publication period and left the public surfaces`,
        );
        await search.sync();
      }
    } catch (err) {
      log(`[expiry] failed: ${(err as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
