import { describe, expect, it } from 'vitest';
import { checkIdNumber, computeIdNumberCheckChar, findIdNumbers, makeIdNumber } from './id-number';

const TODAY = '2025-06-01';
/** Worked example from GB 11643. */
const EXAMPLE = '11010519491231002X';

describe('checkIdNumber', () => {
  it('accepts the standard example and returns the birth date', () => {
    expect(computeIdNumberCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber(EXAMPLE, TODAY)).toEqual({ ok: true, birthDate: '1949-12-31' });
  });
  it('tolerates lowercase x', () => {
    expect(checkIdNumber(EXAMPLE.toLowerCase(), TODAY).ok).toBe(true);
  });
  it('rejects every single-digit substitution in the body', () => {
    const valid = makeIdNumber('44030619900307123');
    for (let pos = 0; pos < 17; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[pos]) continue;
        const corrupted = valid.slice(0, pos) + d + valid.slice(pos + 1);
        expect(checkIdNumber(corrupted, TODAY).ok, corrupted).toBe(false);
      }
    }
  });
  it('rejects adjacent transpositions', () => {
    const valid = makeIdNumber('44030619900307123');
    for (let pos = 0; pos < 16; pos++) {
      if (valid[pos] === valid[pos + 1]) continue;
      const swapped = valid.slice(0, pos) + valid[pos + 1] + valid[pos] + valid.slice(pos + 2);
      expect(checkIdNumber(swapped, TODAY).ok, swapped).toBe(false);
    }
  });
  it('says what the check character should be', () => {
    const r = checkIdNumber('110105194912310021', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    if (!r.ok) expect(r.message).toContain('第18位应为X');
  });
  it('rejects wrong length, letters and bad dates', () => {
    expect(checkIdNumber('11010519491231002', TODAY)).toMatchObject({ reason: 'length' });
    expect(checkIdNumber('1101051949123100X2', TODAY)).toMatchObject({ reason: 'charset' });
    expect(checkIdNumber(makeIdNumber('11010519490230002'), TODAY)).toMatchObject({ reason: 'birthdate' });
    expect(checkIdNumber(makeIdNumber('11010518991231002'), TODAY)).toMatchObject({ reason: 'birthdate' });
    expect(checkIdNumber(makeIdNumber('11010520300101002'), TODAY)).toMatchObject({ reason: 'birthdate' });
    expect(checkIdNumber(makeIdNumber('99010519491231002'), TODAY)).toMatchObject({ reason: 'region' });
  });
  it('messages describe a valid number in Chinese', () => {
    const r = checkIdNumber('123', TODAY);
    if (!r.ok) expect(r.message).toMatch(/应为18位.*校验码/);
  });
});

describe('findIdNumbers', () => {
  const a = makeIdNumber('32010219851106201');
  const b = EXAMPLE;

  it('finds valid numbers embedded in text with their offsets', () => {
    const text = `当事人张某（身份证号：${a}）与李某，证件号${b.toLowerCase()}，到场。`;
    const found = findIdNumbers(text, TODAY);
    expect(found.map((f) => f.value)).toEqual([a, b]);
    for (const f of found) expect(text.slice(f.start, f.end).toUpperCase()).toBe(f.value);
  });
  it('ignores 18-digit strings that fail the check', () => {
    const bad = a.slice(0, 17) + ((Number(a[17]) + 1) % 10);
    expect(findIdNumbers(`编号${bad}号`, TODAY)).toEqual([]);
    expect(findIdNumbers('订单号123456789012345678', TODAY)).toEqual([]);
  });
  it('does not match inside a longer run of digits', () => {
    expect(findIdNumbers(`9${a}`, TODAY)).toEqual([]);
    expect(findIdNumbers(`${a}7`, TODAY)).toEqual([]);
  });
  it('finds numbers written 6-8-4 with spaces and in full-width digits', () => {
    const spaced = `${a.slice(0, 6)} ${a.slice(6, 14)} ${a.slice(14)}`;
    expect(findIdNumbers(`身份证 ${spaced} 。`, TODAY).map((f) => f.value)).toEqual([a]);
    const fullWidth = a.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const found = findIdNumbers(`号码${fullWidth}`, TODAY);
    expect(found).toEqual([{ start: 2, end: 20, value: a }]);
  });
});
