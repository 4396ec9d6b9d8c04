import { describe, expect, it } from 'vitest';
import { axis } from './chart-axis';
import { bucketState, makePeriod } from './period';

describe('chart axis', () => {
  it('gives counts whole-number gridlines, the top one at or above the largest value', () => {
    for (const top of [0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 17, 23, 48, 99, 101, 250, 999, 1234, 56_789]) {
      const { ticks, hi } = axis([0, top]);
      expect(ticks[0]).toBe(0);
      expect(hi).toBeGreaterThanOrEqual(top);
      expect(ticks.at(-1)).toBe(hi);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (const t of ticks) expect(Number.isInteger(t), `${top}: ${ticks.join(',')}`).toBe(true);
      const steps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]!));
      expect(steps.size).toBe(1);
    }
  });

  it('a small count is drawn on steps of one: a 2 sits on the gridline labelled 2', () => {
    expect(axis([2, 1, 0]).ticks).toEqual([0, 1, 2]);
    expect(axis([5]).ticks).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('keeps a fixed rating range', () => {
    expect(axis([3.2], { min: 1, max: 5 }).ticks).toEqual([1, 2, 3, 4, 5]);
    expect(axis([3.2], { min: 1, max: 5, decimals: 1 }).ticks).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('partial trend buckets', () => {
  const p = makePeriod('2025-03-15', '2025-06-30');
  it('marks a month cut by the period, the month not over yet, and months not begun', () => {
    expect(bucketState('2025-03', p, '2025-12-01')).toBe('partial');
    expect(bucketState('2025-04', p, '2025-12-01')).toBe('whole');
    expect(bucketState('2025-06', p, '2025-06-20')).toBe('partial');
    expect(bucketState('2025-06', p, '2025-06-30')).toBe('partial');
    expect(bucketState('2025-06', p, '2025-07-01')).toBe('whole');
    expect(bucketState('2025-07', makePeriod('2025-01-01', '2025-12-31'), '2025-06-30')).toBe('future');
    expect(bucketState('2024-12', makePeriod('2024-12-01', '2024-12-31'), '2025-01-01')).toBe('whole');
  });
  it('a day is partial only while it lasts', () => {
    const d = makePeriod('2025-06-01', '2025-06-10');
    expect(bucketState('2025-06-05', d, '2025-06-05')).toBe('partial');
    expect(bucketState('2025-06-04', d, '2025-06-05')).toBe('whole');
    expect(bucketState('2025-06-06', d, '2025-06-05')).toBe('future');
  });
});
