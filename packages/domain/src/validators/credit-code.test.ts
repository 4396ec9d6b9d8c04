import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkCreditCodeFormat,
  computeCreditCodeCheckChar,
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_WEIGHTS,
  lintCreditCode,
  makeCreditCode,
  normaliseCreditCode,
} from './credit-code';

/** Worked example printed in GB 32100-2015. */
const STANDARD_EXAMPLE = '91350100M000100Y43';

describe('credit code weights', () => {
  it('are 3^(i-1) mod 31', () => {
    CREDIT_CODE_WEIGHTS.forEach((w, i) => expect(w).toBe(3 ** i % 31));
  });
});

describe('computeCreditCodeCheckChar', () => {
  it('reproduces the standard example', () => {
    expect(computeCreditCodeCheckChar(STANDARD_EXAMPLE.slice(0, 17))).toBe('3');
    expect(checkCreditCode(STANDARD_EXAMPLE)).toEqual({ ok: true });
  });
  it('maps 31 to 0 (sum divisible by 31)', () => {
    expect(computeCreditCodeCheckChar('00000000000000000')).toBe('0');
    expect(makeCreditCode('00000000000000000')).toBe('000000000000000000');
  });
  it('can yield a letter check character', () => {
    expect(computeCreditCodeCheckChar('91990100MA01ABCD2')).toMatch(/^[0-9A-Y]$/);
    const withLetter = ['91990100MA0000001', '12990100MB0000002', '92990100MA0000004']
      .map(makeCreditCode)
      .filter((c) => /[A-Z]$/.test(c));
    expect(withLetter.length).toBeGreaterThan(0);
    withLetter.forEach((c) => expect(checkCreditCode(c).ok).toBe(true));
  });
  it('rejects a body with forbidden letters', () => {
    expect(() => computeCreditCodeCheckChar('9199010OMA0000001')).toThrow(/O/);
    expect(() => computeCreditCodeCheckChar('123')).toThrow(/17位/);
  });
});

describe('checkCreditCode', () => {
  const valid = makeCreditCode('91990100MA01ABCD2');

  it('rejects every single-character substitution', () => {
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of CREDIT_CODE_CHARSET) {
        if (ch === valid[pos]) continue;
        const corrupted = valid.slice(0, pos) + ch + valid.slice(pos + 1);
        const r = checkCreditCode(corrupted);
        expect(r.ok, corrupted).toBe(false);
        if (!r.ok) expect(r.reason).toBe('checksum');
      }
    }
  });

  it('rejects adjacent transpositions of different characters', () => {
    for (let pos = 0; pos < 17; pos++) {
      if (valid[pos] === valid[pos + 1]) continue;
      const swapped = valid.slice(0, pos) + valid[pos + 1] + valid[pos] + valid.slice(pos + 2);
      expect(checkCreditCode(swapped).ok, swapped).toBe(false);
    }
  });

  it('reports the expected check character in Chinese', () => {
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const r = checkCreditCode(wrong);
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    if (!r.ok) {
      expect(r.message).toContain('应为18位');
      expect(r.message).toContain(`第18位应为${valid[17]}`);
    }
  });

  it('rejects wrong length', () => {
    expect(checkCreditCode(valid.slice(0, 17))).toMatchObject({ ok: false, reason: 'length' });
    expect(checkCreditCode(valid + '0')).toMatchObject({ ok: false, reason: 'length' });
    expect(checkCreditCode('')).toMatchObject({ ok: false, reason: 'length' });
    const r = checkCreditCode('123');
    if (!r.ok) expect(r.message).toContain('当前为3位');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s', (letter) => {
    const r = checkCreditCode(`91990100M${letter}01ABCD2X`);
    expect(r).toMatchObject({ ok: false, reason: 'charset' });
    if (!r.ok) expect(r.message).toContain(`第10位“${letter}”`);
  });

  it('rejects lowercase and explains why; normaliseCreditCode fixes it', () => {
    const r = checkCreditCode(valid.toLowerCase());
    expect(r).toMatchObject({ ok: false, reason: 'charset' });
    if (!r.ok) expect(r.message).toContain('大写');
    expect(checkCreditCode(normaliseCreditCode(` ${valid.toLowerCase().slice(0, 9)} ${valid.slice(9)} `)).ok).toBe(
      true,
    );
  });
});

describe('legacy codes', () => {
  const legacy = (() => {
    const good = makeCreditCode('91990100MA01ABCD2');
    return good.slice(0, 17) + (good[17] === 'Y' ? 'X' : 'Y');
  })();

  it('pass the format check but not the full check', () => {
    expect(checkCreditCodeFormat(legacy).ok).toBe(true);
    expect(checkCreditCode(legacy).ok).toBe(false);
  });
  it('are linted as checksum_mismatch warnings, with the expected character', () => {
    const w = lintCreditCode(legacy);
    expect(w).toMatchObject({
      flag: 'checksum_mismatch',
      expectedCheckChar: computeCreditCodeCheckChar(legacy.slice(0, 17)),
    });
    expect(w?.message).toContain('历史代码');
  });
  it('valid codes and malformed codes give no warning', () => {
    expect(lintCreditCode(makeCreditCode('91990100MA01ABCD2'))).toBeNull();
    expect(lintCreditCode('short')).toBeNull();
  });
});
