import type { z } from 'zod';
import { fieldErrors, WHOLE_RECORD } from '@sunlight/domain/errors';
import {
  CheckInContentSchema,
  EVALUATION_PROBLEMS,
  EvaluationContentSchema,
  MAX_COMMENT_LENGTH,
  RATING_DIMENSIONS,
  ratingLabels,
  type CheckInContent,
  type EvaluationContent,
  type EvaluationProblem,
  type RatingDimension,
} from '@sunlight/domain/schemas/evaluation';

/**
 * The two forms a business fills in, validated with the same zod schemas the API uses. Who the business is
 * comes from this device's bound business identity (lib/business-identity.ts), not from the form.
 */
export type FieldErrors = Partial<Record<string, string>>;

/** What the forms need besides their fields: the submission's id, the scanned token, the bound identity. */
export interface BuildContext {
  clientId: string;
  token: string | undefined;
  /** This device holds a business identity (bound with an enrolment code). */
  bound: boolean;
}

const NOT_BOUND = '请先绑定企业身份：输入区司法局（或政务服务中心）发给贵单位的登记码';
const NO_TOKEN = '没有检查证二维码中的签名：请先扫描检查人员出示的二维码';

/** The domain's field errors, the first message per field (ratings.x kept as its own key). */
function issuesToErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const e of fieldErrors(error)) out[e.field === WHOLE_RECORD ? 'form' : e.field] ??= e.message;
  return out;
}

export interface CheckInForm {
  credentialsShown: boolean | undefined;
}

export type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

export function buildCheckIn(form: CheckInForm, ctx: BuildContext): Built<CheckInContent> {
  const errors: FieldErrors = {};
  if (form.credentialsShown === undefined) errors.credentialsShown = '请选择：检查人员是否出示了执法证件';
  if (!ctx.token) errors.token = NO_TOKEN;
  if (!ctx.bound) errors.proof = NOT_BOUND;
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = CheckInContentSchema.safeParse({
    clientId: ctx.clientId,
    token: ctx.token,
    credentialsShown: form.credentialsShown,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error) };
}

export interface EvaluationForm {
  ratings: Partial<Record<RatingDimension, number>>;
  problems: EvaluationProblem[];
  comment: string;
}

export const emptyEvaluationForm = (): EvaluationForm => ({
  ratings: {},
  problems: [],
  comment: '',
});

export function toggleProblem(list: readonly EvaluationProblem[], p: EvaluationProblem): EvaluationProblem[] {
  return list.includes(p)
    ? list.filter((x) => x !== p)
    : EVALUATION_PROBLEMS.filter((x) => x === p || list.includes(x));
}

export function buildEvaluation(form: EvaluationForm, ctx: BuildContext): Built<EvaluationContent> {
  const errors: FieldErrors = {};
  for (const d of RATING_DIMENSIONS) {
    if (form.ratings[d] === undefined) errors[`ratings.${d}`] = `请为“${ratingLabels[d]}”打分（1–5分）`;
  }
  const comment = form.comment.trim();
  if (comment.length > MAX_COMMENT_LENGTH)
    errors.comment = `意见不超过${MAX_COMMENT_LENGTH}字，当前${comment.length}字`;
  if (!ctx.token) errors.token = NO_TOKEN;
  if (!ctx.bound) errors.proof = NOT_BOUND;
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = EvaluationContentSchema.safeParse({
    clientId: ctx.clientId,
    token: ctx.token,
    ratings: form.ratings,
    problems: form.problems,
    ...(comment ? { comment } : {}),
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error) };
}

/** The first error, for a summary line at the submit button. */
export function firstError(errors: FieldErrors): string | undefined {
  return Object.values(errors).find(Boolean);
}
