import type { z } from 'zod';
import { chinaIso } from '@sunlight/domain/china-time';
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
import { ReportInputSchema, type ReportInput, type ReportKind } from '@sunlight/domain/schemas/report';

/**
 * The forms a business fills in (反映问题 too, which anyone may send), validated with the same zod schemas the API uses. Who the business is
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

export interface ReportForm {
  kind: ReportKind | undefined;
  agencyId: string | undefined;
  /** China date and time, YYYY-MM-DD and HH:mm. */
  date: string;
  time: string;
  place: string;
  description: string;
  officer: string;
  contact: string;
}

export const emptyReportForm = (now: number = Date.now()): ReportForm => {
  const wall = chinaIso(now);
  return {
    kind: undefined,
    agencyId: undefined,
    date: wall.slice(0, 10),
    time: wall.slice(11, 16),
    place: '',
    description: '',
    officer: '',
    contact: '',
  };
};

/** 反映问题: the same schema the API parses; the time is China time as people give it. */
export function buildReport(form: ReportForm, clientId: string, certificateNo?: string): Built<ReportInput> {
  const errors: FieldErrors = {};
  if (!form.kind) errors.kind = '请选择遇到了什么问题';
  if (!form.agencyId) errors.agencyId = '请选择哪个单位来检查；不清楚就选“不清楚”';
  if (Object.keys(errors).length) return { ok: false, errors };
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  const parsed = ReportInputSchema.safeParse({
    clientId,
    kind: form.kind,
    agencyId: form.agencyId,
    occurredAt: `${form.date}T${form.time}:00+08:00`,
    place: form.place.trim(),
    description: form.description.trim(),
    officer: optional(form.officer),
    certificateNo: certificateNo || undefined,
    contact: optional(form.contact),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const out = issuesToErrors(parsed.error);
  if (out.occurredAt) out.date = out.occurredAt;
  return { ok: false, errors: out };
}

/** The first error, for a summary line at the submit button. */
export function firstError(errors: FieldErrors): string | undefined {
  return Object.values(errors).find(Boolean);
}
