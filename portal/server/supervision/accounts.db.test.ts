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

  const S = 1000;

  it('wrong passwords make the next attempt wait, doubling, and the wait ends by itself', async () => {
    const t0 = new Date('2026-03-02T09:00:00+08:00');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < lockout.maxFailures; i++) {
      expect(await attemptLogin(db, 'li.na', 'wrong password!', lockout, '198.51.100.7', t0)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    // the next attempt must wait 30 s; during the wait even the right password is not looked at
    const first = await attemptLogin(db, 'li.na', PASSWORD, lockout, '198.51.100.7', at(10 * S));
    expect(first).toMatchObject({ ok: false, reason: 'throttled', throttle: { until: at(30 * S), retryAfter: 20 } });
    // after the wait, one more wrong password doubles it
    expect(await attemptLogin(db, 'li.na', 'wrong password!', lockout, '198.51.100.7', at(31 * S))).toMatchObject({
      reason: 'invalid',
    });
    expect(await attemptLogin(db, 'li.na', PASSWORD, lockout, '198.51.100.7', at(60 * S))).toMatchObject({
      reason: 'throttled',
      throttle: { until: at(91 * S), retryAfter: 31 },
    });
    // the wait ends by time, not by anyone's leave
    expect(await attemptLogin(db, 'li.na', PASSWORD, lockout, '198.51.100.7', at(92 * S))).toMatchObject({ ok: true });
    const actions = (await listAudit(db, { actor: 'li.na' })).rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'login.failure')).toHaveLength(lockout.maxFailures + 1);
    expect(actions.filter((a) => a === 'login.throttled')).toHaveLength(2);
    expect(actions).toContain('login.success');
  });

  it('an attacker with many addresses cannot keep the owner out of a browser the owner has used', async () => {
    const t0 = new Date('2026-03-04T09:00:00+08:00');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const owner = await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '192.0.2.1', t0);
    if (!owner.ok) throw new Error('the owner signs in');
    expect(owner.device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // 20 wrong passwords, each from a new address, each as soon as the account-wide delay lets it
    let t = 60 * S;
    for (let failures = 0, i = 0; failures < 20; i++) {
      const r = await attemptLogin(db, 'zhang.wei', `guess ${i} guess`, lockout, `203.0.113.${i}`, at(t));
      expect(r.ok).toBe(false);
      if (!r.ok && r.reason === 'throttled') t = r.throttle.until.getTime() - t0.getTime();
      else failures++;
    }
    t += S;
    // the account is now slowed for unknown browsers, at most lockMinutes
    const stranger = await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '203.0.113.200', at(t));
    expect(stranger).toMatchObject({ ok: false, reason: 'throttled', throttle: { scope: 'account' } });
    if (!stranger.ok && stranger.reason === 'throttled')
      expect(stranger.throttle.retryAfter).toBeLessThanOrEqual(lockout.lockMinutes * 60);
    // the owner's browser is not slowed by anyone else's failures
    expect(await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '192.0.2.1', at(t), owner.device)).toMatchObject({
      ok: true,
    });
    // a device cookie of another account is no pass
    const other = await attemptLogin(db, 'li.na', PASSWORD, lockout, '192.0.2.99', at(t));
    if (!other.ok) throw new Error('li.na signs in');
    expect(await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '192.0.2.1', at(t + S), other.device)).toMatchObject({
      reason: 'throttled',
      throttle: { scope: 'account' },
    });
    // the trusted browser's own wrong passwords slow it down too
    for (let i = 0; i < lockout.maxFailures; i++) {
      await attemptLogin(db, 'zhang.wei', 'typo typo typo', lockout, '192.0.2.1', at(t + 2 * S), owner.device);
    }
    expect(
      await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '192.0.2.1', at(t + 3 * S), owner.device),
    ).toMatchObject({ reason: 'throttled', throttle: { scope: 'device' } });
    // another supervisor ends the account-wide delay at once; it is audited
    expect(await unlockSupervisor(db, 'zhang.wei', 'li.na', { role: 'auditor', ip: '192.0.2.99' })).toBe(true);
    expect(await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '198.51.100.9', at(t + 4 * S))).toMatchObject({
      ok: true,
    });
    const [unlock] = (await listAudit(db, { action: 'account.unlock' })).rows;
    expect(unlock).toMatchObject({ actor: 'li.na', targetId: 'zhang.wei' });
    expect((unlock!.detail as { failuresCleared: number }).failuresCleared).toBeGreaterThanOrEqual(20);
  });

  it('one client trying many usernames waits until the window has passed; other clients do not', async () => {
    const t0 = new Date('2026-03-06T09:00:00+08:00');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    let t = 0;
    const tried = new Set<string>();
    let refusal: { scope: string; until: Date } | undefined;
    for (let i = 0; i < 30 && !refusal; i++) {
      const r = await attemptLogin(db, `spray${i}`, 'Password123!', lockout, '198.51.100.66', at(t));
      if (r.ok) throw new Error('a spray got in');
      if (r.reason === 'invalid') tried.add(`spray${i}`);
      else if (r.throttle.scope === 'usernames') refusal = r.throttle;
      else {
        t = r.throttle.until.getTime() - t0.getTime(); // a patient attacker waits out each delay
        i--;
      }
    }
    expect(tried.size).toBe(lockout.usernamesPerClient);
    expect(refusal?.until).toEqual(at(lockout.windowMinutes * 60 * S));
    expect(await attemptLogin(db, 'zhang.wei', PASSWORD, lockout, '192.0.2.50', at(t))).toMatchObject({ ok: true });
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
