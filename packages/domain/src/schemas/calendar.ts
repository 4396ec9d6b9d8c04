import { z } from 'zod';
import { isoDate, req, text } from './common';

/**
 * calendar.json (optional): a deployment's own additions to the national working-day calendar that
 * packages/domain/src/working-days.ts takes from the npm package `chinese-days`. Use it for a year the
 * package does not cover yet (the State Council publishes each year's 放假调休 notice in November or
 * December), for a local holiday, or to correct a date. A date listed here wins over the package.
 */
const day = () =>
  z.strictObject({
    date: isoDate(),
    /** 元旦, 春节, 国庆节 …: named in alert texts (“国庆节 10:02”). */
    name: text().max(20, '名称不超过20字'),
  });

const days = () =>
  z
    .array(day(), { error: req('应为日期列表，每项如 {"date": "2027-10-01", "name": "国庆节"}') })
    .refine((xs) => new Set(xs.map((x) => x.date)).size === xs.length, '列表中有重复日期')
    .default([]);

export const CalendarSchema = z
  .strictObject({
    /** Where the dates come from, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
    basis: text().optional(),
    /** Days off (法定节假日 and the days joined to them), also on weekdays. */
    holidays: days(),
    /** Weekend days that are working days (调休上班). */
    workdays: days(),
  })
  .superRefine((c, ctx) => {
    const off = new Set(c.holidays.map((h) => h.date));
    c.workdays.forEach((w, i) => {
      if (off.has(w.date))
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i, 'date'],
          message: `${w.date} 同时列为节假日和调休上班日，请只保留一处`,
        });
    });
  });
export type Calendar = z.infer<typeof CalendarSchema>;

export const calendarFieldLabels: Readonly<Record<string, string>> = {
  basis: '依据',
  holidays: '节假日',
  'holidays.date': '日期',
  'holidays.name': '节日名称',
  workdays: '调休上班日',
  'workdays.date': '日期',
  'workdays.name': '所属节日',
};
