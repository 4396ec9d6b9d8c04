import { createHash } from 'node:crypto';
import {
  CheckInSchema,
  checkInFieldLabels,
  EvaluationSchema,
  evaluationFieldLabels,
  problemLabels,
  ratingLabels,
  type EvaluationProblem,
} from '@sunlight/domain/schemas/evaluation';
import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { findSensitive } from '@sunlight/domain/validators/sensitive';
import { certificateStatusText, canonicalJson, parseCompactJws, verifyCertificateToken } from '@sunlight/verify';
import { recordProofFailure, type FailureAction } from '../business-identity/failures';
import { localEnrolment } from '../business-identity/local-enrolment';
import type { BusinessIdentity, BusinessSubject, ProofResult } from '../business-identity/port';
import type { Db } from '../db/types';
import type { ProblemKind } from '../http/problem';
import { describeFieldErrors, fieldErrors, type FieldError } from '../ingest/validation';
import { VerificationKeys } from './keys';
import { toChinaIso } from './time';
import { effectiveStatus } from './verify';
import type { CheckInResult, EvaluationResult } from '@sunlight/api-client/schemas';

/** A later evaluation replaces the earlier one within this many days of the first; then it is final. */
export const EVALUATION_REPLACE_DAYS = 7;
/** Evaluations are taken from the window's start until this many days after its end. */
export const EVALUATION_PERIOD_DAYS = 30;
const DAY = 86_400_000;

export type BusinessOutcome =
  | { ok: true; status: 200 | 201; body: CheckInResult | EvaluationResult; replayed: boolean }
  | { ok: false; kind: ProblemKind; detail: string; errors?: FieldError[] };

const refuse = (kind: ProblemKind, detail: string, errors?: FieldError[]): BusinessOutcome => ({
  ok: false,
  kind,
  detail,
  ...(errors ? { errors } : {}),
});

const REDACTED = '［已隐去］';

/**
 * Comment text as stored: Unicode NFC; markup, control characters, zero-width and bidi-override
 * characters removed; whitespace collapsed; ID, phone and bank card numbers replaced. Shown escaped.
 */
export function sanitiseComment(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let s = text.normalize('NFC');
  s = s.replace(/<[^>]*>/g, ' ');
  s = s.replace(/\r\n?/g, '\n');
  s = s.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, ' ');
  s = s.replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '');
  s = s
    .replace(/[ \u00A0\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n');
  const found = findSensitive(s);
  let out = '';
  let at = 0;
  for (const m of found) {
    if (m.start < at) continue;
    out += s.slice(at, m.start) + REDACTED;
    at = m.end;
  }
  s = (out + s.slice(at)).trim();
  return s || undefined;
}

const requestHash = (no: string, body: object) =>
  createHash('sha256')
    .update(canonicalJson({ no, ...body }))
    .digest('hex');

interface CertRow {
  certificate_no: string;
  agency_id: string;
  status: 'valid' | 'used' | 'expired' | 'revoked';
  valid_from: Date;
  valid_until: Date;
  enterprise_credit_code: string;
}

/** Who is submitting and from where; the identity adapter defaults to the local enrolment one. */
export interface SubmissionContext {
  identity?: BusinessIdentity;
  now?: Date;
  /** The client's address, kept with a failed proof for supervisors. */
  ip?: string;
}

/**
 * Checks the token's signature (outside any transaction: loading keys reads the database, and PGlite
 * runs one transaction at a time). Returns the certificate number it is genuine for. The token only says
 * the certificate is real; it proves nothing about who sends it (the agency printed it).
 */
async function verifyToken(
  keys: VerificationKeys,
  rawNo: string,
  token: string,
  now: number,
): Promise<{ ok: true; no: string } | { ok: false; outcome: BusinessOutcome }> {
  const no = checkCertificateNo(rawNo);
  if (!no.ok) return { ok: false, outcome: refuse('not-found', no.message) };
  const jws = parseCompactJws(token);
  const kid = jws.ok && typeof jws.jws.header.kid === 'string' ? jws.jws.header.kid : undefined;
  const v = await verifyCertificateToken(token, await keys.forKid(kid), {
    certificateNo: no.normalised,
    now,
  });
  if (!v.genuine) {
    return {
      ok: false,
      outcome: refuse('certificate-not-genuine', `检查证令牌无效：${v.message}。请重新扫描检查人员出示的二维码。`, [
        { field: 'token', label: checkInFieldLabels.token, message: v.message },
      ]),
    };
  }
  return { ok: true, no: no.normalised };
}

/** The one answer to every failed proof: it never depends on whether anything was submitted before. */
const PROOF_REFUSED =
  '未能证明您是被检查企业：事中登记和事后评价只接受被检查企业本机绑定的企业身份凭证（在小程序中输入区司法局发放的企业身份登记码绑定）。检查证二维码和统一社会信用代码都不能证明身份。本次尝试已记录，并提交监督机关。';

/**
 * Inside the transaction: the certificate, locked, and the business identity compared with the inspected
 * enterprise. A failed proof on a genuine certificate is recorded (and becomes a supervision alert)
 * before anything about earlier submissions is read, so the answer reveals none of them.
 */
async function authorise(
  tx: Db,
  no: string,
  proof: ProofResult,
  action: FailureAction,
  ctx: { now: Date; ip?: string },
): Promise<{ ok: true; cert: CertRow; subject: BusinessSubject } | { ok: false; outcome: BusinessOutcome }> {
  const [cert] = await tx.query<CertRow>(
    `SELECT c.certificate_no, c.agency_id, c.status, c.valid_from, c.valid_until, i.enterprise_credit_code
     FROM certificates c JOIN inspections i ON i.id = c.inspection_id WHERE c.certificate_no = $1 FOR UPDATE OF c`,
    [no],
  );
  if (!cert) {
    return {
      ok: false,
      outcome: refuse('certificate-not-genuine', `本系统没有编号为 ${no} 的电子检查证。`),
    };
  }
  const failure = {
    certificateNo: no,
    agencyId: cert.agency_id,
    action,
    at: ctx.now,
    ...(ctx.ip ? { ip: ctx.ip } : {}),
  };
  if (!proof.ok) {
    await recordProofFailure(tx, { ...failure, reason: proof.reason });
    return {
      ok: false,
      outcome: refuse('business-proof-failed', PROOF_REFUSED, [
        { field: 'proof', label: checkInFieldLabels.proof, message: '缺少或无效的企业身份凭证' },
      ]),
    };
  }
  if (proof.subject.creditCode !== cert.enterprise_credit_code) {
    await recordProofFailure(tx, { ...failure, reason: 'other-enterprise', subjectId: proof.subject.subjectId });
    return {
      ok: false,
      outcome: refuse(
        'forbidden',
        '这张检查证不是对贵单位的检查：只有被检查企业可以登记和评价。本次尝试已记录，并提交监督机关。',
        [{ field: 'proof', label: checkInFieldLabels.proof, message: '本机绑定的企业不是这次检查的对象' }],
      ),
    };
  }
  return { ok: true, cert, subject: proof.subject };
}

/**
 * The certificate's QR token and the business's proof checked, then `act` run in one transaction as the
 * inspected business (see authorise).
 */
async function asInspectedBusiness(
  db: Db,
  rawNo: string,
  body: { token: string; proof?: string | undefined },
  action: FailureAction,
  ctx: SubmissionContext,
  now: Date,
  act: (tx: Db, cert: CertRow, subject: BusinessSubject) => Promise<BusinessOutcome>,
): Promise<BusinessOutcome> {
  const token = await verifyToken(VerificationKeys.of(db), rawNo, body.token, now.getTime());
  if (!token.ok) return token.outcome;
  const proof = await (ctx.identity ?? localEnrolment).verify(db, body.proof, now);
  return db.transaction(async (tx): Promise<BusinessOutcome> => {
    const auth = await authorise(tx, token.no, proof, action, { now, ...(ctx.ip ? { ip: ctx.ip } : {}) });
    if (!auth.ok) return auth.outcome;
    return act(tx, auth.cert, auth.subject);
  });
}

async function replay(
  tx: Db,
  table: 'checkins' | 'evaluation_submissions',
  clientId: string,
  no: string,
  hash: string,
  subjectId: string,
): Promise<BusinessOutcome | undefined> {
  const statusCol = table === 'checkins' ? '201' : 'status';
  const [prior] = await tx.query<{
    certificate_no: string;
    request_hash: string;
    response: CheckInResult | EvaluationResult;
    status: number;
    subject_id: string | null;
  }>(
    `SELECT certificate_no, request_hash, response, ${statusCol} AS status, subject_id FROM ${table} WHERE client_id = $1`,
    [clientId],
  );
  if (!prior) return undefined;
  if (prior.certificate_no !== no || prior.request_hash !== hash || prior.subject_id !== subjectId) {
    return refuse(
      'conflict',
      `客户端编号 clientId ${clientId} 已用于另一份内容不同的提交；重试时请原样重发，新的提交请生成新的 UUID。`,
      [{ field: 'clientId', label: checkInFieldLabels.clientId, message: '已用于另一份提交' }],
    );
  }
  return { ok: true, status: Number(prior.status) as 200 | 201, body: prior.response, replayed: true };
}

/** POST /api/v1/certificates/{no}/checkins — 事中登记. */
export async function submitCheckIn(
  db: Db,
  rawNo: string,
  raw: unknown,
  ctx: SubmissionContext = {},
): Promise<BusinessOutcome> {
  const now = ctx.now ?? new Date();
  const parsed = CheckInSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, checkInFieldLabels);
    return refuse('validation-failed', describeFieldErrors(errors), errors);
  }
  const body = parsed.data;
  return asInspectedBusiness(db, rawNo, body, 'checkin', ctx, now, async (tx, cert, subject) => {
    const hash = requestHash(cert.certificate_no, { credentialsShown: body.credentialsShown });
    const prior = await replay(tx, 'checkins', body.clientId, cert.certificate_no, hash, subject.subjectId);
    if (prior) return prior;
    const status = effectiveStatus(cert.status, cert.valid_from, cert.valid_until, now.getTime());
    const text = certificateStatusText[status];
    const message = !body.credentialsShown
      ? '已登记，并已提交监督机关：检查人员应当主动出示执法证件；不出示的，您有权拒绝检查。'
      : status === 'valid'
        ? '已登记：检查证真实有效。检查结束后，请对本次检查进行评价。'
        : `已登记：该检查证${text.label}。${text.advice}`;
    const response: CheckInResult = {
      outcome: 'recorded',
      certificateNo: cert.certificate_no,
      checkedInAt: toChinaIso(now),
      certificateStatus: status,
      statusLabel: text.label,
      credentialsShown: body.credentialsShown,
      message,
    };
    await tx.query(
      `INSERT INTO checkins (client_id, certificate_no, credentials_shown, certificate_status, request_hash, response, created_at, subject_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        body.clientId,
        cert.certificate_no,
        body.credentialsShown,
        status,
        hash,
        JSON.stringify(response),
        now,
        subject.subjectId,
      ],
    );
    // Nothing the agency or the public can read changes: the certificate's status and the inspection's stay
    // as they were, so a check-in (and what it says) is known to supervisors only.
    return { ok: true, status: 201, body: response, replayed: false };
  });
}

/** POST /api/v1/certificates/{no}/evaluations — 事后评价. */
export async function submitEvaluation(
  db: Db,
  rawNo: string,
  raw: unknown,
  ctx: SubmissionContext = {},
): Promise<BusinessOutcome> {
  const now = ctx.now ?? new Date();
  const parsed = EvaluationSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, evaluationFieldLabels);
    return refuse('validation-failed', describeFieldErrors(errors), errors);
  }
  const body = parsed.data;
  return asInspectedBusiness(db, rawNo, body, 'evaluation', ctx, now, async (tx, cert, subject) => {
    const comment = sanitiseComment(body.comment);
    const evaluation = {
      ratings: body.ratings,
      problems: [...body.problems].sort() as EvaluationProblem[],
      ...(comment ? { comment } : {}),
    };
    const hash = requestHash(cert.certificate_no, {
      ratings: body.ratings,
      problems: evaluation.problems,
      comment: body.comment,
    });
    const prior = await replay(
      tx,
      'evaluation_submissions',
      body.clientId,
      cert.certificate_no,
      hash,
      subject.subjectId,
    );
    if (prior) return prior;

    const t = now.getTime();
    if (t < cert.valid_from.getTime()) {
      return refuse('conflict', `检查时间窗从 ${toChinaIso(cert.valid_from)} 开始，检查开始后才能评价。`);
    }
    const closes = cert.valid_until.getTime() + EVALUATION_PERIOD_DAYS * DAY;
    if (t > closes) {
      return refuse(
        'conflict',
        `评价期限已于 ${toChinaIso(closes)} 结束（检查结束后${EVALUATION_PERIOD_DAYS}日内可以评价）。`,
      );
    }
    const [existing] = await tx.query<{
      created_at: Date;
      final_at: Date;
      revisions: number;
      subject_id: string | null;
    }>('SELECT created_at, final_at, revisions, subject_id FROM evaluations WHERE certificate_no = $1', [
      cert.certificate_no,
    ]);
    if (existing && existing.subject_id !== subject.subjectId) {
      return refuse(
        'conflict',
        '本次检查已由贵单位的另一位经办人（另一台已绑定企业身份的设备）评价；评价只能由原评价人修改。如有新的问题，请拨打 12345 反映。',
      );
    }
    if (existing && t >= existing.final_at.getTime()) {
      return refuse(
        'conflict',
        `本次检查的评价已于 ${toChinaIso(existing.final_at)} 确定（首次评价后${EVALUATION_REPLACE_DAYS}日内可以修改），不能再修改。如有新的问题，请拨打 12345 反映。`,
      );
    }
    const finalAt = existing ? existing.final_at : new Date(t + EVALUATION_REPLACE_DAYS * DAY);
    const revisions = existing ? existing.revisions + 1 : 1;
    if (existing) {
      await tx.query(
        `UPDATE evaluations SET ratings = $2, problems = $3, comment = $4, revisions = $5, updated_at = $6 WHERE certificate_no = $1`,
        [
          cert.certificate_no,
          JSON.stringify(evaluation.ratings),
          JSON.stringify(evaluation.problems),
          comment ?? null,
          revisions,
          now,
        ],
      );
    } else {
      await tx.query(
        `INSERT INTO evaluations (certificate_no, agency_id, ratings, problems, comment, revisions, created_at, updated_at, final_at, subject_id)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7, $8)`,
        [
          cert.certificate_no,
          cert.agency_id,
          JSON.stringify(evaluation.ratings),
          JSON.stringify(evaluation.problems),
          comment ?? null,
          now,
          finalAt,
          subject.subjectId,
        ],
      );
    }
    const status = existing ? 200 : 201;
    const response: EvaluationResult = {
      outcome: existing ? 'replaced' : 'created',
      certificateNo: cert.certificate_no,
      evaluatedAt: toChinaIso(now),
      revisions,
      editableUntil: toChinaIso(finalAt),
      ...evaluation,
      message: existing
        ? `评价已更新。${toChinaIso(finalAt).slice(0, 10)} 前还可以修改，之后评价确定。`
        : `感谢评价。评价直接提交区司法局，被检查机关看不到评价人；${toChinaIso(finalAt).slice(0, 10)} 前可以修改。`,
    };
    await tx.query(
      `INSERT INTO evaluation_submissions (client_id, certificate_no, request_hash, data, response, status, created_at, subject_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        body.clientId,
        cert.certificate_no,
        hash,
        JSON.stringify(evaluation),
        JSON.stringify(response),
        status,
        now,
        subject.subjectId,
      ],
    );
    return { ok: true, status, body: response, replayed: false };
  });
}

export interface SupervisorEvaluation {
  certificateNo: string;
  agencyId: string;
  ratings: Record<string, number>;
  problems: string[];
  comment: string | null;
  revisions: number;
  createdAt: string;
  updatedAt: string;
  final: boolean;
}

/** For supervisors only (`sunlight evaluations list`); no HTTP surface an agency token reaches serves this. */
export async function listEvaluations(db: Db, agencyId?: string, limit = 200): Promise<SupervisorEvaluation[]> {
  const rows = await db.query<{
    certificate_no: string;
    agency_id: string;
    ratings: Record<string, number>;
    problems: string[];
    comment: string | null;
    revisions: number;
    created_at: Date;
    updated_at: Date;
    final_at: Date;
  }>(`SELECT * FROM evaluations WHERE ($1::text IS NULL OR agency_id = $1) ORDER BY updated_at DESC LIMIT $2`, [
    agencyId ?? null,
    limit,
  ]);
  return rows.map((r) => ({
    certificateNo: r.certificate_no,
    agencyId: r.agency_id,
    ratings: r.ratings,
    problems: r.problems,
    comment: r.comment,
    revisions: r.revisions,
    createdAt: toChinaIso(r.created_at),
    updatedAt: toChinaIso(r.updated_at),
    final: r.final_at.getTime() <= Date.now(),
  }));
}

export function formatEvaluation(e: SupervisorEvaluation): string {
  const ratings = Object.entries(e.ratings)
    .map(([k, v]) => `${ratingLabels[k as keyof typeof ratingLabels] ?? k}${v}`)
    .join(' ');
  const problems = e.problems.map((p) => problemLabels[p as EvaluationProblem] ?? p).join('、');
  return `${e.certificateNo}  ${e.agencyId}  ${ratings}${problems ? `  问题：${problems}` : ''}${e.comment ? `  意见：${e.comment.replace(/\n/g, ' ')}` : ''}  ${e.updatedAt.slice(0, 16)}${e.revisions > 1 ? `（修改${e.revisions - 1}次）` : ''}${e.final ? '' : '  可修改'}`;
}
