import type { CheckResult } from './text';

/** GB 32100-2015 character set: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^(i-1) mod 31 for positions 1–17. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const CREDIT_CODE_DESCRIPTION =
  '统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、S、V、Z），第18位为校验码';

export type CreditCodeProblem = 'length' | 'charset' | 'checksum';
export type CreditCodeResult = CheckResult<CreditCodeProblem>;

/** Removes spaces and hyphens and upper-cases; does not validate. */
export function normaliseCreditCode(value: string): string {
  return value.replace(/[\s\u3000-]/g, '').toUpperCase();
}

function charsetProblem(code: string): string | null {
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] ?? '';
    if (!CREDIT_CODE_CHARSET.includes(ch)) {
      const hint = /[a-z]/.test(ch)
        ? '（字母须大写）'
        : /[IOSVZ]/.test(ch)
          ? '（I、O、S、V、Z不用于统一社会信用代码）'
          : '';
      return `第${i + 1}位“${ch}”不是允许的字符${hint}`;
    }
  }
  return null;
}

/** Check character for the first 17 characters; throws if they are not 17 charset characters. */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`统一社会信用代码本体应为17位，当前为${first17.length}位`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`${CREDIT_CODE_DESCRIPTION}；${charsetProblem(first17) ?? ''}`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[check] ?? '0';
}

/** Appends the check character to a 17-character body (for generators and tests). */
export function makeCreditCode(first17: string): string {
  return first17 + computeCreditCodeCheckChar(first17);
}

/** Length and character set only — what legacy codes must still satisfy. */
export function checkCreditCodeFormat(code: string): CreditCodeResult {
  if (code.length !== 18) {
    return { ok: false, reason: 'length', message: `${CREDIT_CODE_DESCRIPTION}；当前为${code.length}位` };
  }
  const problem = charsetProblem(code);
  if (problem) return { ok: false, reason: 'charset', message: `${CREDIT_CODE_DESCRIPTION}；${problem}` };
  return { ok: true };
}

/** Full GB 32100-2015 check: length, character set and check character. */
export function checkCreditCode(code: string): CreditCodeResult {
  const format = checkCreditCodeFormat(code);
  if (!format.ok) return format;
  const expected = computeCreditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      reason: 'checksum',
      message: `${CREDIT_CODE_DESCRIPTION}；按校验规则第18位应为${expected}，当前为${code[17] ?? ''}`,
    };
  }
  return { ok: true };
}

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code).ok;
}

export interface CreditCodeWarning {
  flag: 'checksum_mismatch';
  expectedCheckChar: string;
  message: string;
}

/**
 * Warnings for a code whose format is valid but whose check character is wrong
 * (some real legacy codes): such codes are kept and flagged, never dropped.
 * Returns null for a fully valid code and for a code with a format error (that is an error, not a warning).
 */
export function lintCreditCode(code: string): CreditCodeWarning | null {
  const result = checkCreditCode(code);
  if (result.ok || result.reason !== 'checksum') return null;
  const expectedCheckChar = computeCreditCodeCheckChar(code.slice(0, 17));
  return {
    flag: 'checksum_mismatch',
    expectedCheckChar,
    message: `统一社会信用代码校验位不符（按规则第18位应为${expectedCheckChar}，当前为${code[17] ?? ''}），按历史代码保留并标记，请核实`,
  };
}

/** Entity type meaning of the first two characters (登记管理部门码 + 机构类别码), for display. */
export const CREDIT_CODE_ENTITY_TYPES: Readonly<Record<string, string>> = {
  '11': '机关',
  '12': '事业单位',
  '13': '中央编办直接管理机构编制的群众团体',
  '19': '其他（机构编制）',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他（民政）',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
};
