import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Job } from '../cluster/jobs';
import type { Db } from '../db/types';
import type { SearchService } from '../search/service';
import { expirePermitsDue } from '../permits/store';
import { expireDue } from './store';

/**
 * Hourly (and when a process takes over the jobs): decisions whose publication period ended and permits
 * past their 有效期至 leave the public surfaces (partners learn it from the change feed).
 */
export function expiryJob(db: Db, search: SearchService, clock: () => Date = () => new Date()): Job {
  return {
    name: 'expiry',
    everyMs: 3_600_000,
    async run() {
      const today = todayInChina(clock().getTime());
      const ids = await expireDue(db, today);
      const permits = await expirePermitsDue(db, today);
      if (!ids.length && !permits.length) return;
      await search.sync();
      return `[expiry] ${ids.length} decision(s) reached the end of their publication period and ${permits.length} permit(s) passed their 有效期至: they left the public surfaces`;
    },
  };
}
