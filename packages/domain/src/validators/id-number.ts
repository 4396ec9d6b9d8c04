import { isRealDate, todayInChina } from './dates';
import { isAsciiDigit, scan, toHalfWidth, type CheckResult, type TextMatch } from './text';

/** GB 11643 / ISO 7064 MOD 11-2 weights for positions 1–17. */
export const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** First two digits of real province-level codes (plus 83, used on residence permits for HK/Macao/Taiwan residents). */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export const ID_NUMBER_DESCRIPTION =
  '居民身份证号码应为18位：前6位地址码、第7–14位出生日期（YYYYMMDD）、第15–17位顺序码，第18位为校验码（0–9或X）';

export type IdNumberProblem = 'length' | 'charset' | 'region' | 'birthdate' | 'checksum';
export type IdNumberResult = CheckResult<IdNumberProblem, { birthDate: string }>;

/** MOD 11-2 check character for 17 digits. */
export function computeIdNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`身份证号码本体应为17位数字，当前为“${first17}”`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_NUMBER_WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '0';
}

export function makeIdNumber(first17: string): string {
  return first17 + computeIdNumberCheckChar(first17);
}

/** Validates an 18-character resident ID number; a lowercase x is accepted as X. */
export function checkIdNumber(value: string, today: string = todayInChina()): IdNumberResult {
  const id = value.toUpperCase();
  if (id.length !== 18) return fail('length', `当前为${id.length}位`);
  if (!/^\d{17}[\dX]$/.test(id)) return fail('charset', '前17位须为数字，第18位为数字或X');
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return fail('region', `前两位“${id.slice(0, 2)}”不是有效的省级行政区划代码`);
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (year < 1900 || !isRealDate(year, month, day) || birthDate > today) {
    return fail('birthdate', `出生日期“${id.slice(6, 14)}”不是1900年以来的有效日期`);
  }
  const expected = computeIdNumberCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return fail('checksum', `按校验规则第18位应为${expected}，当前为${id[17] ?? ''}`);
  return { ok: true, birthDate };
}

function fail(reason: IdNumberProblem, detail: string): IdNumberResult {
  return { ok: false, reason, message: `${ID_NUMBER_DESCRIPTION}；${detail}` };
}

export function isValidIdNumber(value: string, today?: string): boolean {
  return checkIdNumber(value, today).ok;
}

/** 18 digits, optionally written 6-8-4 with single spaces or hyphens; full-width digits are matched too. */
const CANDIDATE = /\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]/g;

/**
 * Finds valid resident ID numbers inside free text (pattern, birth date and check character all valid),
 * so that random 18-digit strings are not reported. `value` is the normalised 18-character number.
 */
export function findIdNumbers(text: string, today: string = todayInChina()): TextMatch[] {
  const t = toHalfWidth(text);
  return scan(t, CANDIDATE, (m) => {
    const end = m.index + m[0].length;
    if (isAsciiDigit(t[m.index - 1]) || isAsciiDigit(t[end])) return null;
    const value = m[0].replace(/[ -]/g, '').toUpperCase();
    return checkIdNumber(value, today).ok ? value : null;
  });
}
