import type { Db } from '../db/types';

/**
 * Per-client request budgets: `perMinute` requests a minute with bursts up to the same number, as GCRA
 * (the generic cell rate algorithm): one number per client, its theoretical arrival time `tat`. Each
 * request moves `tat` on by one interval; it is refused if that would put `tat` more than a minute ahead.
 *
 * One process on the embedded database keeps the budgets in memory; processes sharing PostgreSQL keep
 * them in the database, updated in one statement on the database's clock, so a client has one budget
 * however the balancer spreads its requests.
 */
export interface RateDecision {
  ok: boolean;
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
  /** Seconds to wait before the next request is accepted (0 when accepted). */
  retryAfter: number;
}

export interface RateLimiter {
  take(key: string, perMinute: number): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

/** The decision for a budget whose arrival time is `tat` at `now` (after an accepted request, the new one). */
function decide(ok: boolean, tat: number, now: number, perMinute: number): RateDecision {
  const interval = WINDOW_MS / perMinute;
  const ahead = Math.max(0, tat - now);
  return {
    ok,
    remaining: Math.max(0, Math.floor((WINDOW_MS - ahead) / interval)),
    resetSeconds: Math.ceil(ahead / 1000),
    retryAfter: ok ? 0 : Math.max(1, Math.ceil((ahead + interval - WINDOW_MS) / 1000)),
  };
}

export class MemoryRateLimiter implements RateLimiter {
  private budgets = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  async take(key: string, perMinute: number): Promise<RateDecision> {
    const now = this.clock();
    const interval = WINDOW_MS / perMinute;
    const tat = Math.max(this.budgets.get(key) ?? now, now) + interval;
    if (tat - now > WINDOW_MS) return decide(false, tat - interval, now, perMinute);
    this.budgets.set(key, tat);
    if (this.budgets.size > 50_000) for (const [k, t] of this.budgets) if (t < now) this.budgets.delete(k);
    return decide(true, tat, now, perMinute);
  }
}

/** Budgets in `rate_budgets`, for processes sharing one PostgreSQL. */
export class DatabaseRateLimiter implements RateLimiter {
  constructor(private readonly db: Db) {}

  async take(key: string, perMinute: number): Promise<RateDecision> {
    const interval = WINDOW_MS / perMinute;
    // Accepted: the row is written and returned. Refused: the WHERE fails, nothing is written, and the
    // second statement reads the budget for the answer's headers.
    const [accepted] = await this.db.query<{ tat: number; now: number }>(
      `WITH clock AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now)
       INSERT INTO rate_budgets AS b (key, tat) SELECT $1, clock.now + $2 FROM clock
       ON CONFLICT (key) DO UPDATE SET tat = GREATEST(b.tat, (SELECT now FROM clock)) + $2
       WHERE GREATEST(b.tat, (SELECT now FROM clock)) + $2 - (SELECT now FROM clock) <= $3
       RETURNING tat, (SELECT now FROM clock) AS now`,
      [key, interval, WINDOW_MS],
    );
    if (accepted) return decide(true, Number(accepted.tat), Number(accepted.now), perMinute);
    const [budget] = await this.db.query<{ tat: number; now: number }>(
      `SELECT tat, extract(epoch FROM clock_timestamp()) * 1000 AS now FROM rate_budgets WHERE key = $1`,
      [key],
    );
    // Pruned between the two statements: the budget is full again, so ask again.
    if (!budget) return this.take(key, perMinute);
    return decide(false, Number(budget.tat), Number(budget.now), perMinute);
  }

  /** Forgets budgets that are full again (housekeeping; a missing row is a full budget). */
  static async prune(db: Db): Promise<number> {
    const rows = await db.query(
      `DELETE FROM rate_budgets WHERE tat < extract(epoch FROM clock_timestamp()) * 1000 RETURNING 1`,
    );
    return rows.length;
  }
}
