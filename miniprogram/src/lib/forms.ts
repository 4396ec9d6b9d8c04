import {
  CheckInSchema,
  EVALUATION_PROBLEMS,
  EvaluationSchema,
  MAX_COMMENT_LENGTH,
  RATING_DIMENSIONS,
  ratingLabels,
  type CheckIn,
  type Evaluation,
  type EvaluationProblem,
  type RatingDimension,
} from '@sunlight/domain/schemas/evaluation';
import { checkCreditCode, normaliseCreditCode } from '@sunlight/domain/validators/credit-code';

/**
 * The two forms a business fills in, validated with the same zod schemas the API uses, plus the
 * on-the-spot credit-code check (GB 32100-2015 check character).
 */
export type FieldErrors = Partial<Record<string, string>>;

export interface CreditCodeFeedback {
  normalised: string;
  /** `ok`: valid; `typing`: too short yet, say nothing loud; `checksum`: format fine, check character wrong; `error`: wrong. */
  state: 'empty' | 'typing' | 'ok' | 'checksum' | 'error';
  message?: string;
}

export function creditCodeFeedback(raw: string): CreditCodeFeedback {
  const normalised = normaliseCreditCode(raw ?? '');
  if (!normalised) return { normalised, state: 'empty' };
  const r = checkCreditCode(normalised);
  if (r.ok) return { normalised, state: 'ok', message: '统一社会信用代码校验通过' };
  if (r.reason === 'length' && normalised.length < 18 && !/[^0-9A-HJ-NP-RT-UW-Y]/.test(normalised)) {
    return { normalised, state: 'typing', message: `已输入 ${normalised.length}/18 位` };
  }
  if (r.reason === 'checksum') {
    return {
      normalised,
      state: 'checksum',
      message: `${r.message}。请核对营业执照；少数早期代码校验位不符，确认无误可勾选“按营业执照原样提交”。`,
    };
  }
  return { normalised, state: 'error', message: r.message };
}

function creditCodeError(raw: string, acceptLegacy: boolean): string | undefined {
  const f = creditCodeFeedback(raw);
  if (f.state === 'empty') return '请输入贵单位的统一社会信用代码（营业执照上的18位代码）';
  if (f.state === 'typing' || f.state === 'error')
    return f.state === 'typing' ? `统一社会信用代码应为18位，${f.message}` : f.message;
  if (f.state === 'checksum' && !acceptLegacy) return f.message;
  return undefined;
}

/** zod issues → one message per top-level field key (ratings.x kept as its own key). */
function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.') || 'form';
    out[key] ??= i.message;
  }
  return out;
}

export interface CheckInForm {
  creditCode: string;
  acceptLegacyCode?: boolean;
  credentialsShown: boolean | undefined;
}

export type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

export function buildCheckIn(form: CheckInForm, ctx: { clientId: string; token: string | undefined }): Built<CheckIn> {
  const errors: FieldErrors = {};
  const cc = creditCodeError(form.creditCode, !!form.acceptLegacyCode);
  if (cc) errors.creditCode = cc;
  if (form.credentialsShown === undefined) errors.credentialsShown = '请选择：检查人员是否出示了执法证件';
  if (!ctx.token) errors.token = '没有检查证二维码中的签名：请先扫描检查人员出示的二维码';
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = CheckInSchema.safeParse({
    clientId: ctx.clientId,
    creditCode: normaliseCreditCode(form.creditCode),
    token: ctx.token,
    credentialsShown: form.credentialsShown,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error.issues) };
}

export interface EvaluationForm {
  creditCode: string;
  acceptLegacyCode?: boolean;
  ratings: Partial<Record<RatingDimension, number>>;
  problems: EvaluationProblem[];
  comment: string;
}

export const emptyEvaluationForm = (creditCode = ''): EvaluationForm => ({
  creditCode,
  ratings: {},
  problems: [],
  comment: '',
});

export function toggleProblem(list: readonly EvaluationProblem[], p: EvaluationProblem): EvaluationProblem[] {
  return list.includes(p)
    ? list.filter((x) => x !== p)
    : EVALUATION_PROBLEMS.filter((x) => x === p || list.includes(x));
}

export function buildEvaluation(
  form: EvaluationForm,
  ctx: { clientId: string; token: string | undefined },
): Built<Evaluation> {
  const errors: FieldErrors = {};
  const cc = creditCodeError(form.creditCode, !!form.acceptLegacyCode);
  if (cc) errors.creditCode = cc;
  for (const d of RATING_DIMENSIONS) {
    if (form.ratings[d] === undefined) errors[`ratings.${d}`] = `请为“${ratingLabels[d]}”打分（1–5分）`;
  }
  const comment = form.comment.trim();
  if (comment.length > MAX_COMMENT_LENGTH)
    errors.comment = `意见不超过${MAX_COMMENT_LENGTH}字，当前${comment.length}字`;
  if (!ctx.token) errors.token = '没有检查证二维码中的签名：请先扫描检查人员出示的二维码';
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = EvaluationSchema.safeParse({
    clientId: ctx.clientId,
    creditCode: normaliseCreditCode(form.creditCode),
    token: ctx.token,
    ratings: form.ratings,
    problems: form.problems,
    ...(comment ? { comment } : {}),
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error.issues) };
}

/** The first error, for a summary line at the submit button. */
export function firstError(errors: FieldErrors): string | undefined {
  return Object.values(errors).find(Boolean);
}
