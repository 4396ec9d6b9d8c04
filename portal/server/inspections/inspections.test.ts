import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraw, runDraw, verifyCertificateToken } from '@sunlight/verify';
import { signNewHead, toSignedTreeHead } from '../transparency/tree';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { bindDevice } from '../../../tests/fixtures/business-device';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { revokeCertificate } from './certificates';
import { createDraw, readDraw, revealDraw } from './draws';
import { listEvaluations, sanitiseComment, submitCheckIn, submitEvaluation } from './evaluations';
import { FIXTURE, loadFixture, taskBody, tempConfig } from '../../../tests/fixtures/inspections';
import { issueInspection, type IssueResponse } from './issue';
import { keysDir, openKeyRing, parseConfiguredKey, publishedJwks, rotateKeys, type KeyRing } from './keys';
import { verifyCertificate } from './verify';

const SITE = 'https://sunlight.example.org';
const NOW = new Date('2026-03-02T08:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(databaseKinds())('inspections and certificates on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let keys: KeyRing;
  const temp = tempConfig();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadFixture(db);
    keys = await openKeyRing(temp.config, db);
  });
  afterAll(async () => {
    await tdb?.dispose();
    temp.dispose();
  });

  const issue = async (body: object, now = NOW, agency = 'market') =>
    issueInspection(db, body, agency, { keys, siteUrl: SITE, now });
  const issued = async (body: object, now = NOW): Promise<IssueResponse> => {
    const r = await issue(body, now);
    if (!r.ok) throw new Error(`${r.kind}: ${r.detail}`);
    return r.body;
  };

  describe('issuing', () => {
    it('issues a numbered, signed certificate with its verify URL', async () => {
      const body = await issued(taskBody(NOW));
      expect(body.certificateNo).toMatch(/^JCZ-2026-\d{7}-\d$/);
      expect(body.verifyUrl).toBe(`${SITE}/verify/${body.certificateNo}?t=${body.token}`);
      expect(body.flagged).toBe(false);
      const [header] = body.token.split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: body.kid });
    });

    it('keys are generated in the data dir: folder 0700, private key 0600', () => {
      const dir = keysDir(temp.config);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jwk'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    });

    it('a token verifies with the jose library given only the published JWKS', async () => {
      const body = await issued(taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[1] }));
      const jwks = JSON.parse(JSON.stringify(await publishedJwks(db)));
      const { payload, protectedHeader } = await jwtVerify(body.token, createLocalJWKSet(jwks), {
        algorithms: ['EdDSA'],
        currentDate: new Date(Date.parse(body.validFrom) + HOUR),
      });
      expect(protectedHeader.alg).toBe('EdDSA');
      expect(payload).toMatchObject({ sub: body.certificateNo, agn: 'market' });
      expect(payload.nbf).toBe(Date.parse(body.validFrom) / 1000);
      expect(payload.exp).toBe(Date.parse(body.validUntil) / 1000);
    });

    it('refuses officers of another agency, without a valid certificate, or whose certificate ends first', async () => {
      const other = await issue(taskBody(NOW, { inspectorIds: ['insp-m-1', 'insp-e-1'] }));
      expect(other).toMatchObject({ ok: false, kind: 'inspector-not-authorised' });
      if (!other.ok) expect(other.errors![0]).toMatchObject({ field: 'inspectorIds[1]' });
      expect(await issue(taskBody(NOW, { inspectorIds: ['insp-m-1', 'insp-m-s'] }))).toMatchObject({
        kind: 'inspector-not-authorised',
      });
      expect(await issue(taskBody(NOW, { inspectorIds: ['insp-m-1', 'insp-m-x'] }))).toMatchObject({
        kind: 'inspector-not-authorised',
      });
      expect(await issue(taskBody(NOW, { inspectorIds: ['insp-m-1', 'nobody'] }))).toMatchObject({
        kind: 'inspector-not-authorised',
      });
    });

    it('refuses items not on the agency’s published list', async () => {
      expect(await issue(taskBody(NOW, { itemCodes: ['JCSX-000001', 'JCSX-000900'] }))).toMatchObject({
        ok: false,
        kind: 'item-not-listed',
      });
      expect(await issue(taskBody(NOW, { itemCodes: ['JCSX-999999'] }))).toMatchObject({ kind: 'item-not-listed' });
    });

    it('refuses another agency’s task, an unknown enterprise, a past window and bad fields', async () => {
      expect(await issue(taskBody(NOW), NOW, 'environment')).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await issue(taskBody(NOW, { enterpriseCreditCode: '91990116MA0000000X' }))).toMatchObject({
        ok: false,
      });
      expect(await issue(taskBody(NOW, {}, -72, 24))).toMatchObject({ ok: false, kind: 'validation-failed' });
      const bad = await issue({ ...taskBody(NOW), inspectorIds: ['insp-m-1'], source: '随便' });
      expect(bad).toMatchObject({ ok: false, kind: 'validation-failed' });
      if (!bad.ok) expect(bad.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['inspectorIds', 'source']));
    });
  });

  describe('Idempotency-Key', () => {
    it('parallel retries with one key issue one certificate; every loser answers with the winner’s', async () => {
      // One window a year from next year on, so no annual cap interferes; several rounds, so the
      // retries really meet inside the database.
      for (let round = 0; round < 4; round++) {
        const key = `retry-${randomUUID()}`;
        const body = taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[6] }, 24 * 366 * (round + 1));
        const results = await Promise.all(
          Array.from({ length: 12 }, () =>
            issueInspection(db, body, 'market', { keys, siteUrl: SITE, now: NOW, idempotencyKey: key }),
          ),
        );
        const answers = results.map((r) => {
          if (!r.ok) throw new Error(`${r.kind}: ${r.detail}`);
          return r;
        });
        expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
        expect(answers.filter((r) => r.status === 200)).toHaveLength(11);
        expect(new Set(answers.map((r) => r.body.certificateNo)).size).toBe(1);
        expect(new Set(answers.map((r) => r.body.token)).size).toBe(1);
        const rows = await db.query(`SELECT id FROM inspections WHERE idempotency_key = $1`, [key]);
        expect(rows).toHaveLength(1);
      }
    });
  });

  describe('annual caps', () => {
    const code = FIXTURE.enterprises[2];
    it('refuses the inspection over the cap, and accepts 投诉举报 with a reason, flagged', async () => {
      await issued(taskBody(NOW, { enterpriseCreditCode: code }));
      await issued(taskBody(NOW, { enterpriseCreditCode: code, itemCodes: ['JCSX-000002'] }, 72));
      const third = await issue(taskBody(NOW, { enterpriseCreditCode: code }, 150));
      expect(third).toMatchObject({ ok: false, kind: 'inspection-cap-exceeded' });
      if (!third.ok) {
        expect(third.extra).toMatchObject({
          capExceeded: [{ field: '市场监管', year: 2026, maxPerEnterprise: 2, inspectionsThisYear: 2 }],
        });
        expect(third.detail).toContain('投诉举报');
      }
      const noReason = { ...taskBody(NOW, { enterpriseCreditCode: code, source: '投诉举报' }, 150) } as Record<
        string,
        unknown
      >;
      delete noReason.reason;
      expect(await issue(noReason)).toMatchObject({ ok: false, kind: 'inspection-cap-exceeded' });
      const complaint = await issued(
        taskBody(NOW, { enterpriseCreditCode: code, source: '投诉举报', reason: '12345热线投诉：售卖过期食品' }, 150),
      );
      expect(complaint.flagged).toBe(true);
      expect(complaint.capExceeded).toEqual([expect.objectContaining({ field: '市场监管', inspectionsThisYear: 2 })]);
      const [row] = await db.query<{ flagged: boolean; over: boolean }>(
        `SELECT flagged, (data->>'capOverride')::boolean AS over FROM inspections WHERE id = $1`,
        [complaint.inspectionId],
      );
      expect(row).toEqual({ flagged: true, over: true });
    });

    it('counts per calendar year, and a revoked (cancelled) task does not count', async () => {
      const nextYear = await issue(
        taskBody(new Date('2026-12-31T20:00:00+08:00'), { enterpriseCreditCode: code }, 10),
        NOW,
      );
      expect(nextYear).toMatchObject({ ok: true });
      const fresh = FIXTURE.enterprises[3];
      const first = await issued(taskBody(NOW, { enterpriseCreditCode: fresh }, 200));
      await revokeCertificate(db, first.certificateNo, 'market', '任务取消');
      await issued(taskBody(NOW, { enterpriseCreditCode: fresh }, 300));
    });
  });

  describe('verification', () => {
    let cert: IssueResponse;
    beforeAll(async () => {
      cert = await issued(
        taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[4], itemCodes: ['JCSX-000002'] }, 400),
      );
    });
    const at = (offset: number) => Date.parse(cert.validFrom) + offset;

    it('shows a genuine certificate as valid with agency, officers, items and basis, and no enterprise data', async () => {
      const v = await verifyCertificate(db, SITE, cert.certificateNo, cert.token, at(HOUR));
      expect(v).toMatchObject({ status: 'valid', genuine: true, checkedBy: 'signature', source: '专项' });
      expect(v.agency).toMatchObject({ id: 'market', name: '示例市滨江新区市场监督管理局' });
      expect(v.inspectors).toEqual([
        expect.objectContaining({ name: '王示例', certificateNo: 'ZF99011612000001', status: 'valid' }),
        expect.objectContaining({ name: '李示例' }),
      ]);
      expect(v.items![0]!.basis[0]).toMatchObject({
        url: `${SITE}/laws/FL-0001#art-35`,
        label: '《中华人民共和国食品安全法》第三十五条',
      });
      expect(v.enterpriseHint).toBe(FIXTURE.enterprises[4].slice(-4));
      expect(JSON.stringify(v)).not.toContain(FIXTURE.enterprises[4]);
      const byNumber = await verifyCertificate(db, SITE, cert.certificateNo, undefined, at(HOUR));
      expect(byNumber).toMatchObject({ status: 'valid', checkedBy: 'number' });
      expect(byNumber.enterpriseHint).toBeUndefined();
    });

    it('before the window: not yet valid; after: expired', async () => {
      expect((await verifyCertificate(db, SITE, cert.certificateNo, cert.token, at(-HOUR))).status).toBe(
        'not_yet_valid',
      );
      expect((await verifyCertificate(db, SITE, cert.certificateNo, cert.token, at(3 * DAY))).status).toBe('expired');
    });

    it('a tampered token, a wrong key, another number or an unknown number is not genuine', async () => {
      const [h, p, s] = cert.token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const longer = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 365 * 86400 })).toString('base64url');
      for (const token of [`${h}.${longer}.${s}`, `${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`, 'x.y.z']) {
        const v = await verifyCertificate(db, SITE, cert.certificateNo, token, at(HOUR));
        expect(v).toMatchObject({ status: 'not_genuine', genuine: false });
        expect(v.agency).toBeUndefined();
      }
      const foreign = tempConfig();
      try {
        // a key of another deployment, under this deployment's kid
        const { generateKeyPairSync, sign } = await import('node:crypto');
        const { privateKey } = generateKeyPairSync('ed25519');
        const forged = `${h}.${p}.${sign(null, Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
        expect(await verifyCertificate(db, SITE, cert.certificateNo, forged, at(HOUR))).toMatchObject({
          status: 'not_genuine',
          reason: 'bad_signature',
        });
      } finally {
        foreign.dispose();
      }
      const other = await issued(taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[5] }, 500));
      expect(await verifyCertificate(db, SITE, other.certificateNo, cert.token, at(HOUR))).toMatchObject({
        status: 'not_genuine',
        reason: 'number_mismatch',
      });
      expect(await verifyCertificate(db, SITE, 'JCZ-2026-9999999-3', undefined, at(HOUR))).toMatchObject({
        status: 'not_genuine',
        reason: 'unknown_number',
      });
      expect(await verifyCertificate(db, SITE, 'JCZ-2026-9999999-4', undefined, at(HOUR))).toMatchObject({
        status: 'not_genuine',
        reason: 'bad_number',
      });
    });

    it('a revoked certificate reads as revoked, with the reason; only its agency may revoke', async () => {
      const c = await issued(taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[5] }, 600));
      expect(await revokeCertificate(db, c.certificateNo, 'environment', 'x')).toMatchObject({
        ok: false,
        kind: 'forbidden',
      });
      expect(await revokeCertificate(db, 'JCZ-2026-9999999-3', 'market', 'x')).toMatchObject({
        ok: false,
        kind: 'not-found',
      });
      expect(await revokeCertificate(db, c.certificateNo, 'market', '检查任务已撤销')).toMatchObject({
        ok: true,
        changed: true,
      });
      expect(await revokeCertificate(db, c.certificateNo, 'market', '再次')).toMatchObject({
        ok: true,
        changed: false,
      });
      const v = await verifyCertificate(db, SITE, c.certificateNo, c.token, Date.parse(c.validFrom) + HOUR);
      expect(v).toMatchObject({
        status: 'revoked',
        genuine: true,
        certificate: { revocationReason: '检查任务已撤销' },
      });
    });
  });

  describe('check-ins and evaluations by the inspected enterprise', () => {
    let cert: IssueResponse;
    let proof: string;
    const code = FIXTURE.enterprises[6];
    beforeAll(async () => {
      cert = await issued(taskBody(NOW, { enterpriseCreditCode: code, itemCodes: ['JCSX-000002'] }, 700));
      proof = (await bindDevice(db, code, NOW)).proof;
    });
    const during = () => new Date(Date.parse(cert.validFrom) + HOUR);
    const at = (now: Date) => ({ now });
    const evaluation = (overrides: object = {}) => ({
      clientId: randomUUID(),
      proof,
      token: cert.token,
      ratings: { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 3, overall: 4 },
      problems: [],
      comment: '检查人员态度很好。',
      ...overrides,
    });

    it('records a check-in, replays it by clientId, and changes nothing the agency or the public can read', async () => {
      const body = {
        clientId: randomUUID(),
        proof,
        token: cert.token,
        credentialsShown: true,
      };
      const first = await submitCheckIn(db, cert.certificateNo, body, at(during()));
      expect(first).toMatchObject({ ok: true, status: 201, replayed: false, body: { certificateStatus: 'valid' } });
      const again = await submitCheckIn(db, cert.certificateNo, body, at(during()));
      expect(again).toMatchObject({ ok: true, replayed: true });
      if (first.ok && again.ok) expect(again.body).toEqual(first.body);
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM checkins WHERE client_id = $1', [
        body.clientId,
      ]);
      expect(n!.n).toBe(1);
      const v = await verifyCertificate(db, SITE, cert.certificateNo, cert.token, during().getTime());
      expect(v.status).toBe('valid');
      const after = await verifyCertificate(
        db,
        SITE,
        cert.certificateNo,
        cert.token,
        Date.parse(cert.validUntil) + HOUR,
      );
      // After the window it reads like any certificate nobody checked in: 已过期, not 已使用.
      expect(after.status).toBe('expired');
      const [row] = await db.query<{ status: string; inspection: string }>(
        `SELECT c.status, i.status AS inspection FROM certificates c JOIN inspections i ON i.id = c.inspection_id
         WHERE c.certificate_no = $1`,
        [cert.certificateNo],
      );
      expect(row).toEqual({ status: 'valid', inspection: 'planned' });
    });

    it('accepts one evaluation; the same clientId replays the same result without a duplicate', async () => {
      const body = evaluation();
      const first = await submitEvaluation(db, cert.certificateNo, body, at(during()));
      expect(first).toMatchObject({ ok: true, status: 201, body: { outcome: 'created', revisions: 1 } });
      const replay = await submitEvaluation(db, cert.certificateNo, body, at(during()));
      expect(replay).toMatchObject({ ok: true, status: 201, replayed: true });
      if (first.ok && replay.ok) expect(replay.body).toEqual(first.body);
      const [n] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM evaluation_submissions WHERE certificate_no = $1',
        [cert.certificateNo],
      );
      expect(n!.n).toBe(1);
      const conflict = await submitEvaluation(db, cert.certificateNo, { ...body, comment: '改了' }, at(during()));
      expect(conflict).toMatchObject({ ok: false, kind: 'conflict' });
    });

    it('replaces the evaluation within 7 days, then it is final', async () => {
      const second = await submitEvaluation(
        db,
        cert.certificateNo,
        evaluation({ problems: ['repeated'] }),
        at(during()),
      );
      expect(second).toMatchObject({ ok: true, status: 200, body: { outcome: 'replaced', revisions: 2 } });
      const late = new Date(during().getTime() + 8 * DAY);
      expect(await submitEvaluation(db, cert.certificateNo, evaluation(), at(late))).toMatchObject({
        ok: false,
        kind: 'conflict',
      });
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM evaluations WHERE certificate_no = $1',
        [cert.certificateNo],
      );
      expect(row!.n).toBe(1);
    });

    it('refuses another enterprise’s identity, a forged token, and evaluations before the window', async () => {
      const other = await bindDevice(db, FIXTURE.enterprises[1]!, NOW);
      expect(
        await submitEvaluation(db, cert.certificateNo, evaluation({ proof: other.proof }), at(during())),
      ).toMatchObject({ ok: false, kind: 'forbidden' });
      const [h, p] = cert.token.split('.');
      expect(
        await submitEvaluation(
          db,
          cert.certificateNo,
          evaluation({ token: `${h}.${p}.${'A'.repeat(86)}` }),
          at(during()),
        ),
      ).toMatchObject({ ok: false, kind: 'certificate-not-genuine' });
      const early = await issued(taskBody(NOW, { enterpriseCreditCode: code }, 800));
      expect(
        await submitEvaluation(db, early.certificateNo, evaluation({ token: early.token }), at(NOW)),
      ).toMatchObject({
        ok: false,
        kind: 'conflict',
      });
      expect(
        await submitEvaluation(db, cert.certificateNo, { ...evaluation(), ratings: { overall: 9 } }, at(during())),
      ).toMatchObject({
        ok: false,
        kind: 'validation-failed',
      });
    });

    it('stores no credit code anywhere an evaluation or check-in lives', async () => {
      for (const table of ['evaluations', 'evaluation_submissions', 'checkins']) {
        const rows = await db.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM ${table} x`);
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) expect(r.t).not.toContain(code);
      }
      const list = await listEvaluations(db, 'market');
      expect(list[0]).toMatchObject({ certificateNo: cert.certificateNo, problems: ['repeated'] });
    });
  });

  describe('key rotation', () => {
    it('signs with the new key; a retired key stays published only while its certificates run', async () => {
      const now = new Date();
      const live = await issued(
        taskBody(now, { enterpriseCreditCode: FIXTURE.enterprises[7], source: '投诉举报', reason: '12345热线投诉' }, 1),
        now,
      );
      const first = await rotateKeys(temp.config, db);
      expect(first.previous).toBe(live.kid);
      // a certificate of the new key whose window (March 2026) is over
      const ended = await issued(taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[7] }, 900));
      expect(ended.kid).toBe(first.kid);
      const second = await rotateKeys(temp.config, db);
      const published = (await publishedJwks(db)).keys.map((k) => k.kid);
      expect(published).toContain(live.kid); // retired, but its certificate is still inside its window
      expect(published).not.toContain(first.kid); // retired, and all its certificates have ended
      expect(published).toContain(second.kid); // active
      expect(fs.readFileSync(path.join(keysDir(temp.config), 'keyring.json'), 'utf8')).toContain(second.kid);
      const v = await verifyCertificate(db, SITE, live.certificateNo, live.token, Date.parse(live.validFrom) + HOUR);
      expect(v).toMatchObject({ status: 'valid', signature: { kid: live.kid } });
      const old = await verifyCertificate(db, SITE, ended.certificateNo, ended.token);
      expect(old).toMatchObject({ genuine: true, status: 'expired' });
      const next = await issued(
        taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[7], source: '投诉举报' }, 1000),
      );
      expect(next.kid).toBe(second.kid);
    });
  });

  describe('双随机 draws', () => {
    it('publishes the commitment first, then the seed and a result anyone can recompute', async () => {
      const created = await createDraw(
        db,
        'market',
        {
          itemCodes: ['JCSX-000001', 'JCSX-000002'],
          enterpriseCount: 2,
          enterprisePool: [FIXTURE.enterprises[9], FIXTURE.enterprises[8]],
        },
        NOW,
      );
      if (!created.ok) throw new Error(created.detail);
      expect(created.draw).toMatchObject({ status: 'committed', algorithm: 'sunlight-draw-v2' });
      expect(created.draw.logIndex).toEqual(expect.any(Number));
      expect(created.draw.seed).toBeUndefined();
      expect(created.draw.result).toBeUndefined();
      expect(created.draw.inputs.inspectorPool).toEqual(['insp-m-1', 'insp-m-2', 'insp-m-3', 'insp-m-x']);
      // No head contains the commitment yet: the result cannot be fixed before the beacon exists.
      expect(await revealDraw(db, created.draw.id, 'market', NOW, 0)).toMatchObject({ ok: false, kind: 'conflict' });
      const beacon = await signNewHead(db, keys);
      expect(beacon!.treeSize).toBeGreaterThan(created.draw.logIndex!);
      const revealed = await revealDraw(db, created.draw.id, 'market', NOW);
      if (!revealed.ok) throw new Error(revealed.detail);
      const d = revealed.draw;
      expect(d.commitment).toBe(created.draw.commitment);
      expect(d.beacon).toEqual(toSignedTreeHead(beacon!));
      // The committed secret alone does not give the result: the beacon's root is part of the seed.
      expect(runDraw(d.inputs, d.seed!).assignments).not.toEqual(d.result!.assignments);
      const check = checkDraw({
        inputs: d.inputs,
        seed: d.seed!,
        commitment: d.commitment,
        inputsHash: d.inputsHash,
        result: d.result!,
        algorithm: d.algorithm,
        beacon: d.beacon!,
      });
      expect(check).toMatchObject({ commitmentMatches: true, inputsHashMatches: true, resultMatches: true });
      expect((await readDraw(db, d.id))!.result).toEqual(d.result);
      const again = await revealDraw(db, d.id, 'market', NOW);
      expect(again.ok && again.draw.seed).toBe(d.seed);

      const pick = d.result!.assignments[0]!;
      const ok = await issue(
        taskBody(
          NOW,
          {
            source: '双随机',
            drawId: d.id,
            enterpriseCreditCode: pick.enterpriseCreditCode,
            inspectorIds: pick.inspectorIds,
          },
          1,
          12,
        ),
      );
      expect(ok).toMatchObject({ ok: true });
      const notDrawn = FIXTURE.enterprises.find(
        (c) => !d.result!.assignments.some((a) => a.enterpriseCreditCode === c),
      )!;
      expect(
        await issue(taskBody(NOW, { source: '双随机', drawId: d.id, enterpriseCreditCode: notDrawn }, 1100)),
      ).toMatchObject({ ok: false, kind: 'validation-failed' });
    });

    it('refuses items that are not 双随机 items, or of another agency', async () => {
      expect(await createDraw(db, 'market', { itemCodes: ['JCSX-000003'], enterpriseCount: 1 }, NOW)).toMatchObject({
        ok: false,
        kind: 'item-not-listed',
      });
      expect(await createDraw(db, 'market', { itemCodes: ['JCSX-000900'], enterpriseCount: 1 }, NOW)).toMatchObject({
        ok: false,
      });
      expect(await revealDraw(db, 'draw-none', 'market')).toMatchObject({ ok: false, kind: 'not-found' });
    });
  });

  it('the library verifies a token offline against the published JWKS (noble backend)', async () => {
    const body = await issued(taskBody(NOW, { enterpriseCreditCode: FIXTURE.enterprises[8] }, 1200));
    const jwks = await publishedJwks(db);
    const r = await verifyCertificateToken(body.token, jwks, { now: Date.parse(body.validFrom), backend: 'noble' });
    expect(r).toMatchObject({ genuine: true, status: 'valid', certificateNo: body.certificateNo });
  });
});

describe('comment sanitising', () => {
  it('removes markup, controls and invisible characters, and hides phone and ID numbers', () => {
    expect(sanitiseComment('<script>alert(1)</script>态度\u200b很好\u202e！\u0007')).toBe('alert(1) 态度很好！');
    expect(sanitiseComment('请联系13812345678')).toBe('请联系［已隐去］');
    expect(sanitiseComment('   ')).toBeUndefined();
    expect(sanitiseComment('第一行\r\n\r\n\r\n\r\n第二行')).toBe('第一行\n\n第二行');
  });
});

describe('signing key from configuration (SUNLIGHT_SIGNING_KEY)', () => {
  it('accepts an Ed25519 private key as JWK (keeping its kid) or PEM, and refuses anything else', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'district-2026' });
    expect(parseConfiguredKey(jwk)).toMatchObject({ kid: 'district-2026', source: 'config' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fromPem = parseConfiguredKey(pem);
    expect(fromPem.kid).toMatch(/^c-[A-Za-z0-9_-]{16}$/);
    expect(fromPem.publicJwk).not.toHaveProperty('d');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' });
    expect(() => parseConfiguredKey(rsa.toString())).toThrow(/Ed25519/);
    expect(() => parseConfiguredKey('{"kty":"OKP"}')).toThrow(/SUNLIGHT_SIGNING_KEY/);
  });

  it('signs with the configured key, writes nothing to the data dir, and refuses `keys rotate`', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'configured-1' });
    const t = tempConfig({ SUNLIGHT_SIGNING_KEY: jwk });
    const tdb = await createTestDatabase('PGlite');
    try {
      const db = await tdb.open();
      await migrate(db);
      const ring = await openKeyRing(t.config, db);
      expect(ring.active().kid).toBe('configured-1');
      expect(fs.existsSync(keysDir(t.config))).toBe(false);
      expect((await publishedJwks(db)).keys.map((k) => k.kid)).toEqual(['configured-1']);
      await expect(rotateKeys(t.config, db)).rejects.toThrow(/SUNLIGHT_SIGNING_KEY/);
    } finally {
      await tdb.dispose();
      t.dispose();
    }
  });
});

describe('a check-in as the very first use of a fresh portal (keys not yet cached)', () => {
  it('completes: the signature is checked before the transaction opens (PGlite runs one at a time)', async () => {
    const t = tempConfig();
    const tdb = await createTestDatabase('PGlite');
    try {
      const db = await tdb.open();
      await migrate(db);
      await loadFixture(db);
      const keys = await openKeyRing(t.config, db);
      const r = await issueInspection(db, taskBody(NOW), 'market', { keys, siteUrl: SITE, now: NOW });
      if (!r.ok) throw new Error(r.detail);
      const during = new Date(Date.parse(r.body.validFrom) + HOUR);
      const { proof } = await bindDevice(db, FIXTURE.enterprises[0]!, NOW);
      const checkIn = submitCheckIn(
        db,
        r.body.certificateNo,
        { clientId: randomUUID(), proof, token: r.body.token, credentialsShown: false },
        { now: during },
      );
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('check-in hung')), 10_000));
      expect(await Promise.race([checkIn, timeout])).toMatchObject({ ok: true, status: 201 });
    } finally {
      await tdb.dispose();
      t.dispose();
    }
  });
});
