import { describe, expect, it } from 'vitest';
import { checkCreditCode } from '@sunlight/domain/validators/credit-code';
import { checkIdNumber } from '@sunlight/domain/validators/id-number';
import { checkPhone } from '@sunlight/domain/validators/phone';
import { checkDecisionNumber } from '@sunlight/domain/validators/decision-number';
import { corruptCheckChar, creditCodeFor, decisionNumber, fictionalIdNumber, fictionalLandline } from './ids.ts';
import { Random } from './random.ts';
import { generateDisclosures } from './stream.ts';
import { chineseNumber } from './vocabulary/numerals.ts';
import { toChineseNumeral } from '@sunlight/domain/numerals';

describe('Random', () => {
  it('gives the same sequence for the same seed and a different one otherwise', () => {
    const seq = (seed: string) => {
      const r = new Random(seed);
      return Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    };
    expect(seq('a')).toEqual(seq('a'));
    expect(seq('a')).not.toEqual(seq('b'));
  });

  it('helpers stay in range', () => {
    const r = new Random('range');
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    const d = r.dateBetween(new Date('2024-01-01'), new Date('2024-01-03'));
    expect(['2024-01-01', '2024-01-02', '2024-01-03']).toContain(d.toISOString().slice(0, 10));
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
    expect(
      r.weighted([
        ['x', 1],
        ['y', 0],
      ]),
    ).toBe('x');
  });
});

describe('identifiers', () => {
  it('credit codes are valid and distinct; corrupted ones fail only the checksum', () => {
    const codes = new Set<string>();
    for (let k = 0; k < 5000; k++) {
      const c = creditCodeFor('91', k, 2);
      expect(checkCreditCode(c).ok).toBe(true);
      codes.add(c);
    }
    expect(codes.size).toBe(5000);
    const bad = checkCreditCode(corruptCheckChar(creditCodeFor('92', 1, 2)));
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.reason).toBe('checksum');
  });

  it('ID numbers are valid but use a prefecture code (99) that does not exist', () => {
    const r = new Random('ids');
    for (let i = 0; i < 200; i++) {
      const id = fictionalIdNumber(r);
      expect(checkIdNumber(id, '2026-11-01').ok).toBe(true);
      expect(id.slice(2, 4)).toBe('99');
    }
  });

  it('phones and decision numbers pass the domain validators', () => {
    expect(checkPhone(fictionalLandline(new Random('p'))).ok).toBe(true);
    expect(checkDecisionNumber(decisionNumber('滨江市监', 2024, 123, false)).ok).toBe(true);
    expect(checkDecisionNumber(decisionNumber('滨江市监', 2024, 12, true)).ok).toBe(true);
  });

  it('Chinese numerals agree with the domain package', () => {
    for (let n = 1; n < 2000; n++) expect(chineseNumber(n)).toBe(toChineseNumeral(n));
  });
});

describe('generateDisclosures', () => {
  it('record i does not depend on how many records follow (prefix-stable)', () => {
    const take = (count: number, n: number) => {
      const out: string[] = [];
      for (const g of generateDisclosures({ count, seed: 'prefix' })) {
        out.push(g.disclosure.partyName + g.disclosure.violationType);
        if (out.length === n) break;
      }
      return out;
    };
    expect(take(50, 50).length).toBe(50);
    // party and violation of each record are fixed by (seed, i); dates scale with count
    expect(take(50, 20)).toEqual(take(5000, 20));
  });
});
