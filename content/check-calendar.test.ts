import { describe, expect, it } from 'vitest';
import { chinaInstant } from '@sunlight/domain/china-time';
import { checkCalendarCoverage } from './check';
import { Collector } from './check/problems';

describe('content check: working-day calendar coverage', () => {
  const run = (day: string, calendar?: Parameters<typeof checkCalendarCoverage>[1]) => {
    const out = new Collector();
    checkCalendarCoverage(out, calendar, chinaInstant(day));
    return out.problems;
  };

  it('is quiet in a year the national calendar covers', () => {
    expect(run('2026-06-01')).toEqual([]);
  });

  it('warns (not fails) in a year nobody listed, naming the file, the field and the fix', () => {
    const [p, ...rest] = run('2031-01-05');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ file: 'calendar.json', field: 'holidays', severity: 'warning' });
    expect(p!.message).toContain('2031年');
    expect(p!.message).toContain('chinese-days');
  });

  it('is quiet once calendar.json lists that year', () => {
    const calendar = { holidays: [{ date: '2031-01-01', name: '元旦' }], workdays: [] };
    expect(run('2031-01-05', calendar)).toEqual([]);
  });
});
