import { z } from 'zod';
import { EVALUATION_PROBLEMS, RATING_DIMENSIONS } from '@sunlight/domain/schemas/evaluation';
import { certificateStatusText, type CertificateStatus } from '@sunlight/verify/status';

/**
 * Answers of the routes the mini-program (and any other client) calls, one schema each. The portal's
 * OpenAPI document is built from these, its routes are typed against them, and the client parses with them.
 */

/** RFC 9457 problem details: every error answer of the API. */
export const ProblemSchema = z.looseObject({
  type: z.string().describe('问题类型的稳定 URI，见 /open-data#errors'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z
    .array(
      z.object({
        parameter: z.string().optional(),
        field: z.string().optional(),
        label: z.string().optional(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** What a verification may say about a certificate: the statuses the verify package words for people. */
export const VERIFICATION_STATUSES = Object.keys(certificateStatusText) as [CertificateStatus, ...CertificateStatus[]];

/** GET /api/v1/certificates/{no}: what anyone may learn about a certificate (never the enterprise's identity). */
export const VerificationSchema = z.object({
  certificateNo: z.string(),
  status: z.enum(VERIFICATION_STATUSES),
  genuine: z.boolean(),
  label: z.string(),
  headline: z.string(),
  advice: z.string(),
  reason: z
    .enum([
      'malformed',
      'unsupported_alg',
      'unknown_key',
      'bad_signature',
      'bad_claims',
      'number_mismatch',
      'unknown_number',
      'bad_number',
      'claims_mismatch',
    ])
    .optional()
    .describe('不真实的原因'),
  detail: z.string().optional(),
  checkedBy: z.enum(['signature', 'number']).describe('signature：核对了签名令牌；number：只按编号查询（手工输入）'),
  signature: z.object({ alg: z.literal('EdDSA'), kid: z.string() }).optional(),
  certificate: z
    .object({
      issuedAt: z.string(),
      validFrom: z.string(),
      validUntil: z.string(),
      revokedAt: z.string().optional(),
      revocationReason: z.string().optional(),
    })
    .optional(),
  agency: z.object({ id: z.string(), name: z.string(), url: z.string() }).optional(),
  source: z.string().optional(),
  inspectors: z
    .array(
      z.object({
        name: z.string(),
        certificateNo: z.string(),
        url: z.string().optional(),
        status: z.string(),
        statusLabel: z.string(),
        validUntil: z.string().nullable(),
      }),
    )
    .optional(),
  items: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        url: z.string(),
        basis: z.array(
          z.object({
            lawCode: z.string(),
            article: z.number().int(),
            title: z.string().nullable(),
            label: z.string(),
            url: z.string(),
          }),
        ),
      }),
    )
    .optional(),
  draw: z.object({ id: z.string(), url: z.string() }).optional(),
  enterpriseHint: z.string().optional().describe('被检查企业统一社会信用代码的后四位（仅在持有真实令牌时）'),
  url: z.string().describe('该检查证的核验页面'),
});
export type Verification = z.infer<typeof VerificationSchema>;

/** GET /.well-known/jwks.json: the Ed25519 public keys (RFC 8037) certificates are signed with. */
export const JwksSchema = z.object({
  keys: z.array(
    z.looseObject({
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string(),
      kid: z.string(),
      alg: z.string().optional(),
      use: z.string().optional(),
    }),
  ),
});
export type JwksAnswer = z.infer<typeof JwksSchema>;

/** POST /api/v1/certificates/{no}/checkins. */
export const CheckInResultSchema = z.object({
  outcome: z.literal('recorded'),
  certificateNo: z.string(),
  checkedInAt: z.string().describe('北京时间 ISO 8601'),
  certificateStatus: z.enum(VERIFICATION_STATUSES),
  statusLabel: z.string(),
  credentialsShown: z.boolean(),
  message: z.string(),
});
export type CheckInResult = z.infer<typeof CheckInResultSchema>;

/** POST /api/v1/certificates/{no}/evaluations. */
export const EvaluationResultSchema = z.object({
  outcome: z.enum(['created', 'replaced']),
  certificateNo: z.string(),
  evaluatedAt: z.string(),
  revisions: z.number().int().min(1),
  editableUntil: z.string().describe('此前同一企业身份可以修改评价（首次评价后7日）'),
  ratings: z.record(z.enum(RATING_DIMENSIONS), z.number().int().min(1).max(5)),
  problems: z.array(z.enum(EVALUATION_PROBLEMS)),
  comment: z.string().optional(),
  message: z.string(),
});
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;

/** POST /api/v1/business/enrolments. */
export const BusinessCredentialSchema = z.object({
  credential: z.string().describe('本机的企业身份凭证：只保存在本机，作为 proof 随登记和评价提交'),
  subjectId: z.string(),
  creditCode: z.string(),
  enterpriseName: z.string().nullable(),
  message: z.string(),
});
export type BusinessCredential = z.infer<typeof BusinessCredentialSchema>;

/** The published list of enforcement bodies, as a picker needs it. */
export const AgencyListSchema = z.object({
  agencies: z.array(
    z.object({
      id: z.string().describe('执法主体编号，如 scjgj'),
      name: z.string().describe('全称'),
      shortName: z.string().describe('简称'),
      url: z.string().describe('门户上的机关页面'),
    }),
  ),
});
