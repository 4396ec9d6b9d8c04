import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';
import type { Role, Supervisor } from './accounts';

/** Session cookie: 32 random bytes; the database keeps only their SHA-256. */
export const SESSION_COOKIE = 'sunlight_sv';
/** Double-submit CSRF cookie of the sign-in form (there is no session yet). */
export const LOGIN_CSRF_COOKIE = 'sunlight_sv_login';
/** Cookies are sent only to the workspace. */
export const COOKIE_PATH = '/supervision';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export interface Session {
  idHash: string;
  supervisor: Supervisor;
  csrf: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  supervisorId: string,
  policy: SupervisionSettings['session'],
  now = new Date(),
): Promise<{ token: string; csrf: string; expiresAt: Date }> {
  const token = randomToken();
  const csrf = randomToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  // Housekeeping: sessions that ended more than a day ago are of no use to anyone.
  await db.query(`DELETE FROM supervisor_sessions WHERE expires_at < $1`, [new Date(now.getTime() - 86_400_000)]);
  await db.query(
    `INSERT INTO supervisor_sessions (id_hash, supervisor_id, csrf_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $4, $5)`,
    [sha256(token), supervisorId, csrf, now, expiresAt],
  );
  return { token, csrf, expiresAt };
}

/**
 * The live session of a cookie value: not revoked, not past its absolute end, used within the idle
 * timeout, of an account that is not disabled. Each read moves the idle clock.
 */
export async function readSession(
  db: Db,
  token: string | undefined,
  policy: SupervisionSettings['session'],
  now = new Date(),
): Promise<Session | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const idHash = sha256(token);
  const idleSince = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const [row] = await db.query<{
    csrf_token: string;
    created_at: Date;
    expires_at: Date;
    id: string;
    username: string;
    display_name: string | null;
    role: Role;
    agency_id: string | null;
  }>(
    `UPDATE supervisor_sessions ss SET last_seen_at = $2
     FROM supervisors s
     WHERE ss.id_hash = $1 AND s.id = ss.supervisor_id AND ss.revoked_at IS NULL AND s.disabled_at IS NULL
       AND ss.expires_at > $2 AND ss.last_seen_at > $3
     RETURNING ss.csrf_token, ss.created_at, ss.expires_at, s.id, s.username, s.display_name, s.role, s.agency_id`,
    [idHash, now, idleSince],
  );
  if (!row) return undefined;
  return {
    idHash,
    csrf: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    supervisor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      agencyId: row.agency_id,
    },
  };
}

export async function revokeSession(db: Db, idHash: string): Promise<void> {
  await db.query(`UPDATE supervisor_sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL`, [
    idHash,
  ]);
}

/** Constant-time comparison of a submitted CSRF token with the expected one. */
export function tokensMatch(submitted: unknown, expected: string | undefined): boolean {
  if (typeof submitted !== 'string' || !expected) return false;
  const a = Buffer.from(submitted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
