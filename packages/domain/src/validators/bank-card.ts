import { isAsciiDigit, scan, toHalfWidth, type CheckResult, type TextMatch } from './text';

export const BANK_CARD_DESCRIPTION = '银行卡号应为16–19位数字（可每4位以空格分隔），且通过Luhn校验';

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Luhn check digit to append to `body`. */
export function computeLuhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new RangeError(`应为数字：${body}`);
}

export type BankCardResult = CheckResult<'length' | 'charset' | 'checksum', { normalised: string }>;

export function checkBankCard(value: string): BankCardResult {
  const v = toHalfWidth(value).replace(/[ -]/g, '');
  if (!/^\d+$/.test(v)) return { ok: false, reason: 'charset', message: `${BANK_CARD_DESCRIPTION}；含有非数字字符` };
  if (v.length < 16 || v.length > 19) {
    return { ok: false, reason: 'length', message: `${BANK_CARD_DESCRIPTION}；当前为${v.length}位` };
  }
  if (!luhnValid(v)) return { ok: false, reason: 'checksum', message: `${BANK_CARD_DESCRIPTION}；校验位不符` };
  return { ok: true, normalised: v };
}

/** Contiguous 16–19 digits, or groups of four separated by one space or hyphen. */
const CANDIDATE = /\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?/g;

/** Finds Luhn-valid card numbers inside free text (for redaction). */
export function findBankCards(text: string): TextMatch[] {
  const t = toHalfWidth(text);
  return scan(t, CANDIDATE, (m) => {
    const end = m.index + m[0].length;
    if (isAsciiDigit(t[m.index - 1]) || isAsciiDigit(t[end])) return null;
    const r = checkBankCard(m[0]);
    return r.ok ? r.normalised : null;
  });
}
