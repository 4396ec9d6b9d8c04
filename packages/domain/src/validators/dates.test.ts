import { describe, expect, it } from 'vitest';
import { addMonths, isRealIsoDate, parseIsoDateTime, todayInChina } from './dates';

describe('dates', () => {
  it('isRealIsoDate accepts real days only', () => {
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('2025-02-29')).toBe(false);
    expect(isRealIsoDate('2025-04-31')).toBe(false);
    expect(isRealIsoDate('2025-13-01')).toBe(false);
    expect(isRealIsoDate('2025-1-01')).toBe(false);
    expect(isRealIsoDate('2025/01/01')).toBe(false);
  });
  it('addMonths clamps to month end and crosses years', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2024-02-29', 36)).toBe('2027-02-28');
  });
  it('todayInChina uses UTC+8', () => {
    expect(todayInChina(Date.UTC(2025, 0, 1, 15, 59))).toBe('2025-01-01');
    expect(todayInChina(Date.UTC(2025, 0, 1, 16, 0))).toBe('2025-01-02');
  });
});

describe('parseIsoDateTime', () => {
  it('needs an explicit offset', () => {
    expect(parseIsoDateTime('2025-03-18T09:00:00+08:00')).toBe(Date.UTC(2025, 2, 18, 1));
    expect(parseIsoDateTime('2025-03-18T01:00:00Z')).toBe(Date.UTC(2025, 2, 18, 1));
    expect(parseIsoDateTime('2025-03-18 09:00')).toBeNaN();
    expect(parseIsoDateTime('2025-03-18T09:00:00')).toBeNaN();
  });
});
