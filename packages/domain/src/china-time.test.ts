import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDateTime,
  chinaInstant,
  chinaIso,
  chinaYear,
  chinaYearBounds,
  formatChinaDateTime,
  todayInChina,
} from './china-time';
import { sourcesMatching } from './testing/sources';

// 2026-12-31 16:30:45.900 UTC is 2027-01-01 00:30:45 in China.
const T = Date.UTC(2026, 11, 31, 16, 30, 45, 900);

describe('China time', () => {
  it('reads the China day and clock of an instant, not the UTC one', () => {
    expect(chinaDate(T)).toBe('2027-01-01');
    expect(todayInChina(T)).toBe('2027-01-01');
    expect(chinaYear(new Date(T))).toBe(2027);
    expect(chinaIso(T)).toBe('2027-01-01T00:30:45+08:00');
    expect(chinaDateTime(new Date(T).toISOString())).toBe('2027-01-01 00:30');
    expect(formatChinaDateTime(T)).toBe('2027年1月1日 00:30');
  });

  it('turns China days and clock times into instants', () => {
    expect(chinaInstant('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaInstant('2027-01-01', '09:30').toISOString()).toBe('2027-01-01T01:30:00.000Z');
    const [start, end] = chinaYearBounds(2027);
    expect(start.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(chinaIso(chinaInstant('2027-03-02', '09:00'))).toBe('2027-03-02T09:00:00+08:00');
  });
});

describe('one China-time module', () => {
  it('no other source file shifts an instant by eight hours itself', () => {
    const shift = /8\s*\*\s*(3_?600_?000|3600e3|36e5|60\s*\*\s*60)/;
    expect(sourcesMatching(shift, 'packages/domain/src/china-time.ts')).toEqual([]);
  });
});
