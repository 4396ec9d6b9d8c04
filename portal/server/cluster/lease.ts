import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/types';

/** This process, as named in leases and job runs: host, pid and a random part (pids are reused). */
export const INSTANCE = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export interface LeaseOptions {
  /** How long a lease lasts without renewal: the longest a dead holder keeps others waiting. */
  ttlMs?: number;
  /** How often the holder renews and the others try to take over. */
  renewMs?: number;
  holder?: string;
  log?: (line: string) => void;
}

/**
 * A named lease in the database (table `leases`): one holder at a time, for `ttlMs` after its last
 * renewal, on the database's clock (the processes' clocks may disagree). Every process tries every
 * `renewMs`: the holder renews, the others take over once it has expired — so when the holder dies,
 * another holds the lease within ttlMs + renewMs. A holder that shuts down releases it at once.
 */
export class Lease {
  readonly holder: string;
  private held = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly log: (line: string) => void;
  private readonly listeners: ((held: boolean) => void)[] = [];

  constructor(
    private readonly db: Db,
    readonly name: string,
    options: LeaseOptions = {},
  ) {
    this.holder = options.holder ?? INSTANCE;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.renewMs = options.renewMs ?? 5_000;
    this.log = options.log ?? (() => {});
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Called with true when this process takes the lease, false when it loses it. */
  onChange(listener: (held: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Takes or renews the lease if it is free, expired or ours; true while this process holds it. */
  async confirm(): Promise<boolean> {
    let held = false;
    try {
      const rows = await this.db.query<{ holder: string }>(
        `INSERT INTO leases AS l (name, holder, acquired_at, expires_at)
         VALUES ($1, $2, clock_timestamp(), clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET
           holder = EXCLUDED.holder,
           acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE clock_timestamp() END,
           expires_at = EXCLUDED.expires_at
         WHERE l.holder = EXCLUDED.holder OR l.expires_at < clock_timestamp()
         RETURNING holder`,
        [this.name, this.holder, this.ttlMs],
      );
      held = rows.length === 1;
    } catch (err) {
      // Without the database nobody can be sure to hold it: stop acting as the holder.
      this.log(`[lease] ${this.name}: ${(err as Error).message}`);
    }
    if (held !== this.held) {
      this.held = held;
      this.log(`[lease] ${this.name}: ${held ? 'taken' : 'lost'} by ${this.holder}`);
      for (const l of this.listeners) l(held);
    }
    return held;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.confirm(), this.renewMs);
    this.timer.unref();
  }

  /** Stops renewing and releases the lease, so another process takes over at its next try. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.held = false;
    await this.db.query(`DELETE FROM leases WHERE name = $1 AND holder = $2`, [this.name, this.holder]).catch(() => {});
  }
}
