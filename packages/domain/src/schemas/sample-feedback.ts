import { z } from 'zod';
import { parseIsoDateTime } from '../validators/dates';
import { isoDateTime, recordId, req, type FieldLabels } from './common';
import {
  EVALUATION_PROBLEMS,
  MAX_COMMENT_LENGTH,
  RATING_DIMENSIONS,
  ratingLabels,
  type EvaluationProblem,
  type RatingDimension,
} from './evaluation';

/**
 * feedback.ndjson (fictional sample only): what an inspected business said about one inspection — its
 * 事中登记 and/or 事后评价 — as that business. At load the portal enrols the named sample business identity
 * for the inspected enterprise and submits each check-in and evaluation through the same write path (and
 * the same checks) as the mini-program, at the time given here (shifted with the sample's other dates).
 */
const clientId = () => z.uuid({ error: req('应为UUID，如3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f') });

const rating = () =>
  z
    .number({ error: req('应为1–5的整数评分') })
    .int('评分应为1–5的整数')
    .min(1, '评分最低为1')
    .max(5, '评分最高为5');

export const SAMPLE_SUBJECT_PREFIX = 'bs-sample-';

export const SampleFeedbackSchema = z
  .strictObject({
    /** `fb-` + the inspection id. */
    id: recordId(),
    inspectionId: recordId(),
    /** The sample business identity that speaks (one per inspected enterprise), `bs-sample-…`. */
    subjectId: z
      .string({ error: req(`应为示例企业身份编号，以${SAMPLE_SUBJECT_PREFIX}开头`) })
      .regex(/^bs-sample-[0-9A-Z]{18}$/, `应为${SAMPLE_SUBJECT_PREFIX}加被检查企业的统一社会信用代码`),
    checkIn: z
      .strictObject({
        clientId: clientId(),
        at: isoDateTime(),
        credentialsShown: z.boolean({ error: req('应为true或false：检查人员是否出示执法证件') }),
      })
      .optional(),
    evaluation: z
      .strictObject({
        clientId: clientId(),
        at: isoDateTime(),
        ratings: z.strictObject(
          Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, rating()])) as Record<
            RatingDimension,
            ReturnType<typeof rating>
          >,
        ),
        problems: z
          .array(z.enum(EVALUATION_PROBLEMS, { error: req(`问题类型应为以下之一：${EVALUATION_PROBLEMS.join('、')}`) }))
          .refine((xs) => new Set(xs).size === xs.length, '问题类型不能重复'),
        comment: z
          .string({ error: req('应为文本') })
          .trim()
          .min(1, '意见不能为空；没有意见时省略该字段')
          .max(MAX_COMMENT_LENGTH, `意见不超过${MAX_COMMENT_LENGTH}字`)
          .optional(),
      })
      .optional(),
    /**
     * Someone else (in the sample's story, the inspecting agency, which holds the QR token) tries to check
     * in or rate this inspection without the business's identity credential. The portal refuses it and
     * records it for supervisors (alert 冒用企业名义), exactly as it would a real attempt.
     */
    impostor: z
      .strictObject({
        action: z.enum(['checkin', 'evaluation'], { error: req('应为checkin（事中登记）或evaluation（事后评价）') }),
        at: isoDateTime(),
      })
      .optional(),
  })
  .superRefine((f, ctx) => {
    if (!f.checkIn && !f.evaluation && !f.impostor)
      ctx.addIssue({ code: 'custom', path: ['checkIn'], message: '应至少有事中登记、事后评价或冒用尝试之一' });
    if (f.id !== `fb-${f.inspectionId}`)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `应为“fb-”加检查任务编号，即fb-${f.inspectionId}` });
    if (f.checkIn && f.evaluation && parseIsoDateTime(f.evaluation.at) < parseIsoDateTime(f.checkIn.at))
      ctx.addIssue({ code: 'custom', path: ['evaluation', 'at'], message: '评价时间不能早于登记时间' });
  });
export type SampleFeedback = z.infer<typeof SampleFeedbackSchema>;
export type SampleFeedbackProblem = EvaluationProblem;

export const sampleFeedbackFieldLabels: FieldLabels<SampleFeedback> = {
  id: '记录编号',
  inspectionId: '检查任务编号',
  subjectId: '企业身份编号',
  checkIn: '事中登记',
  'checkIn.clientId': '登记客户端编号',
  'checkIn.at': '登记时间',
  'checkIn.credentialsShown': '是否出示执法证件',
  evaluation: '事后评价',
  'evaluation.clientId': '评价客户端编号',
  'evaluation.at': '评价时间',
  'evaluation.ratings': '评分',
  ...Object.fromEntries(RATING_DIMENSIONS.map((d) => [`evaluation.ratings.${d}`, ratingLabels[d]])),
  'evaluation.problems': '反映问题',
  'evaluation.comment': '意见',
  impostor: '冒用企业名义的尝试',
  'impostor.action': '尝试的操作',
  'impostor.at': '尝试时间',
};
