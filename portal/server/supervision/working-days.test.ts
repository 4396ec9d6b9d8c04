import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from './working-days';

describe('addWorkingDays', () => {
  // 2026-12-04 is a Friday (any Friday would do: the test names its dates, not today's weekday).
  it('skips Saturdays and Sundays', () => {
    expect(isWorkingDay('2026-12-05')).toBe(false);
    expect(isWorkingDay('2026-12-06')).toBe(false);
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-04', 5)).toBe('2026-12-11');
    expect(addWorkingDays('2026-12-07', 10)).toBe('2026-12-21');
    expect(addWorkingDays('2026-12-07', 0)).toBe('2026-12-07');
  });

  it('skips configured holidays and counts 调休 weekend workdays', () => {
    const cal = { holidays: ['2026-12-08', '2026-12-09'], workdays: ['2026-12-12'] };
    expect(isWorkingDay('2026-12-08', cal)).toBe(false);
    expect(isWorkingDay('2026-12-12', cal)).toBe(true);
    // Mon 7 → (8, 9 holidays) 10, 11, Sat 12 (workday), 14
    expect(addWorkingDays('2026-12-07', 4, cal)).toBe('2026-12-14');
  });
});
