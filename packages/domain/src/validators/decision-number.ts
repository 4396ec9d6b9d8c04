import { toHalfWidth, type CheckResult } from './text';

export const DECISION_NUMBER_DESCRIPTION =
  '行政处罚决定书文号应为“机关简称+罚+〔年份〕+序号+号”，如“滨示市监罚〔2025〕123号”；简易程序可写作“滨示市监罚简〔2025〕12号”或“滨示市监简罚〔2025〕12号”，可含“字”“第”（如“罚字〔2025〕第12号”）';

export interface DecisionNumberParts {
  /** Agency abbreviation and kind, up to and including 罚 (e.g. 滨示市监罚). */
  prefix: string;
  year: number;
  serial: number;
  /** True for 简易程序 (summary) numbers: 罚简, 简罚 or 当罚. */
  simplified: boolean;
}

export type DecisionNumberResult = CheckResult<
  'empty' | 'format' | 'year',
  { normalised: string; parts: DecisionNumberParts }
>;

/** Opening and closing brackets used for the year in the wild; all become 〔〕. */
const OPEN = /[[【(（［﹝〖「]/g;
const CLOSE = /[\]】)）］﹞〗」]/g;

/** Trims, removes whitespace, maps full-width digits to ASCII and the year's brackets to 〔〕. */
export function normaliseDecisionNumber(value: string): string {
  return toHalfWidth(value).replace(/\s+/g, '').replace(OPEN, '〔').replace(CLOSE, '〕');
}

const PATTERN = /^([\u4e00-\u9fff]{1,20}罚)(简)?字?〔(\d{4})〕第?(\d{1,7})号$/;

/** Validates a decision number after normalisation; returns the normalised form and its parts. */
export function checkDecisionNumber(
  value: string,
  maxYear: number = new Date().getFullYear() + 1,
): DecisionNumberResult {
  const normalised = normaliseDecisionNumber(value);
  if (normalised === '') return { ok: false, reason: 'empty', message: `${DECISION_NUMBER_DESCRIPTION}；当前为空` };
  const m = PATTERN.exec(normalised);
  if (!m) {
    // Quote what was sent, but never all of it: a problem answer must not echo an arbitrarily long input.
    const shown = value.length > 60 ? `${value.slice(0, 60)}…（共${value.length}个字符）` : value;
    return { ok: false, reason: 'format', message: `${DECISION_NUMBER_DESCRIPTION}；当前为“${shown}”` };
  }
  const prefix = m[1] ?? '';
  const year = Number(m[3]);
  if (year < 1990 || year > maxYear) {
    return { ok: false, reason: 'year', message: `${DECISION_NUMBER_DESCRIPTION}；年份${year}不在1990–${maxYear}之间` };
  }
  const simplified = m[2] === '简' || /(简|当)罚$/.test(prefix);
  return { ok: true, normalised, parts: { prefix, year, serial: Number(m[4]), simplified } };
}

export function makeDecisionNumber(prefix: string, year: number, serial: number, simplified = false): string {
  return `${prefix}${simplified ? '简' : ''}〔${year}〕${serial}号`;
}
