import { describe, expect, it } from 'vitest';
import { computeLuhnCheckDigit } from './bank-card';
import { makeIdNumber } from './id-number';
import { findSensitive } from './sensitive';

describe('findSensitive', () => {
  it('finds every kind in one text, ordered by position', () => {
    const id = makeIdNumber('44030619900307123');
    const card = '622202123456789012' + computeLuhnCheckDigit('622202123456789012');
    const text = `当事人陈某，身份证号${id}，手机13912345678，银行账户${card}。`;
    const kinds = findSensitive(text, '2025-06-01').map((m) => m.kind);
    expect(kinds).toEqual(['id_number', 'phone', 'bank_card']);
  });
  it('finds nothing in ordinary decision text', () => {
    expect(
      findSensitive('当事人于2024年3月12日销售过期食品，货值金额2400元，依据《食品安全法》第一百二十四条。'),
    ).toEqual([]);
  });
});
