import { createHash, randomBytes } from 'node:crypto';
import type { SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';

/**
 * Sign-in throttling instead of a lock-out. A lock anyone can trigger by typing wrong passwords lets
 * anyone lock a supervisor out; here failures only make the next attempt wait, with delays growing per
 * client address, per account and per trusted browser, and they are forgotten after a time or cleared
 * by another supervisor. A browser the account has signed in with before (its device cookie) is not
 * slowed by other clients' failures, so an attacker elsewhere cannot keep the owner out.
 */

export type LockoutPolicy = SupervisionSettings['lockout'];

/** Why an attempt must wait: this client, this account (from an unknown browser), too many usernames, this browser. */
export type ThrottleScope = 'client' | 'account' | 'usernames' | 'device';

export interface Throttle {
  scope: ThrottleScope;
  until: Date;
  /** Whole seconds to wait (Retry-After). */
  retryAfter: number;
}

/** The browser cookie naming a trusted browser of one account; sent only to the sign-in page. */
export const DEVICE_COOKIE = 'sunlight_sv_device';
export const DEVICE_COOKIE_DAYS = 90;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The wait after `failures` failed attempts: none up to `maxFailures`, then doubling up to `lockMinutes`. */
export function delayAfter(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.maxFailures) return 0;
  const doubling = Math.min(failures - policy.maxFailures, 30);
  return Math.min(policy.lockMinutes * 60_000, policy.firstDelaySeconds * 1000 * 2 ** doubling);
}

/** The account a device cookie was issued to, or undefined for a missing, unknown or malformed one. */
export async function deviceAccount(
  db: Db,
  token: string | undefined,
): Promise<{ hash: string; supervisorId: string } | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const hash = sha256(token);
  const [row] = await db.query<{ supervisor_id: string }>(
    `SELECT supervisor_id FROM supervisor_devices WHERE id_hash = $1`,
    [hash],
  );
  return row ? { hash, supervisorId: row.supervisor_id } : undefined;
}

/** A new trusted browser of the account (after a good sign-in); returns the cookie value. */
export async function trustDevice(db: Db, supervisorId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO supervisor_devices (id_hash, supervisor_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)`,
    [sha256(token), supervisorId, now],
  );
  return token;
}

export async function touchDevice(db: Db, hash: string, now: Date): Promise<void> {
  await db.query(`UPDATE supervisor_devices SET last_used_at = $2 WHERE id_hash = $1`, [hash, now]);
}

interface Counts {
  account_n: number;
  account_last: Date | null;
  client_n: number;
  client_last: Date | null;
  client_usernames: number;
  client_first: Date | null;
  device_n: number;
  device_last: Date | null;
}

/**
 * Whether an attempt may go ahead now. A trusted browser of the account answers only for its own
 * failures; any other attempt waits for its client's failures (all usernames, and the number of
 * usernames) and for the account's failures from untrusted browsers.
 */
export async function throttleFor(
  db: Db,
  attempt: { username: string; client: string; deviceHash?: string },
  policy: LockoutPolicy,
  now: Date,
): Promise<Throttle | undefined> {
  const since = new Date(now.getTime() - policy.windowMinutes * 60_000);
  const [c] = await db.query<Counts>(
    `SELECT
       count(*) FILTER (WHERE username = $1 AND device_hash IS NULL)::int AS account_n,
       max(at) FILTER (WHERE username = $1 AND device_hash IS NULL) AS account_last,
       count(*) FILTER (WHERE client = $2 AND device_hash IS NULL)::int AS client_n,
       max(at) FILTER (WHERE client = $2 AND device_hash IS NULL) AS client_last,
       count(DISTINCT username) FILTER (WHERE client = $2 AND device_hash IS NULL)::int AS client_usernames,
       min(at) FILTER (WHERE client = $2 AND device_hash IS NULL) AS client_first,
       count(*) FILTER (WHERE device_hash = $3)::int AS device_n,
       max(at) FILTER (WHERE device_hash = $3) AS device_last
     FROM sign_in_failures
     WHERE at > $4 AND (username = $1 OR client = $2 OR device_hash = $3)`,
    [attempt.username, attempt.client, attempt.deviceHash ?? null, since],
  );
  const waits: { scope: ThrottleScope; until: number }[] = [];
  const after = (last: Date | null, n: number) => (last ? new Date(last).getTime() + delayAfter(n, policy) : 0);
  if (attempt.deviceHash) {
    waits.push({ scope: 'device', until: after(c!.device_last, c!.device_n) });
  } else {
    if (c!.client_usernames >= policy.usernamesPerClient && c!.client_first) {
      waits.push({ scope: 'usernames', until: new Date(c!.client_first).getTime() + policy.windowMinutes * 60_000 });
    }
    waits.push({ scope: 'client', until: after(c!.client_last, c!.client_n) });
    waits.push({ scope: 'account', until: after(c!.account_last, c!.account_n) });
  }
  const longest = waits.filter((w) => w.until > now.getTime()).sort((a, b) => b.until - a.until)[0];
  if (!longest) return undefined;
  return {
    scope: longest.scope,
    until: new Date(longest.until),
    retryAfter: Math.max(1, Math.ceil((longest.until - now.getTime()) / 1000)),
  };
}

export async function recordFailure(
  db: Db,
  attempt: { username: string; client: string; deviceHash?: string },
  now: Date,
): Promise<void> {
  await db.query(`DELETE FROM sign_in_failures WHERE at < $1`, [new Date(now.getTime() - 86_400_000)]);
  await db.query(`INSERT INTO sign_in_failures (at, client, username, device_hash) VALUES ($1, $2, $3, $4)`, [
    now,
    attempt.client,
    attempt.username,
    attempt.deviceHash ?? null,
  ]);
}

/** A good sign-in forgets the failures of this client (or browser) for this account. */
export async function forgetFailures(
  db: Db,
  attempt: { username: string; client: string; deviceHash?: string },
): Promise<void> {
  await db.query(`DELETE FROM sign_in_failures WHERE username = $1 AND (client = $2 OR device_hash = $3)`, [
    attempt.username,
    attempt.client,
    attempt.deviceHash ?? null,
  ]);
}

/** Another supervisor (or the CLI) clears every failure against an account: the account-wide delay ends. */
export async function clearAccountFailures(db: Db, username: string): Promise<number> {
  const rows = await db.query(`DELETE FROM sign_in_failures WHERE username = $1 RETURNING id`, [username]);
  return rows.length;
}

/** Until when sign-ins to each account from unknown browsers must wait (for the account list), by username. */
export async function accountThrottles(
  db: Db,
  policy: LockoutPolicy,
  now: Date,
): Promise<Map<string, { failures: number; until: Date | null }>> {
  const since = new Date(now.getTime() - policy.windowMinutes * 60_000);
  const rows = await db.query<{ username: string; n: number; last: Date }>(
    `SELECT username, count(*)::int AS n, max(at) AS last FROM sign_in_failures
     WHERE at > $1 AND device_hash IS NULL GROUP BY username`,
    [since],
  );
  const out = new Map<string, { failures: number; until: Date | null }>();
  for (const r of rows) {
    const until = new Date(new Date(r.last).getTime() + delayAfter(r.n, policy));
    out.set(r.username, { failures: r.n, until: until.getTime() > now.getTime() ? until : null });
  }
  return out;
}
