import { randomBytes } from 'node:crypto';
import type { SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';
import { audit } from './audit';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import {
  accountThrottles,
  clearAccountFailures,
  deviceAccount,
  forgetFailures,
  recordFailure,
  throttleFor,
  touchDevice,
  trustDevice,
  type Throttle,
} from './throttle';

export const ROLES = ['supervisor', 'auditor', 'agency'] as const;
export type Role = (typeof ROLES)[number];
export const roleLabels: Readonly<Record<Role, string>> = {
  supervisor: '监督员',
  auditor: '审计员（只读）',
  agency: '执法单位',
};

/** 3–32 characters: lower-case letters, digits, `.`, `_`, `-`, starting with a letter. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

export interface Supervisor {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  /** The agency an `agency` account acts for (null for supervisors and auditors). */
  agencyId: string | null;
}

export type AccountOutcome<T = Supervisor> = { ok: true; value: T } | { ok: false; message: string };

export interface NewSupervisor {
  username: string;
  password: string;
  role?: Role;
  displayName?: string;
  /** Required for (and only for) role `agency`: an id from the published agency list. */
  agencyId?: string;
}

/** `sunlight supervisor create`: checks the name and password, stores the scrypt hash, audits it. */
export async function createSupervisor(db: Db, input: NewSupervisor, actor = 'cli'): Promise<AccountOutcome> {
  const username = input.username.trim().toLowerCase();
  const role = input.role ?? 'supervisor';
  if (!USERNAME_PATTERN.test(username)) {
    return { ok: false, message: '用户名应为3–32位小写字母、数字、“.”“_”“-”，以字母开头，如 zhang.wei' };
  }
  if (!ROLES.includes(role)) return { ok: false, message: `角色应为 ${ROLES.join(' 或 ')}` };
  const agencyId = input.agencyId?.trim() || null;
  if (role === 'agency') {
    if (!agencyId) return { ok: false, message: '执法单位账号须用 --agency 指定所属执法主体（公开名单中的编号）' };
    const [a] = await db.query(`SELECT 1 FROM agencies WHERE id = $1`, [agencyId]);
    if (!a) return { ok: false, message: `公开名单中没有编号为 ${agencyId} 的执法主体` };
  } else if (agencyId) return { ok: false, message: '只有执法单位账号（--role agency）才绑定执法主体' };
  const problem = passwordProblem(input.password, username);
  if (problem) return { ok: false, message: problem };
  const id = `sv_${randomBytes(6).toString('hex')}`;
  const hash = await hashPassword(input.password);
  const displayName = input.displayName?.trim() || null;
  const rows = await db.query<{ id: string }>(
    `INSERT INTO supervisors (id, username, display_name, role, password_hash, agency_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [id, username, displayName, role, hash, agencyId],
  );
  if (!rows.length) return { ok: false, message: `用户名 ${username} 已存在` };
  await audit(db, {
    actor,
    action: 'account.create',
    targetType: 'supervisor',
    targetId: username,
    detail: { role, ...(agencyId ? { agencyId } : {}) },
  });
  return { ok: true, value: { id, username, displayName, role, agencyId } };
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
  const [row] = await db.query<{ id: string; display_name: string | null; role: Role; agency_id: string | null }>(
    `UPDATE supervisors SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now()
     WHERE username = $1 RETURNING id, display_name, role, agency_id`,
    [username, hash],
  );
  if (!row) return { ok: false, message: `没有用户名为 ${username} 的账号` };
  await db.query(`UPDATE supervisor_sessions SET revoked_at = now() WHERE supervisor_id = $1 AND revoked_at IS NULL`, [
    row.id,
  ]);
  await clearAccountFailures(db, username);
  await audit(db, { actor, action: 'account.password', targetType: 'supervisor', targetId: username });
  return {
    ok: true,
    value: { id: row.id, username, displayName: row.display_name, role: row.role, agencyId: row.agency_id },
  };
}

/** Ends the sign-in delay of an account (the CLI, or another supervisor in the workspace); audited. */
export async function unlockSupervisor(
  db: Db,
  rawUsername: string,
  actor = 'cli',
  extra: { role?: Role; ip?: string | null } = {},
): Promise<boolean> {
  const username = rawUsername.trim().toLowerCase();
  const rows = await db.query(
    `UPDATE supervisors SET failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE username = $1 RETURNING id`,
    [username],
  );
  if (!rows.length) return false;
  const cleared = await clearAccountFailures(db, username);
  await audit(db, {
    actor,
    ...(extra.role ? { role: extra.role } : {}),
    action: 'account.unlock',
    targetType: 'supervisor',
    targetId: username,
    detail: { failuresCleared: cleared },
    ...(extra.ip !== undefined ? { ip: extra.ip } : {}),
  });
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
  /** Until when sign-ins from browsers the account never used must wait; null when they need not. */
  lockedUntil: Date | null;
  /** Failed sign-ins against the account (from such browsers) within the policy's window. */
  failedAttempts: number;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export async function listSupervisors(
  db: Db,
  policy: SupervisionSettings['lockout'],
  now = new Date(),
): Promise<SupervisorInfo[]> {
  const rows = await db.query<{
    id: string;
    username: string;
    display_name: string | null;
    role: Role;
    agency_id: string | null;
    disabled_at: Date | null;
    last_login_at: Date | null;
    created_at: Date;
  }>(`SELECT * FROM supervisors ORDER BY username`);
  const throttles = await accountThrottles(db, policy, now);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    agencyId: r.agency_id,
    lockedUntil: throttles.get(r.username)?.until ?? null,
    failedAttempts: throttles.get(r.username)?.failures ?? 0,
    disabled: r.disabled_at !== null,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  }));
}

export type LoginResult =
  | {
      ok: true;
      supervisor: Supervisor;
      /** A new device cookie when this browser was not trusted yet. */ device?: string;
    }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; throttle: Throttle };

/**
 * Checks a sign-in (see `throttle.ts`): an attempt that must still wait is refused without looking at
 * the password; otherwise the password is checked (an unknown username costs the same time), a failure
 * is counted, a success forgets this client's failures and trusts the browser. Every attempt is audited.
 */
export async function attemptLogin(
  db: Db,
  rawUsername: string,
  password: string,
  policy: SupervisionSettings['lockout'],
  ip: string | null,
  now = new Date(),
  deviceToken?: string,
): Promise<LoginResult> {
  const username = rawUsername.trim().toLowerCase().slice(0, 64);
  const [row] = await db.query<{
    id: string;
    username: string;
    display_name: string | null;
    role: Role;
    agency_id: string | null;
    password_hash: string;
    disabled_at: Date | null;
  }>(
    `SELECT id, username, display_name, role, agency_id, password_hash, disabled_at FROM supervisors WHERE username = $1`,
    [username],
  );
  const device = await deviceAccount(db, deviceToken);
  const trusted = device && row && device.supervisorId === row.id ? device.hash : undefined;
  const attempt = { username, client: ip ?? 'unknown', ...(trusted ? { deviceHash: trusted } : {}) };
  const base = { actor: row?.username ?? (username || '(空)'), role: row?.role, targetType: 'supervisor', ip };

  const throttle = await throttleFor(db, attempt, policy, now);
  if (throttle) {
    await audit(db, {
      ...base,
      action: 'login.throttled',
      targetId: username || null,
      detail: { scope: throttle.scope, until: throttle.until.toISOString(), trustedBrowser: !!trusted },
    });
    return { ok: false, reason: 'throttled', throttle };
  }

  const good = row && !row.disabled_at && (await verifyPassword(password, row.password_hash));
  if (!row || row.disabled_at) await verifyPassword(password, await dummyHash());
  if (!good || !row) {
    await recordFailure(db, attempt, now);
    await audit(db, {
      ...base,
      action: 'login.failure',
      targetId: username || null,
      detail: { known: !!row, disabled: !!row?.disabled_at, trustedBrowser: !!trusted },
    });
    return { ok: false, reason: 'invalid' };
  }
  await db.query(`UPDATE supervisors SET last_login_at = $2, updated_at = $2 WHERE id = $1`, [row.id, now]);
  await forgetFailures(db, attempt);
  let newDevice: string | undefined;
  if (trusted) await touchDevice(db, trusted, now);
  else newDevice = await trustDevice(db, row.id, now);
  await audit(db, { ...base, action: 'login.success', targetId: row.username, detail: { trustedBrowser: !!trusted } });
  return {
    ok: true,
    supervisor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      agencyId: row.agency_id,
    },
    ...(newDevice ? { device: newDevice } : {}),
  };
}

/** Accounts a work order can be assigned to (active supervisors) or handed to (active agency accounts). */
export interface AssignableAccount {
  id: string;
  username: string;
  displayName: string | null;
  role: 'supervisor' | 'agency';
  agencyId: string | null;
  agencyName: string | null;
}

export async function assignableAccounts(db: Db): Promise<AssignableAccount[]> {
  const rows = await db.query<{
    id: string;
    username: string;
    display_name: string | null;
    role: 'supervisor' | 'agency';
    agency_id: string | null;
    agency_name: string | null;
  }>(
    `SELECT s.id, s.username, s.display_name, s.role, s.agency_id, coalesce(a.short_name, a.name) AS agency_name
     FROM supervisors s LEFT JOIN agencies a ON a.id = s.agency_id
     WHERE s.disabled_at IS NULL AND s.role IN ('supervisor', 'agency') ORDER BY s.role DESC, a.name, s.username`,
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
  }));
}

/** How an account is named to others: display name and user name, and for an agency account its agency. */
export const accountLabel = (a: { username: string; displayName: string | null; agencyName?: string | null }) =>
  `${a.agencyName ? `${a.agencyName} ` : ''}${a.displayName ? `${a.displayName}（${a.username}）` : a.username}`;
