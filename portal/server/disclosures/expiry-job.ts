import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import type { SearchService } from '../search/service';
import { expirePermitsDue } from '../permits/store';
import { expireDue } from './store';

/**
 * Runs the expiry at start-up and then every hour: decisions whose publication period ended and permits
 * past their 有效期至 leave the public surfaces (partners learn it from the change feed). Returns a stop function.
 */
export function startExpiryJob(
  db: Db,
  search: SearchService,
  log: (line: string) => void,
  everyMs = 3_600_000,
): () => void {
  const run = async () => {
    try {
      const today = todayInChina();
      const ids = await expireDue(db, today);
      if (ids.length) {
        log(
          `[expiry] ${ids.length} decision(s) reached the end of their publication period and left the public surfaces`,
        );
      }
      const permits = await expirePermitsDue(db, today);
      if (permits.length)
        log(`[expiry] ${permits.length} permit(s) passed their 有效期至 and left the public surfaces`);
      if (ids.length || permits.length) await search.sync();
    } catch (err) {
      log(`[expiry] failed: ${(err as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
