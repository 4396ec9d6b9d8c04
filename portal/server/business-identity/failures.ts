import type { Db } from '../db/types';
import type { ProofFailure } from './port';

export type FailureReason = ProofFailure | 'other-enterprise';
export type FailureAction = 'checkin' | 'evaluation';

/**
 * Records an attempt to check in or rate on a genuine certificate without proving to be the inspected
 * business. Written in the caller's transaction; the table is append-only and only supervisors read it
 * (alert 冒用企业名义).
 */
export async function recordProofFailure(
  tx: Db,
  f: {
    certificateNo: string;
    agencyId: string;
    action: FailureAction;
    reason: FailureReason;
    subjectId?: string;
    ip?: string;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO business_proof_failures (certificate_no, agency_id, action, reason, subject_id, ip, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [f.certificateNo, f.agencyId, f.action, f.reason, f.subjectId ?? null, f.ip ?? null, f.at],
  );
}

export const failureReasonLabels: Readonly<Record<FailureReason, string>> = {
  missing: '未提供企业身份凭证',
  malformed: '企业身份凭证格式不对',
  unknown: '企业身份凭证无效（伪造或不存在）',
  revoked: '企业身份凭证已注销',
  'other-enterprise': '以其他企业的身份提交',
};

export const failureActionLabels: Readonly<Record<FailureAction, string>> = {
  checkin: '事中登记',
  evaluation: '事后评价',
};
