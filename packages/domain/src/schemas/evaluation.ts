import { z } from 'zod';
import { creditCodeLenient, req, type FieldLabels } from './common';

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
 * 事后评价 request body. The credit code is checked for format only: legacy codes whose check character fails
 * must still be able to rate; the server matches it against the inspected enterprise.
 */
export const EvaluationSchema = z.strictObject({
  clientId: clientId(),
  creditCode: creditCodeLenient(),
  token: jws(),
  ratings: z.strictObject({
    lawfulness: rating(),
    courtesy: rating(),
    integrity: rating(),
    efficiency: rating(),
    overall: rating(),
  }),
  problems: z
    .array(z.enum(EVALUATION_PROBLEMS, { error: req(`问题类型应为以下之一：${EVALUATION_PROBLEMS.join('、')}`) }))
    .refine((xs) => new Set(xs).size === xs.length, '问题类型不能重复'),
  comment: z
    .string({ error: req('应为文本') })
    .trim()
    .max(MAX_COMMENT_LENGTH, `意见不超过${MAX_COMMENT_LENGTH}字`)
    .optional(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const evaluationFieldLabels: FieldLabels<Evaluation> = {
  clientId: '客户端编号',
  creditCode: '统一社会信用代码',
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

/** 事中登记 request body. */
export const CheckInSchema = z.strictObject({
  clientId: clientId(),
  creditCode: creditCodeLenient(),
  token: jws(),
  credentialsShown: z.boolean({ error: req('应为true或false：检查人员是否出示执法证件') }),
});
export type CheckIn = z.infer<typeof CheckInSchema>;

export const checkInFieldLabels: FieldLabels<CheckIn> = {
  clientId: '客户端编号',
  creditCode: '统一社会信用代码',
  token: '检查证令牌',
  credentialsShown: '是否出示执法证件',
};
