import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { checkCreditCode, normaliseCreditCode } from '@sunlight/domain/validators/credit-code';
import type { Db } from '../db/types';
import type { BusinessIdentity, ProofResult } from './port';

/**
 * The local enrolment adapter — clearly a manual binding, for development, tests and pilots.
 *
 * 1. The operator (区司法局 or the 政务服务中心 counter; never an agency, never through an ingest token)
 *    checks the business's licence and its representative in person, then runs `sunlight business enrol
 *    <creditCode>`, which prints a one-time enrolment code (16 characters, valid 7 days).
 * 2. The business types the code into the mini-program on its own device; the device sends it with an id
 *    it made up (POST /api/v1/business/enrolments) and receives a device credential `slb1.<id>.<secret>`.
 * 3. Every check-in and evaluation carries that credential as `proof`.
 *
 * The server keeps only SHA-256 hashes of codes and secrets. The agency never sees a code (it is not
 * printed on anything the agency makes) and cannot mint one.
 */

export const ENROLMENT_CODE_DAYS = 7;
/** A device whose first answer was lost may exchange its code again for this long (same deviceId only). */
export const ENROLMENT_RETRY_MINUTES = 10;
const DAY = 86_400_000;
/** No 0/O, 1/I/L: read aloud and typed from a slip of paper. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 16;
const CREDENTIAL_PREFIX = 'slb1';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const b64url = (n: number) => randomBytes(n).toString('base64url');

/** Upper case, without spaces and dashes: what a person typed, as it was printed. */
export function normaliseEnrolmentCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-_]/g, '');
}

function newEnrolmentCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s.match(/.{4}/g)!.join('-');
}

export interface Enrolled {
  subjectId: string;
  creditCode: string;
  enterpriseName: string | null;
  code: string;
  expiresAt: Date;
}

export type EnrolResult = { ok: true; enrolled: Enrolled } | { ok: false; message: string };

/**
 * Creates a subject for the enterprise (or, with `subjectId`, a new code for an existing one — a new
 * phone) and a one-time enrolment code. Only the operator runs this (CLI).
 */
export async function enrolBusiness(
  db: Db,
  input: { creditCode?: string; subjectId?: string; label?: string; by: string },
  now = new Date(),
): Promise<EnrolResult> {
  return db.transaction(async (tx) => {
    let subjectId: string;
    let creditCode: string;
    if (input.subjectId) {
      const [s] = await tx.query<{ credit_code: string; revoked_at: Date | null }>(
        `SELECT credit_code, revoked_at FROM business_subjects WHERE id = $1`,
        [input.subjectId],
      );
      if (!s) return { ok: false, message: `没有企业身份 ${input.subjectId}（sunlight business list 可查看）。` };
      if (s.revoked_at) return { ok: false, message: `企业身份 ${input.subjectId} 已注销，请为该企业新建身份。` };
      subjectId = input.subjectId;
      creditCode = s.credit_code;
    } else {
      creditCode = normaliseCreditCode(input.creditCode ?? '');
      const check = checkCreditCode(creditCode);
      if (!check.ok && check.reason !== 'checksum') {
        return { ok: false, message: `统一社会信用代码 ${input.creditCode ?? ''} 无效：${check.message}` };
      }
      subjectId = `bs-${b64url(9)}`;
      await tx.query(
        `INSERT INTO business_subjects (id, credit_code, adapter, label, created_by, created_at) VALUES ($1, $2, 'local-enrolment', $3, $4, $5)`,
        [subjectId, creditCode, input.label ?? null, input.by, now],
      );
    }
    const code = newEnrolmentCode();
    const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_DAYS * DAY);
    await tx.query(
      `INSERT INTO business_enrolment_codes (code_hash, subject_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [sha256(normaliseEnrolmentCode(code)), subjectId, now, expiresAt],
    );
    const [e] = await tx.query<{ name: string }>(`SELECT name FROM enterprises WHERE credit_code = $1`, [creditCode]);
    return { ok: true, enrolled: { subjectId, creditCode, enterpriseName: e?.name ?? null, code, expiresAt } };
  });
}

export interface DeviceCredential {
  credential: string;
  subjectId: string;
  creditCode: string;
  enterpriseName: string | null;
}

export type ExchangeResult = { ok: true; device: DeviceCredential; again: boolean } | { ok: false; message: string };

const CODE_REFUSED =
  '登记码无效、已过期或已被其他设备使用。请核对后重新输入；仍不行的，请携营业执照到区司法局（或政务服务中心）重新领取。';

/**
 * The device exchanges a one-time code for its credential. A retry from the same device (same deviceId)
 * within ENROLMENT_RETRY_MINUTES re-issues the credential (the first answer may have been lost) and revokes
 * the first; any other device, or a later retry, is refused with the same words as a wrong code.
 */
export async function exchangeEnrolmentCode(
  db: Db,
  input: { code: string; deviceId: string },
  now = new Date(),
): Promise<ExchangeResult> {
  const hash = sha256(normaliseEnrolmentCode(input.code));
  return db.transaction(async (tx) => {
    const [c] = await tx.query<{
      subject_id: string;
      expires_at: Date;
      used_at: Date | null;
      device_id: string | null;
      credential_id: string | null;
      credit_code: string;
      revoked_at: Date | null;
    }>(
      `SELECT c.subject_id, c.expires_at, c.used_at, c.device_id, c.credential_id, s.credit_code, s.revoked_at
       FROM business_enrolment_codes c JOIN business_subjects s ON s.id = c.subject_id
       WHERE c.code_hash = $1 FOR UPDATE OF c`,
      [hash],
    );
    if (!c || c.revoked_at || c.expires_at.getTime() <= now.getTime()) return { ok: false, message: CODE_REFUSED };
    if (c.used_at) {
      const late = now.getTime() - c.used_at.getTime() > ENROLMENT_RETRY_MINUTES * 60_000;
      if (c.device_id !== input.deviceId || late) return { ok: false, message: CODE_REFUSED };
    }
    if (c.credential_id) {
      await tx.query(`UPDATE business_credentials SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
        c.credential_id,
        now,
      ]);
    }
    const id = b64url(12);
    const secret = b64url(32);
    await tx.query(
      `INSERT INTO business_credentials (id, subject_id, secret_hash, device_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [id, c.subject_id, sha256(secret), input.deviceId, now],
    );
    await tx.query(
      `UPDATE business_enrolment_codes SET used_at = COALESCE(used_at, $2), device_id = $3, credential_id = $4 WHERE code_hash = $1`,
      [hash, now, input.deviceId, id],
    );
    const [e] = await tx.query<{ name: string }>(`SELECT name FROM enterprises WHERE credit_code = $1`, [
      c.credit_code,
    ]);
    return {
      ok: true,
      again: !!c.used_at,
      device: {
        credential: `${CREDENTIAL_PREFIX}.${id}.${secret}`,
        subjectId: c.subject_id,
        creditCode: c.credit_code,
        enterpriseName: e?.name ?? null,
      },
    };
  });
}

const CREDENTIAL_RE = /^slb1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export const localEnrolment: BusinessIdentity = {
  adapter: 'local-enrolment',
  manual: true,
  async verify(db, proof, now): Promise<ProofResult> {
    if (!proof) return { ok: false, reason: 'missing' };
    const m = CREDENTIAL_RE.exec(proof);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, id, secret] = m as unknown as [string, string, string];
    const [row] = await db.query<{
      secret_hash: string;
      revoked_at: Date | null;
      subject_id: string;
      credit_code: string;
      subject_revoked_at: Date | null;
    }>(
      `SELECT k.secret_hash, k.revoked_at, k.subject_id, s.credit_code, s.revoked_at AS subject_revoked_at
       FROM business_credentials k JOIN business_subjects s ON s.id = k.subject_id WHERE k.id = $1`,
      [id],
    );
    const given = Buffer.from(sha256(secret), 'hex');
    // Compared in constant time even when the id is unknown, so timing does not tell ids apart.
    const stored = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
    if (!row || !timingSafeEqual(given, stored)) return { ok: false, reason: 'unknown' };
    if (row.revoked_at || row.subject_revoked_at) return { ok: false, reason: 'revoked' };
    await db.query(`UPDATE business_credentials SET last_used_at = $2 WHERE id = $1`, [id, now]);
    return { ok: true, subject: { creditCode: row.credit_code, subjectId: row.subject_id } };
  },
};

export interface SubjectSummary {
  subjectId: string;
  creditCode: string;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  devices: number;
  pendingCodes: number;
}

export async function listSubjects(db: Db, creditCode?: string, now = new Date()): Promise<SubjectSummary[]> {
  const rows = await db.query<{
    id: string;
    credit_code: string;
    label: string | null;
    created_at: Date;
    revoked_at: Date | null;
    devices: number;
    pending: number;
  }>(
    `SELECT s.id, s.credit_code, s.label, s.created_at, s.revoked_at,
            (SELECT count(*)::int FROM business_credentials k WHERE k.subject_id = s.id AND k.revoked_at IS NULL) AS devices,
            (SELECT count(*)::int FROM business_enrolment_codes c WHERE c.subject_id = s.id AND c.used_at IS NULL AND c.expires_at > $2) AS pending
     FROM business_subjects s WHERE ($1::text IS NULL OR s.credit_code = $1) ORDER BY s.created_at, s.id`,
    [creditCode ? normaliseCreditCode(creditCode) : null, now],
  );
  return rows.map((r) => ({
    subjectId: r.id,
    creditCode: r.credit_code,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    devices: r.devices,
    pendingCodes: r.pending,
  }));
}

/** Ends a subject: its devices' credentials stop proving anything at once. */
export async function revokeSubject(db: Db, subjectId: string, now = new Date()): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE business_subjects SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [subjectId, now],
  );
  return rows.length > 0;
}
