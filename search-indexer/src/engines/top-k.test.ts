import { describe, expect, it } from 'vitest';
import { topK } from './embedded';

describe('topK (ranking one page of a broad query)', () => {
  const byValue = (values: number[]) => (a: number, b: number) => values[a]! - values[b]! || a - b;

  it('returns the same first k as a full sort, best first, ties broken the same way', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 5000 }, () => Math.floor(rand() * 50));
    const items = values.map((_, i) => i);
    const cmp = byValue(values);
    const full = [...items].sort((a, b) => cmp(b, a));
    for (const k of [1, 20, 137, 4999, 5000, 6000]) expect(topK(items, k, cmp)).toEqual(full.slice(0, k));
  });

  it('returns nothing for k = 0 and everything for a short list', () => {
    expect(topK([3, 1, 2], 0, (a, b) => a - b)).toEqual([]);
    expect(topK([3, 1, 2], 10, (a, b) => a - b)).toEqual([3, 2, 1]);
  });
});
