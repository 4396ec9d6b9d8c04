import { z } from 'zod';
import { parseIsoDateTime } from '../validators/dates';
import { isoDateTime, recordId, text, type FieldLabels } from './common';
import { ReportInputSchema, reportFieldLabels } from './report';

/** What a supervisor writes (办结意见, 不予处理的理由, 回告): public to whoever holds the receipt, so no names. */
const supervisorText = (what: string) => text().max(2000, `${what}不超过2000个字`);

/**
 * reports.ndjson (fictional sample only): 反映问题 as businesses and citizens filed them, and how far the
 * supervisors got. At load each report goes through the same write path as one from the mini-program or
 * the portal's form (fileReport: checks, work order, duplicates), at the time given here, then its work
 * order moves on (核查中, 已办结 or 不予处理 as unfounded) and the reply (回告) is written, as a supervisor
 * would. No contact: a sample reporter is nobody.
 */
export const SampleReportSchema = z
  .strictObject({
    /** `rp-` + a serial. */
    id: recordId(),
    receivedAt: isoDateTime(),
    report: ReportInputSchema.omit({ contact: true }),
    /** When the supervisors started checking (核查中). */
    verifyingAt: isoDateTime().optional(),
    /** Closed: 已办结 with its result, or 不予处理 because the report was unfounded (still counted). */
    closed: z
      .strictObject({
        at: isoDateTime(),
        unfounded: z.boolean({ error: '应为true或false：是否经核查反映情况不属实' }),
        resolution: supervisorText('办结意见'),
        reply: supervisorText('回告'),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const received = parseIsoDateTime(r.receivedAt);
    if (parseIsoDateTime(r.report.occurredAt) > received)
      ctx.addIssue({ code: 'custom', path: ['report', 'occurredAt'], message: '发生时间不能晚于反映时间' });
    const verifying = r.verifyingAt ? parseIsoDateTime(r.verifyingAt) : undefined;
    if (verifying !== undefined && verifying < received)
      ctx.addIssue({ code: 'custom', path: ['verifyingAt'], message: '开始核查不能早于反映时间' });
    if (r.closed && parseIsoDateTime(r.closed.at) < (verifying ?? received))
      ctx.addIssue({ code: 'custom', path: ['closed', 'at'], message: '办结时间不能早于反映和开始核查的时间' });
    if (r.closed && !r.closed.unfounded && verifying === undefined)
      ctx.addIssue({ code: 'custom', path: ['verifyingAt'], message: '已办结的反映应先经核查：请填写开始核查的时间' });
  });
export type SampleReport = z.infer<typeof SampleReportSchema>;

export const sampleReportFieldLabels: FieldLabels<SampleReport> = {
  id: '记录编号',
  receivedAt: '反映时间',
  report: '反映内容',
  ...Object.fromEntries(Object.entries(reportFieldLabels).map(([k, v]) => [`report.${k}`, v])),
  verifyingAt: '开始核查时间',
  closed: '办结',
  'closed.at': '办结时间',
  'closed.unfounded': '是否不属实',
  'closed.resolution': '办结意见',
  'closed.reply': '回告',
};
