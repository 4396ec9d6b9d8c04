/**
 * Identifiers for the sample: unified social credit codes (valid check
 * characters, unique by construction), resident ID numbers with a region part
 * that does not exist, fictional phone numbers, decision and certificate numbers.
 */
import {
  CREDIT_CODE_CHARSET,
  makeCreditCode,
  computeCreditCodeCheckChar,
} from '@sunlight/domain/validators/credit-code';
import { makeIdNumber } from '@sunlight/domain/validators/id-number';
import { pad, type Random } from './random.ts';
import { AREA_CODE, DIVISION_CODE, PHONE_EXCHANGE } from './vocabulary/jurisdiction.ts';

const BASE = CREDIT_CODE_CHARSET.length; // 31
const SPACE = BASE ** 9; // 31^9 ≈ 2.6e13, exact in a double
/** Multiplier coprime to 31, so k → (k·M + C) mod 31^9 is a bijection: distinct k give distinct codes. */
const MULT = 7_368_787_201;
const OFFSET = 1_234_567_890_123;

function base31(n: number, width: number): string {
  let s = '';
  let v = n;
  for (let i = 0; i < width; i++) {
    s = (CREDIT_CODE_CHARSET[v % BASE] as string) + s;
    v = Math.floor(v / BASE);
  }
  return s;
}

/** (a·b) mod m without losing precision (a, b < m ≤ 2^53). */
function mulMod(a: number, b: number, m: number): number {
  return Number((BigInt(a) * BigInt(b)) % BigInt(m));
}

/**
 * The k-th organisation code (positions 9–17). Distinct k give distinct codes; `salt` separates namespaces
 * (agencies vs enterprises).
 */
export function orgCode(k: number, salt: number): string {
  const v = (mulMod(k + salt * 1_000_003, MULT, SPACE) + OFFSET) % SPACE;
  return base31(v, 9);
}

/**
 * A valid 18-character unified social credit code: registration authority + entity type (e.g. "91" enterprise,
 * "92" 个体工商户, "93" 农民专业合作社, "11" 机关), the fictional division code, the k-th organisation code.
 */
export function creditCodeFor(kind: '11' | '12' | '52' | '91' | '92' | '93', k: number, salt = 0): string {
  return makeCreditCode(`${kind}${DIVISION_CODE}${orgCode(k, salt)}`);
}

/**
 * A valid credit code made of digits only, its organisation code starting with 0 (many codes converted from
 * older 组织机构代码 look like this): the kind that spreadsheets turn into 9.19901E+17 unless exported as
 * text. Distinct k (< 10^7) give distinct codes; the 8th organisation digit is tried until the GB 32100
 * check character is a digit too.
 */
export function digitCreditCodeFor(kind: '11' | '12' | '52' | '91' | '92' | '93', k: number): string {
  for (let tries = 0; tries < 100; tries++) {
    const body = `${kind}${DIVISION_CODE}0${pad(k % 10_000_000, 7)}`;
    for (let d = 0; d <= 9; d++) {
      const code = makeCreditCode(`${body}${(d + tries) % 10}`);
      if (/^\d{18}$/.test(code)) return code;
    }
  }
  throw new Error(`no all-digit credit code for ${kind}/${k}`);
}

/** Positions 9–17 of a credit code as a legacy 组织机构代码 (XXXXXXXX-X). */
export const orgCodeOf = (creditCode: string) => `${creditCode.slice(8, 16)}-${creditCode.slice(16, 17)}`;

/** A fictional 15-digit 工商注册号 with a leading zero, derived from the credit code. */
export const regNoOf = (creditCode: string) => `0${creditCode.slice(2, 16)}`;

/** The same code with a wrong check character: a "legacy" code that fails GB 32100 (kept and flagged). */
export function corruptCheckChar(code: string): string {
  const expected = computeCreditCodeCheckChar(code.slice(0, 17));
  const i = CREDIT_CODE_CHARSET.indexOf(expected);
  return code.slice(0, 17) + (CREDIT_CODE_CHARSET[(i + 7) % BASE] as string);
}

/** Real province codes used as the first two digits; the rest of the region code (xx99xx) is not assigned anywhere. */
const PROVINCES = ['12', '13', '14', '21', '37', '41'];

/**
 * A resident ID number with a valid MOD 11-2 check character and real-looking birth date, but a region code whose
 * prefecture part "99" does not exist: it describes no real person.
 */
export function fictionalIdNumber(rng: Random, birthFrom = 1955, birthTo = 2002): string {
  const region = `${rng.pick(PROVINCES)}99${pad(rng.int(1, 30), 2)}`;
  const year = rng.int(birthFrom, birthTo);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const seq = pad(rng.int(1, 999), 3);
  return makeIdNumber(`${region}${year}${pad(month, 2)}${pad(day, 2)}${seq}`);
}

/** Landline in the fictional area with the fictional 5550 exchange: 0990-5550xxxx. */
export function fictionalLandline(rng: Random): string {
  return `${AREA_CODE}-${PHONE_EXCHANGE}${pad(rng.int(0, 9999), 4)}`;
}

/** Decision number: 滨江市监罚〔2024〕0123号 (简易程序: 滨江市监罚简〔2024〕0123号). */
export function decisionNumber(docAbbr: string, year: number, serial: number, simplified: boolean): string {
  return `${docAbbr}罚${simplified ? '简' : ''}〔${year}〕${pad(serial, 4)}号`;
}

/** Officer's enforcement certificate number: ZF + division code + 2-digit agency sequence + 6-digit serial. */
export function officerCertificateNo(agencyIndex: number, serial: number): string {
  return `ZF${DIVISION_CODE}${pad(agencyIndex + 1, 2)}${pad(serial, 6)}`;
}
