import { randomBytes } from 'node:crypto';
import type { SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';
import { audit } from './audit';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';

export const ROLES = ['supervisor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const roleLabels: Readonly<Record<Role, string>> = {
  supervisor: '监督员',
  auditor: '审计员（只读）',
};

/** 3–32 characters: lower-case letters, digits, `.`, `_`, `-`, starting with a letter. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

export interface Supervisor {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
}

export type AccountOutcome<T = Supervisor> = { ok: true; value: T } | { ok: false; message: string };

export interface NewSupervisor {
  username: string;
  password: string;
  role?: Role;
  displayName?: string;
}

/** `sunlight supervisor create`: checks the name and password, stores the scrypt hash, audits it. */
export async function createSupervisor(db: Db, input: NewSupervisor, actor = 'cli'): Promise<AccountOutcome> {
  const username = input.username.trim().toLowerCase();
  const role = input.role ?? 'supervisor';
  if (!USERNAME_PATTERN.test(username)) {
    return { ok: false, message: '用户名应为3–32位小写字母、数字、“.”“_”“-”，以字母开头，如 zhang.wei' };
  }
  if (!ROLES.includes(role)) return { ok: false, message: `角色应为 ${ROLES.join(' 或 ')}` };
  const problem = passwordProblem(input.password, username);
  if (problem) return { ok: false, message: problem };
  const id = `sv_${randomBytes(6).toString('hex')}`;
  const hash = await hashPassword(input.password);
  const displayName = input.displayName?.trim() || null;
  const rows = await db.query<{ id: string }>(
    `INSERT INTO supervisors (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [id, username, displayName, role, hash],
  );
  if (!rows.length) return { ok: false, message: `用户名 ${username} 已存在` };
  await audit(db, {
    actor,
    action: 'account.create',
    targetType: 'supervisor',
    targetId: username,
    detail: { role },
  });
  return { ok: true, value: { id, username, displayName, role } };
}

/** `sunlight supervisor password`: a new password; every session of the account ends and any lock is lifted. */
export async function resetPassword(
  db: Db,
  rawUsername: string,
  password: string,
  actor = 'cli',
): Promise<AccountOutcome> {
  const username = rawUsername.trim().toLowerCase();
  const problem = passwordProblem(password, username);
  if (problem) return { ok: false, message: problem };
  const hash = await hashPassword(password);
  const [row] = await db.query<{ id: string; display_name: string | null; role: Role }>(
    `UPDATE supervisors SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now()
     WHERE username = $1 RETURNING id, display_name, role`,
    [username, hash],
  );
  if (!row) return { ok: false, message: `没有用户名为 ${username} 的账号` };
  await db.query(`UPDATE supervisor_sessions SET revoked_at = now() WHERE supervisor_id = $1 AND revoked_at IS NULL`, [
    row.id,
  ]);
  await audit(db, { actor, action: 'account.password', targetType: 'supervisor', targetId: username });
  return { ok: true, value: { id: row.id, username, displayName: row.display_name, role: row.role } };
}

export async function unlockSupervisor(db: Db, rawUsername: string, actor = 'cli'): Promise<boolean> {
  const username = rawUsername.trim().toLowerCase();
  const rows = await db.query(
    `UPDATE supervisors SET failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE username = $1 RETURNING id`,
    [username],
  );
  if (!rows.length) return false;
  await audit(db, { actor, action: 'account.unlock', targetType: 'supervisor', targetId: username });
  return true;
}

/** Stops an account from signing in and ends its sessions. The account row stays (audit references it). */
export async function disableSupervisor(db: Db, rawUsername: string, actor = 'cli'): Promise<boolean> {
  const username = rawUsername.trim().toLowerCase();
  const [row] = await db.query<{ id: string }>(
    `UPDATE supervisors SET disabled_at = now(), updated_at = now() WHERE username = $1 AND disabled_at IS NULL RETURNING id`,
    [username],
  );
  if (!row) return false;
  await db.query(`UPDATE supervisor_sessions SET revoked_at = now() WHERE supervisor_id = $1 AND revoked_at IS NULL`, [
    row.id,
  ]);
  await audit(db, { actor, action: 'account.disable', targetType: 'supervisor', targetId: username });
  return true;
}

export interface SupervisorInfo extends Supervisor {
  lockedUntil: Date | null;
  failedAttempts: number;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export async function listSupervisors(db: Db): Promise<SupervisorInfo[]> {
  const rows = await db.query<{
    id: string;
    username: string;
    display_name: string | null;
    role: Role;
    locked_until: Date | null;
    failed_attempts: number;
    disabled_at: Date | null;
    last_login_at: Date | null;
    created_at: Date;
  }>(`SELECT * FROM supervisors ORDER BY username`);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    lockedUntil: r.locked_until,
    failedAttempts: r.failed_attempts,
    disabled: r.disabled_at !== null,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  }));
}

export type LoginResult =
  | { ok: true; supervisor: Supervisor }
  | { ok: false; reason: 'invalid'; remaining?: number }
  | { ok: false; reason: 'locked'; until: Date };

/**
 * Checks a sign-in. After `maxFailures` consecutive failures the account is locked for `lockMinutes`;
 * while locked even the right password is refused (and not checked). An unknown username costs the same
 * time as a wrong password. Every attempt is audited.
 */
export async function attemptLogin(
  db: Db,
  rawUsername: string,
  password: string,
  policy: SupervisionSettings['lockout'],
  ip: string | null,
  now = new Date(),
): Promise<LoginResult> {
  const username = rawUsername.trim().toLowerCase().slice(0, 64);
  const [row] = await db.query<{
    id: string;
    username: string;
    display_name: string | null;
    role: Role;
    password_hash: string;
    locked_until: Date | null;
    disabled_at: Date | null;
  }>(
    `SELECT id, username, display_name, role, password_hash, locked_until, disabled_at FROM supervisors WHERE username = $1`,
    [username],
  );
  if (!row || row.disabled_at) {
    await verifyPassword(password, await dummyHash());
    await audit(db, {
      actor: username || '(空)',
      action: 'login.failure',
      targetType: 'supervisor',
      targetId: username || null,
      detail: { known: !!row, disabled: !!row?.disabled_at },
      ip,
    });
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until && row.locked_until.getTime() > now.getTime()) {
    await audit(db, {
      actor: row.username,
      role: row.role,
      action: 'login.refused-locked',
      targetType: 'supervisor',
      targetId: row.username,
      detail: { lockedUntil: row.locked_until.toISOString() },
      ip,
    });
    return { ok: false, reason: 'locked', until: row.locked_until };
  }
  if (await verifyPassword(password, row.password_hash)) {
    const [ok] = await db.query<{ id: string }>(
      `UPDATE supervisors SET failed_attempts = 0, locked_until = NULL, last_login_at = $2, updated_at = $2
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`,
      [row.id, now],
    );
    if (!ok) {
      // Locked by parallel failures while this attempt was being checked.
      const [again] = await db.query<{ locked_until: Date }>(`SELECT locked_until FROM supervisors WHERE id = $1`, [
        row.id,
      ]);
      return { ok: false, reason: 'locked', until: again!.locked_until };
    }
    await audit(db, {
      actor: row.username,
      role: row.role,
      action: 'login.success',
      targetType: 'supervisor',
      targetId: row.username,
      ip,
    });
    return {
      ok: true,
      supervisor: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
    };
  }
  const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
  // One atomic statement, so parallel wrong guesses are all counted.
  const [after] = await db.query<{ failed_attempts: number; locked_until: Date | null }>(
    `UPDATE supervisors
     SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
         updated_at = $4
     WHERE id = $1 RETURNING failed_attempts, locked_until`,
    [row.id, policy.maxFailures, lockUntil, now],
  );
  const locked = !!after?.locked_until && after.locked_until.getTime() > now.getTime();
  await audit(db, {
    actor: row.username,
    role: row.role,
    action: locked ? 'login.locked' : 'login.failure',
    targetType: 'supervisor',
    targetId: row.username,
    detail: locked
      ? { lockedUntil: after!.locked_until!.toISOString(), maxFailures: policy.maxFailures }
      : { failures: after?.failed_attempts },
    ip,
  });
  if (locked) return { ok: false, reason: 'locked', until: after!.locked_until! };
  return { ok: false, reason: 'invalid', remaining: policy.maxFailures - (after?.failed_attempts ?? 0) };
}
