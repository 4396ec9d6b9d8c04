import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS } from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { submitCheckIn, submitEvaluation } from '../inspections/evaluations';
import { FIXTURE, loadFixture, taskBody, tempConfig } from '../../../tests/fixtures/inspections';
import { issueInspection, type IssueResponse } from '../inspections/issue';
import { openKeyRing } from '../inspections/keys';
import { computeAlerts } from '../supervision/alerts';
import { makePeriod } from '../supervision/period';
import { enrolBusiness, exchangeEnrolmentCode, localEnrolment, revokeSubject } from './local-enrolment';
import { bindDevice } from '../../../tests/fixtures/business-device';

const NOW = new Date('2026-03-02T08:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(databaseKinds())('business identity (local enrolment) on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let cert: IssueResponse;
  const temp = tempConfig();
  const code = FIXTURE.enterprises[3]!;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadFixture(db);
    const keys = await openKeyRing(temp.config, db);
    const r = await issueInspection(db, taskBody(NOW, { enterpriseCreditCode: code }), 'market', {
      keys,
      siteUrl: 'https://sunlight.example.org',
      now: NOW,
    });
    if (!r.ok) throw new Error(r.detail);
    cert = r.body;
  });
  afterAll(async () => {
    await tdb?.dispose();
    temp.dispose();
  });

  const during = () => new Date(Date.parse(cert.validFrom) + HOUR);

  it('an enrolment code is one-time, expires, and is stored only as a hash', async () => {
    const e = await enrolBusiness(db, { creditCode: code.toLowerCase(), by: 'test' }, NOW);
    if (!e.ok) throw new Error(e.message);
    expect(e.enrolled.creditCode).toBe(code);
    const rows = await db.query<{ t: string }>(`SELECT row_to_json(c)::text AS t FROM business_enrolment_codes c`);
    for (const r of rows) expect(r.t).not.toContain(e.enrolled.code.replaceAll('-', ''));
    const late = new Date(e.enrolled.expiresAt.getTime() + 1);
    expect(await exchangeEnrolmentCode(db, { code: e.enrolled.code, deviceId: randomUUID() }, late)).toMatchObject({
      ok: false,
    });
    // Typed loosely (lower case, spaces) it still matches.
    const typed = ` ${e.enrolled.code.toLowerCase().replaceAll('-', ' ')} `;
    const x = await exchangeEnrolmentCode(db, { code: typed, deviceId: randomUUID() }, NOW);
    expect(x).toMatchObject({ ok: true, again: false, device: { creditCode: code } });
    expect(await exchangeEnrolmentCode(db, { code: e.enrolled.code, deviceId: randomUUID() }, NOW)).toMatchObject({
      ok: false,
    });
    // The same device may retry shortly after (a lost answer); not later.
    const deviceId = randomUUID();
    const e2 = await enrolBusiness(db, { creditCode: code, by: 'test' }, NOW);
    if (!e2.ok) throw new Error(e2.message);
    await exchangeEnrolmentCode(db, { code: e2.enrolled.code, deviceId }, NOW);
    const soon = new Date(NOW.getTime() + 5 * 60_000);
    expect(await exchangeEnrolmentCode(db, { code: e2.enrolled.code, deviceId }, soon)).toMatchObject({
      ok: true,
      again: true,
    });
    const later = new Date(NOW.getTime() + 11 * 60_000);
    expect(await exchangeEnrolmentCode(db, { code: e2.enrolled.code, deviceId }, later)).toMatchObject({ ok: false });
    expect(await enrolBusiness(db, { creditCode: 'not a code', by: 'test' }, NOW)).toMatchObject({ ok: false });
  });

  it('verifies a device credential; a forged, malformed, missing or revoked one is refused with its reason', async () => {
    const device = await bindDevice(db, code, NOW);
    expect(await localEnrolment.verify(db, device.proof, NOW)).toEqual({
      ok: true,
      subject: { creditCode: code, subjectId: device.subjectId },
    });
    const [prefix, id] = device.proof.split('.');
    expect(await localEnrolment.verify(db, `${prefix}.${id}.${'x'.repeat(43)}`, NOW)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await localEnrolment.verify(db, 'slb1.short', NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(await localEnrolment.verify(db, undefined, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(await revokeSubject(db, device.subjectId, NOW)).toBe(true);
    expect(await localEnrolment.verify(db, device.proof, NOW)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('the agency’s tries change nothing, are recorded, and become one 冒用企业名义 alert', async () => {
    const agency = [{}, { proof: cert.token.slice(0, 100) }, { proof: `slb1.${'A'.repeat(16)}.${'B'.repeat(43)}` }];
    for (const extra of agency) {
      const c = await submitCheckIn(
        db,
        cert.certificateNo,
        { clientId: randomUUID(), token: cert.token, credentialsShown: true, ...extra },
        { now: during(), ip: '10.1.2.3' },
      );
      expect(c).toMatchObject({ ok: false, kind: 'business-proof-failed' });
      const ev = await submitEvaluation(
        db,
        cert.certificateNo,
        {
          clientId: randomUUID(),
          token: cert.token,
          ratings: { lawfulness: 5, courtesy: 5, integrity: 5, efficiency: 5, overall: 5 },
          problems: [],
          ...extra,
        },
        { now: during() },
      );
      expect(ev).toMatchObject({ ok: false, kind: 'business-proof-failed' });
    }
    for (const table of ['checkins', 'evaluations', 'evaluation_submissions']) {
      const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE certificate_no = $1`, [
        cert.certificateNo,
      ]);
      expect(n!.n, table).toBe(0);
    }
    const failures = await db.query<{ reason: string; action: string; ip: string | null }>(
      `SELECT reason, action, ip FROM business_proof_failures WHERE certificate_no = $1 ORDER BY seq`,
      [cert.certificateNo],
    );
    expect(failures.map((f) => `${f.action}:${f.reason}`)).toEqual([
      'checkin:missing',
      'evaluation:missing',
      'checkin:malformed',
      'evaluation:malformed',
      'checkin:unknown',
      'evaluation:unknown',
    ]);
    expect(failures[0]!.ip).toBe('10.1.2.3');
    await expect(db.query(`UPDATE business_proof_failures SET reason = 'missing'`)).rejects.toThrow(/not allowed/);
    await expect(db.query(`DELETE FROM business_proof_failures`)).rejects.toThrow(/not allowed/);

    const period = makePeriod('2026-03-01', '2026-03-31');
    const alerts = (await computeAlerts(db, period, DEFAULT_SUPERVISION_SETTINGS.alerts, NOW)).filter(
      (a) => a.rule === 'impersonation',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'high', agencyIds: ['market'], enterpriseCreditCode: code });
    expect(alerts[0]!.records.filter((r) => r.type === 'proofFailure')).toHaveLength(6);
    const off = await computeAlerts(
      db,
      period,
      { ...DEFAULT_SUPERVISION_SETTINGS.alerts, impersonation: { enabled: false } },
      NOW,
    );
    expect(off.some((a) => a.rule === 'impersonation')).toBe(false);
  });

  it('only the same business identity revises its evaluation', async () => {
    const first = await bindDevice(db, code, NOW);
    const colleague = await bindDevice(db, code, NOW);
    const body = (proof: string, overall: number) => ({
      clientId: randomUUID(),
      token: cert.token,
      proof,
      ratings: { lawfulness: 1, courtesy: 1, integrity: 1, efficiency: 1, overall },
      problems: ['solicitation'],
    });
    expect(await submitEvaluation(db, cert.certificateNo, body(first.proof, 1), { now: during() })).toMatchObject({
      ok: true,
      status: 201,
    });
    expect(await submitEvaluation(db, cert.certificateNo, body(colleague.proof, 5), { now: during() })).toMatchObject({
      ok: false,
      kind: 'conflict',
    });
    expect(
      await submitEvaluation(db, cert.certificateNo, body(first.proof, 2), { now: new Date(during().getTime() + DAY) }),
    ).toMatchObject({ ok: true, status: 200, body: { outcome: 'replaced', ratings: { overall: 2 } } });
  });
});
