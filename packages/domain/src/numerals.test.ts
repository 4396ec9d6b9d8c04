import { describe, expect, it } from 'vitest';
import { articleLabel, toChineseNumeral } from './numerals';

describe('Chinese numerals', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [125, '一百二十五'],
    [1000, '一千'],
    [1010, '一千零一十'],
    [2001, '二千零一'],
  ])('%i → %s', (n, s) => expect(toChineseNumeral(n)).toBe(s));
  it('builds article labels', () => expect(articleLabel(48)).toBe('第四十八条'));
  it('rejects out-of-range numbers', () => expect(() => toChineseNumeral(0)).toThrow());
});
