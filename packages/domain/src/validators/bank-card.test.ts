import { describe, expect, it } from 'vitest';
import { checkBankCard, computeLuhnCheckDigit, findBankCards, luhnValid } from './bank-card';

const CARD16 = '4111111111111111';
const CARD19 = '622202123456789012' + computeLuhnCheckDigit('622202123456789012');

describe('luhn', () => {
  it('validates known numbers and rejects single-digit changes', () => {
    expect(luhnValid(CARD16)).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    for (let pos = 0; pos < CARD16.length; pos++) {
      const d = (Number(CARD16[pos]) + 1) % 10;
      expect(luhnValid(CARD16.slice(0, pos) + d + CARD16.slice(pos + 1))).toBe(false);
    }
  });
  it('catches adjacent transpositions (other than 09/90)', () => {
    expect(luhnValid('1411111111111111')).toBe(false);
    expect(luhnValid(CARD19.slice(0, 5) + CARD19[6] + CARD19[5] + CARD19.slice(7))).toBe(CARD19[5] === CARD19[6]);
  });
});

describe('checkBankCard', () => {
  it('accepts 16–19 digit Luhn-valid numbers, spaced or not', () => {
    expect(checkBankCard(CARD16)).toEqual({ ok: true, normalised: CARD16 });
    expect(checkBankCard('4111 1111 1111 1111').ok).toBe(true);
    expect(checkBankCard(CARD19).ok).toBe(true);
  });
  it('rejects wrong length, letters and bad check digits', () => {
    expect(checkBankCard('411111111111111')).toMatchObject({ ok: false, reason: 'length' });
    expect(checkBankCard('4111a11111111111')).toMatchObject({ ok: false, reason: 'charset' });
    const r = checkBankCard('4111111111111112');
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    if (!r.ok) expect(r.message).toContain('Luhn');
  });
});

describe('findBankCards', () => {
  it('finds contiguous and 4-grouped numbers', () => {
    const text = `收款账户${CARD19}，另一卡号4111 1111 1111 1111。`;
    expect(findBankCards(text).map((f) => f.value)).toEqual([CARD19, CARD16]);
  });
  it('ignores Luhn-invalid digit runs', () => {
    expect(findBankCards('流水号1234567890123456')).toEqual([]);
  });
});
