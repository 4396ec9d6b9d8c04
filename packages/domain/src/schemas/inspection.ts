import { z } from 'zod';
import { parseIsoDateTime } from '../validators/dates';
import {
  chineseEnum,
  creditCodeLenient,
  isoDate,
  isoDateTime,
  optionalText,
  recordId,
  req,
  slugId,
  text,
  uniqueList,
  type FieldLabels,
} from './common';
import { inspectionItemCode } from './inspection-item';
import { InspectionResultValueSchema } from './inspection-result-vocabulary';

export const INSPECTION_SOURCES = ['双随机', '投诉举报', '上级交办', '专项', '巡查'] as const;
export const InspectionSourceSchema = chineseEnum(INSPECTION_SOURCES);
export type InspectionSource = z.infer<typeof InspectionSourceSchema>;
/** Sources that may exceed the annual cap, with a reason (flagged for supervisors). */
export const CAP_OVERRIDE_SOURCES: readonly InspectionSource[] = ['投诉举报', '上级交办'];

export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export const inspectionStatusLabels = {
  planned: '待检查',
  in_progress: '检查中',
  completed: '已完成',
  cancelled: '已取消',
} as const;

export {
  INSPECTION_RESULTS,
  InspectionResultValueSchema,
  LEGACY_INSPECTION_RESULTS,
  type InspectionResultValue,
} from './inspection-result-vocabulary';

/**
 * At least two officers: enforcement officers must act in pairs (行政处罚法第四十二条 and the
 * 行政检查 rules require no fewer than two certified officers).
 */
export const MIN_INSPECTORS = 2;
/** Longest allowed window of one task. */
export const MAX_WINDOW_DAYS = 31;

const inputShape = {
  source: InspectionSourceSchema,
  agencyId: slugId(),
  inspectorIds: uniqueList(recordId(), MIN_INSPECTORS),
  enterpriseCreditCode: creditCodeLenient(),
  itemCodes: uniqueList(inspectionItemCode()),
  windowStart: isoDateTime(),
  windowEnd: isoDateTime(),
  approver: text(),
  /** Set when the task exceeds the agency's annual cap; allowed only for 投诉举报/上级交办 and needs a reason. */
  capOverride: z.boolean({ error: req('应为true或false：是否超出年度检查上限') }).optional(),
  reason: optionalText(),
  drawId: recordId().optional(),
};

function refineInspection(d: z.infer<z.ZodObject<typeof inputShape>>, ctx: z.RefinementCtx): void {
  const start = parseIsoDateTime(d.windowStart);
  const end = parseIsoDateTime(d.windowEnd);
  if (end <= start) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: '检查时间窗的结束时间应晚于开始时间' });
  } else if (end - start > MAX_WINDOW_DAYS * 86_400_000) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: `检查时间窗不超过${MAX_WINDOW_DAYS}天` });
  }
  if (d.capOverride === true) {
    if (!CAP_OVERRIDE_SOURCES.includes(d.source)) {
      ctx.addIssue({
        code: 'custom',
        path: ['capOverride'],
        message: '只有投诉举报或上级交办的检查可以超出年度检查上限',
      });
    }
    if (d.reason === undefined)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '超出年度检查上限时必须说明理由' });
  }
  if (d.source === '双随机' && d.drawId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['drawId'],
      message: '双随机检查必须填写抽取记录编号（drawId），以便公开核验',
    });
  }
}

/** What an agency pushes to create an inspection task. */
export const InspectionInputSchema = z.strictObject(inputShape).superRefine(refineInspection);
export type InspectionInput = z.infer<typeof InspectionInputSchema>;

export const InspectionSchema = z
  .strictObject({
    ...inputShape,
    id: recordId(),
    status: z.enum(INSPECTION_STATUSES, {
      error: req('应为planned（待检查）、in_progress（检查中）、completed（已完成）或cancelled（已取消）'),
    }),
    result: InspectionResultValueSchema.optional(),
    /** When the inspection was completed (China date); with the result. */
    completedOn: isoDate().optional(),
    /** The items actually inspected: items of the task. Defaults to all of them. */
    inspectedItemCodes: uniqueList(inspectionItemCode()).optional(),
    /** 结果说明: published after redaction. */
    resultNote: optionalText(),
    /** 决定书文号 of the penalty that followed, if any. */
    penaltyDecisionNo: optionalText(),
    createdAt: isoDateTime(),
  })
  .superRefine((d, ctx) => {
    refineInspection(d, ctx);
    if (d.result !== undefined && d.status !== 'completed') {
      ctx.addIssue({ code: 'custom', path: ['result'], message: '只有已完成的检查才有检查结果' });
    }
    for (const key of ['completedOn', 'inspectedItemCodes', 'resultNote', 'penaltyDecisionNo'] as const) {
      if (d[key] !== undefined && d.result === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: '只有填写了检查结果（result）的检查才有此项' });
    }
    const outside = (d.inspectedItemCodes ?? []).filter((c) => !d.itemCodes.includes(c));
    if (outside.length)
      ctx.addIssue({
        code: 'custom',
        path: ['inspectedItemCodes'],
        message: `${outside.join('、')} 不是本次检查任务的检查事项`,
      });
    if (d.completedOn !== undefined && d.completedOn < d.windowStart.slice(0, 10))
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: '检查完成日期不能早于检查时间窗开始' });
  });
export type Inspection = z.infer<typeof InspectionSchema>;

export const inspectionFieldLabels: FieldLabels<Inspection> = {
  id: '检查任务编号',
  source: '任务来源',
  agencyId: '检查主体',
  inspectorIds: '检查人员',
  enterpriseCreditCode: '被检查对象统一社会信用代码',
  itemCodes: '检查事项',
  windowStart: '检查开始时间',
  windowEnd: '检查结束时间',
  approver: '审批人',
  capOverride: '是否超出年度检查上限',
  reason: '理由',
  drawId: '双随机抽取记录编号',
  status: '任务状态',
  result: '检查结果',
  completedOn: '检查完成日期',
  inspectedItemCodes: '实际检查事项',
  resultNote: '结果说明',
  penaltyDecisionNo: '后续处罚决定书文号',
  createdAt: '创建时间',
};
