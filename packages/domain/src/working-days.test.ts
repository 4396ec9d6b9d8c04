import { describe, expect, it } from 'vitest';
import { chinaInstant } from './china-time';
import { CalendarSchema } from './schemas/calendar';
import { addWorkingDays, calendarDay, createWorkingCalendar, isWorkingDay, workingDaysBetween } from './working-days';

const national = createWorkingCalendar();

describe('working-day calendar, 2026 (国务院办公厅关于2026年部分节假日安排的通知)', () => {
  // Each line of the notice: the days off and the weekend days worked instead.
  const notice: [string, string[], string[]][] = [
    ['元旦', ['2026-01-01', '2026-01-02', '2026-01-03'], ['2026-01-04']],
    [
      '春节',
      [
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
      ],
      ['2026-02-14', '2026-02-28'],
    ],
    ['清明', ['2026-04-04', '2026-04-05', '2026-04-06'], []],
    ['劳动节', ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'], ['2026-05-09']],
    ['端午', ['2026-06-19', '2026-06-20', '2026-06-21'], []],
    ['中秋', ['2026-09-25', '2026-09-26', '2026-09-27'], []],
    [
      '国庆节',
      ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      ['2026-09-20', '2026-10-10'],
    ],
  ];
  it.each(notice)(
    '%s: every day off is a holiday named after it, every 调休 day is a working day',
    (name, off, worked) => {
      for (const d of off) expect(national.day(d)).toMatchObject({ kind: 'holiday', working: false, label: name });
      for (const d of worked) expect(national.day(d)).toMatchObject({ kind: 'adjusted-workday', working: true });
    },
  );

  it('an ordinary weekend is off and named by its weekday; an ordinary weekday works', () => {
    expect(calendarDay('2026-03-07', national)).toMatchObject({ kind: 'weekend', working: false, label: '周六' });
    expect(calendarDay('2026-03-08', national)).toMatchObject({ label: '周日', working: false });
    expect(isWorkingDay('2026-03-09', national)).toBe(true);
  });

  it('an instant is read as its China day, whatever the UTC date', () => {
    // 2026-10-01 00:30 in China is still 2026-09-30 in UTC (a working Wednesday there).
    expect(calendarDay(chinaInstant('2026-10-01', '00:30'), national).label).toBe('国庆节');
    // 2026-09-30 23:30 in China is 2026-09-30 in UTC too, and a working day.
    expect(isWorkingDay(chinaInstant('2026-09-30', '23:30'), national)).toBe(true);
  });

  it('the year counts 248 working days (365 − 104 weekend days − 13 statutory days since 2025)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31', national)).toBe(248);
  });

  it('7 working days to publish skip 中秋 and count the 调休 Sunday', () => {
    expect(addWorkingDays('2026-09-18', 7, national)).toBe('2026-09-29');
    expect(workingDaysBetween('2026-09-18', '2026-09-29', national)).toBe(7);
  });

  it('20 working days over 国庆 and 3 working days over 春节', () => {
    // After Monday 2026-09-28: 9-29, 9-30 (2), 10-8, 10-9, 10-10 (the Saturday worked: 5), then three weeks.
    expect(addWorkingDays('2026-09-28', 20, national)).toBe('2026-10-30');
    expect(addWorkingDays('2026-02-12', 3, national)).toBe('2026-02-24');
  });

  it('n = 0 is the day itself if it works, else the next working day; negative n counts back', () => {
    expect(addWorkingDays('2026-10-09', 0, national)).toBe('2026-10-09');
    expect(addWorkingDays('2026-10-03', 0, national)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', -1, national)).toBe('2026-09-30');
    expect(workingDaysBetween('2026-10-08', '2026-09-30', national)).toBe(-1);
    expect(() => addWorkingDays('2026-10-08', 1.5, national)).toThrow(RangeError);
  });
});

describe('working-day calendar, 2027', () => {
  it('the package does not know 2027 yet: weekends only, and says so', () => {
    expect(national.covers(2026)).toBe(true);
    expect(national.covers(2027)).toBe(false);
    expect(calendarDay('2027-10-01', national)).toMatchObject({ kind: 'workday', label: '周五' });
    expect(calendarDay('2027-10-02', national)).toMatchObject({ kind: 'weekend', label: '周六' });
  });

  // A deployment's calendar.json for 2027 (illustrative dates: the State Council notice for 2027 was not
  // available when this was written; a deployment copies its dates from the notice).
  const additions = CalendarSchema.parse({
    basis: '示例：2027年放假调休安排',
    holidays: [
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-04', name: '国庆节' },
      { date: '2027-10-05', name: '国庆节' },
      { date: '2027-10-06', name: '国庆节' },
      { date: '2027-10-07', name: '国庆节' },
    ],
    workdays: [{ date: '2027-10-09', name: '国庆节' }],
  });
  const cal = createWorkingCalendar(additions);

  it('calendar.json adds a year: its holidays are off, its 调休 Saturday works', () => {
    expect(cal.covers(2027)).toBe(true);
    expect(calendarDay('2027-10-05', cal)).toMatchObject({ kind: 'holiday', label: '国庆节', working: false });
    expect(calendarDay('2027-10-09', cal)).toMatchObject({ kind: 'adjusted-workday', working: true });
    expect(addWorkingDays('2027-09-30', 3, cal)).toBe('2027-10-11');
    expect(workingDaysBetween('2027-09-30', '2027-10-11', cal)).toBe(3);
  });

  it('calendar.json wins over the package (a correction of 2026)', () => {
    const corrected = createWorkingCalendar({ holidays: [{ date: '2026-10-10', name: '地方假日' }], workdays: [] });
    expect(calendarDay('2026-10-10', corrected)).toMatchObject({ kind: 'holiday', label: '地方假日' });
    expect(calendarDay('2026-10-10', national).kind).toBe('adjusted-workday');
  });

  it('calendar.json refuses a day listed both ways, naming the field and the fix', () => {
    const r = CalendarSchema.safeParse({
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [{ date: '2027-01-01', name: '元旦' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['workdays', 0, 'date'] });
    expect(r.error?.issues[0]?.message).toContain('只保留一处');
  });
});
