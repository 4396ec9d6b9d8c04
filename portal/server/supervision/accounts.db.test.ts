import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { attemptLogin, createSupervisor, disableSupervisor, resetPassword, unlockSupervisor } from './accounts';
import { audit, listAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, readSession, revokeSession, tokensMatch } from './sessions';

const PASSWORD = 'correct horse battery staple';
const MIN = 60_000;

describe('passwords', () => {
  it('are stored as scrypt hashes with their own salt and parameters', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$whatever')).toBe(false);
  });

  it('compares CSRF tokens in constant time and refuses anything but the same string', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('ab', 'abc')).toBe(false);
    expect(tokensMatch(null, 'abc')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });
});

describe.each(databaseKinds())('supervisor accounts, sessions and the audit log on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  const lockout = DEFAULT_SUPERVISION_SETTINGS.lockout;
  const session = DEFAULT_SUPERVISION_SETTINGS.session;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('creates accounts with a role, refusing bad names, weak passwords and duplicates', async () => {
    const ok = await createSupervisor(db, { username: 'Zhang.Wei', password: PASSWORD });
    expect(ok).toMatchObject({ ok: true, value: { username: 'zhang.wei', role: 'supervisor' } });
    expect(await createSupervisor(db, { username: 'li.na', password: PASSWORD, role: 'auditor' })).toMatchObject({
      ok: true,
      value: { role: 'auditor' },
    });
    expect(await createSupervisor(db, { username: 'zhang.wei', password: PASSWORD })).toMatchObject({ ok: false });
    expect(await createSupervisor(db, { username: '张伟', password: PASSWORD })).toMatchObject({ ok: false });
    expect(await createSupervisor(db, { username: 'wang.fang', password: 'short' })).toMatchObject({ ok: false });
    expect(await createSupervisor(db, { username: 'wang.fang', password: 'wang.fang-2026-01' })).toMatchObject({
      ok: false,
    });
    const [row] = await db.query<{ password_hash: string }>(
      `SELECT password_hash FROM supervisors WHERE username = 'zhang.wei'`,
    );
    expect(row!.password_hash.startsWith('scrypt$')).toBe(true);
    const { rows } = await listAudit(db, { action: 'account.create' });
    expect(rows.map((r) => r.targetId).sort()).toEqual(['li.na', 'zhang.wei']);
  });

  it('signs in with the right password and audits it', async () => {
    const r = await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '192.0.2.1');
    expect(r).toMatchObject({ ok: true, supervisor: { username: 'zhang.wei', role: 'supervisor' } });
    const [entry] = (await listAudit(db, { actor: 'zhang.wei', action: 'login.success' })).rows;
    expect(entry).toMatchObject({ ip: '192.0.2.1', role: 'supervisor' });
  });

  it('treats an unknown username like a wrong password', async () => {
    expect(await attemptLogin(db, 'nobody', PASSWORD, lockout, null)).toEqual({ ok: false, reason: 'invalid' });
    const [entry] = (await listAudit(db, { actor: 'nobody' })).rows;
    expect(entry).toMatchObject({ action: 'login.failure', detail: { known: false } });
  });

  it(`locks the account after ${lockout.maxFailures} failures, refuses even the right password, and says until when`, async () => {
    const t0 = new Date('2026-03-02T09:00:00+08:00');
    for (let i = 1; i < lockout.maxFailures; i++) {
      expect(await attemptLogin(db, 'li.na', 'wrong password!', lockout, null, t0)).toMatchObject({
        ok: false,
        reason: 'invalid',
        remaining: lockout.maxFailures - i,
      });
    }
    const locked = await attemptLogin(db, 'li.na', 'wrong password!', lockout, null, t0);
    expect(locked).toEqual({ ok: false, reason: 'locked', until: new Date(t0.getTime() + lockout.lockMinutes * MIN) });
    const during = new Date(t0.getTime() + 5 * MIN);
    expect(await attemptLogin(db, 'li.na', PASSWORD, lockout, null, during)).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    const after = new Date(t0.getTime() + (lockout.lockMinutes + 1) * MIN);
    expect(await attemptLogin(db, 'li.na', PASSWORD, lockout, null, after)).toMatchObject({ ok: true });
    const actions = (await listAudit(db, { actor: 'li.na' })).rows.map((r) => r.action);
    expect(actions).toContain('login.locked');
    expect(actions).toContain('login.refused-locked');
    expect(actions.filter((a) => a === 'login.failure')).toHaveLength(lockout.maxFailures - 1);
  });

  it('a success resets the failure count; unlock lifts a lock at once', async () => {
    const t0 = new Date('2026-03-03T09:00:00+08:00');
    await attemptLogin(db, 'li.na', 'nope nope nope', lockout, null, t0);
    await attemptLogin(db, 'li.na', PASSWORD, lockout, null, t0);
    const [row] = await db.query<{ failed_attempts: number }>(
      `SELECT failed_attempts FROM supervisors WHERE username = 'li.na'`,
    );
    expect(row!.failed_attempts).toBe(0);
    for (let i = 0; i < lockout.maxFailures; i++) await attemptLogin(db, 'li.na', 'nope nope nope', lockout, null, t0);
    expect(await attemptLogin(db, 'li.na', PASSWORD, lockout, null, t0)).toMatchObject({ reason: 'locked' });
    expect(await unlockSupervisor(db, 'li.na')).toBe(true);
    expect(await attemptLogin(db, 'li.na', PASSWORD, lockout, null, t0)).toMatchObject({ ok: true });
  });

  it('sessions end when revoked, after the idle timeout and after the absolute limit', async () => {
    const [sv] = await db.query<{ id: string }>(`SELECT id FROM supervisors WHERE username = 'zhang.wei'`);
    const t0 = new Date('2026-03-02T09:00:00+08:00');
    const s = await createSession(db, sv!.id, session, t0);
    const read = await readSession(db, s.token, session, new Date(t0.getTime() + MIN));
    expect(read).toMatchObject({ csrf: s.csrf, supervisor: { username: 'zhang.wei' } });
    // only a hash of the cookie is stored
    const stored = await db.query<{ id_hash: string }>(`SELECT id_hash FROM supervisor_sessions`);
    expect(stored.some((r) => r.id_hash === s.token)).toBe(false);
    // each use moves the idle clock; a long pause ends it
    let t = t0.getTime();
    for (let i = 0; i < 4; i++) {
      t += (session.idleMinutes - 1) * MIN;
      expect(await readSession(db, s.token, session, new Date(t))).toBeDefined();
    }
    expect(await readSession(db, s.token, session, new Date(t + (session.idleMinutes + 1) * MIN))).toBeUndefined();

    const s2 = await createSession(db, sv!.id, session, t0);
    let t2 = t0.getTime();
    while (t2 < t0.getTime() + session.absoluteHours * 3_600_000 - 20 * MIN) {
      t2 += 20 * MIN;
      expect(await readSession(db, s2.token, session, new Date(t2))).toBeDefined();
    }
    expect(
      await readSession(db, s2.token, session, new Date(t0.getTime() + session.absoluteHours * 3_600_000 + MIN)),
    ).toBeUndefined();

    const s3 = await createSession(db, sv!.id, session, t0);
    const r3 = await readSession(db, s3.token, session, t0);
    await revokeSession(db, r3!.idHash);
    expect(await readSession(db, s3.token, session, t0)).toBeUndefined();
    expect(await readSession(db, 'not-a-token', session, t0)).toBeUndefined();
  });

  it('a new password or a disabled account ends every session', async () => {
    await createSupervisor(db, { username: 'zhao.lei', password: PASSWORD });
    const [sv] = await db.query<{ id: string }>(`SELECT id FROM supervisors WHERE username = 'zhao.lei'`);
    const now = new Date();
    const s = await createSession(db, sv!.id, session, now);
    expect(await resetPassword(db, 'zhao.lei', 'another long passphrase')).toMatchObject({ ok: true });
    expect(await readSession(db, s.token, session, now)).toBeUndefined();
    expect(await attemptLogin(db, 'zhao.lei', 'another long passphrase', lockout, null)).toMatchObject({ ok: true });
    const s2 = await createSession(db, sv!.id, session, now);
    expect(await disableSupervisor(db, 'zhao.lei')).toBe(true);
    expect(await readSession(db, s2.token, session, now)).toBeUndefined();
    expect(await attemptLogin(db, 'zhao.lei', 'another long passphrase', lockout, null)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('the audit log is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await audit(db, { actor: 'tester', action: 'view.overview', detail: { from: '2026-01-01' } });
    const before = (await listAudit(db)).total;
    await expect(db.query(`UPDATE supervision_audit SET actor = 'someone else'`)).rejects.toThrow(/not allowed/);
    await expect(db.query(`DELETE FROM supervision_audit`)).rejects.toThrow(/not allowed/);
    await expect(db.query(`TRUNCATE supervision_audit`)).rejects.toThrow(/not allowed/);
    expect((await listAudit(db)).total).toBe(before);
    const [last] = (await listAudit(db, { pageSize: 1 })).rows;
    expect(last).toMatchObject({ actor: 'tester', action: 'view.overview' });
  });
});
