import { z } from 'zod';
import { req, type FieldLabels } from './common';

export const RATING_DIMENSIONS = ['lawfulness', 'courtesy', 'integrity', 'efficiency', 'overall'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];
export const ratingLabels: Readonly<Record<RatingDimension, string>> = {
  lawfulness: '规范执法',
  courtesy: '文明礼貌',
  integrity: '廉洁自律',
  efficiency: '效率',
  overall: '总体满意',
};

export const EVALUATION_PROBLEMS = [
  'no_credentials',
  'arbitrary',
  'repeated',
  'multi_agency',
  'attitude',
  'solicitation',
  'other',
] as const;
export type EvaluationProblem = (typeof EVALUATION_PROBLEMS)[number];
export const problemLabels: Readonly<Record<EvaluationProblem, string>> = {
  no_credentials: '未亮证/未扫码',
  arbitrary: '随意检查',
  repeated: '重复检查',
  multi_agency: '多头检查',
  attitude: '态度问题',
  solicitation: '索拿卡要',
  other: '其他',
};

export const MAX_COMMENT_LENGTH = 500;

const rating = () =>
  z
    .number({ error: req('应为1–5的整数评分') })
    .int('评分应为1–5的整数')
    .min(1, '评分最低为1')
    .max(5, '评分最高为5');

/** Compact JWS: three base64url segments separated by dots. */
const jws = () =>
  z
    .string({ error: req('应为检查证令牌文本') })
    .regex(
      /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
      '应为检查证二维码中的令牌（紧凑JWS：三段base64url，以“.”分隔）',
    );

const clientId = () => z.uuid({ error: req('应为客户端生成的UUID，如3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f') });

/**
 * The business's proof of identity (企业身份凭证): what its own device received when it was bound to the
 * enterprise (see README, "Evaluations belong to the business"). Opaque to clients; the server's
 * configured identity adapter checks it. Optional in the schema so that a submission without it is still
 * parsed, refused with a clear message and recorded for supervisors as an attempt to speak for the business.
 */
export const businessProof = () =>
  z
    .string({ error: req('应为企业身份凭证文本（本机绑定企业身份时取得）') })
    .min(16, '企业身份凭证不完整：请在小程序中重新绑定企业身份')
    .max(512, '企业身份凭证过长：请在小程序中重新绑定企业身份');

const ratings = () =>
  z.strictObject({
    lawfulness: rating(),
    courtesy: rating(),
    integrity: rating(),
    efficiency: rating(),
    overall: rating(),
  });

/**
 * What a business rates (事后评价), as its device stores it in the offline queue. No credit code: who the
 * business is comes from the proof, never from a code anyone can read off a licence.
 */
export const EvaluationContentSchema = z.strictObject({
  clientId: clientId(),
  token: jws(),
  ratings: ratings(),
  problems: z
    .array(z.enum(EVALUATION_PROBLEMS, { error: req(`问题类型应为以下之一：${EVALUATION_PROBLEMS.join('、')}`) }))
    .refine((xs) => new Set(xs).size === xs.length, '问题类型不能重复'),
  comment: z
    .string({ error: req('应为文本') })
    .trim()
    .max(MAX_COMMENT_LENGTH, `意见不超过${MAX_COMMENT_LENGTH}字`)
    .optional(),
});
export type EvaluationContent = z.infer<typeof EvaluationContentSchema>;

/** 事后评价 request body: the content and the business's proof, attached when it is sent. */
export const EvaluationSchema = EvaluationContentSchema.extend({ proof: businessProof().optional() });
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const evaluationFieldLabels: FieldLabels<Evaluation> = {
  clientId: '客户端编号',
  proof: '企业身份凭证',
  token: '检查证令牌',
  ratings: '评分',
  'ratings.lawfulness': ratingLabels.lawfulness,
  'ratings.courtesy': ratingLabels.courtesy,
  'ratings.integrity': ratingLabels.integrity,
  'ratings.efficiency': ratingLabels.efficiency,
  'ratings.overall': ratingLabels.overall,
  problems: '反映问题',
  comment: '意见',
};

/** 事中登记 as the device stores it. */
export const CheckInContentSchema = z.strictObject({
  clientId: clientId(),
  token: jws(),
  credentialsShown: z.boolean({ error: req('应为true或false：检查人员是否出示执法证件') }),
});
export type CheckInContent = z.infer<typeof CheckInContentSchema>;

/** 事中登记 request body. */
export const CheckInSchema = CheckInContentSchema.extend({ proof: businessProof().optional() });
export type CheckIn = z.infer<typeof CheckInSchema>;

export const checkInFieldLabels: FieldLabels<CheckIn> = {
  clientId: '客户端编号',
  proof: '企业身份凭证',
  token: '检查证令牌',
  credentialsShown: '是否出示执法证件',
};

/**
 * 绑定企业身份 with the local enrolment adapter: the one-time enrolment code the operator handed to the
 * business out of band, and an id the device made up (a retry after a lost answer re-issues the credential
 * to the same device only).
 */
export const BusinessEnrolmentSchema = z.strictObject({
  code: z
    .string({ error: req('应为企业身份登记码，如 7KQ2-M9XD-4HTP-WN3C') })
    .trim()
    .min(8, '登记码不完整：请核对区司法局（或政务服务中心）交给贵单位的登记码')
    .max(40, '登记码过长：请核对后重新输入'),
  deviceId: clientId(),
});
export type BusinessEnrolment = z.infer<typeof BusinessEnrolmentSchema>;

export const businessEnrolmentFieldLabels: FieldLabels<BusinessEnrolment> = {
  code: '企业身份登记码',
  deviceId: '设备编号',
};
