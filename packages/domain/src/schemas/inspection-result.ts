import { z } from 'zod';
import { findSensitive, sensitiveKindLabels } from '../validators/sensitive';
import {
  chineseEnum,
  creditCodeLenient,
  isoDate,
  isoDateTime,
  recordId,
  req,
  slugId,
  text,
  uniqueList,
  type FieldLabels,
} from './common';
import { PUBLIC_DISCLOSURE_STATUSES, statusChoices } from './disclosure';
import { InspectionSourceSchema } from './inspection';
import { inspectionItemCode } from './inspection-item';
import { INSPECTION_RESULTS } from './inspection-result-vocabulary';

export { INSPECTION_RESULTS, LEGACY_INSPECTION_RESULTS, PROBLEM_RESULTS } from './inspection-result-vocabulary';
export type { InspectionResultValue } from './inspection-result-vocabulary';

/** The statuses of a stored result: the public record statuses, and `scheduled` (recorded, not yet public). */
export const INSPECTION_RESULT_STATUSES = ['scheduled', ...PUBLIC_DISCLOSURE_STATUSES, 'withdrawn'] as const;
export type InspectionResultStatus = (typeof INSPECTION_RESULT_STATUSES)[number];
export const inspectionResultStatusLabels: Record<InspectionResultStatus, string> = {
  scheduled: '待公开',
  published: '公示中',
  corrected: '已更正',
  withdrawn: '已撤回',
};

const longText = (max: number, what: string) => text().pipe(z.string().max(max, `${what}最多${max}字`));

/**
 * What an agency sends to complete an inspection (POST /api/v1/ingest/inspections/{id}/result). Sending it
 * again with other content corrects the result; after publication a public `correctionNote` is required.
 */
export const InspectionResultInputSchema = z.strictObject({
  result: chineseEnum(INSPECTION_RESULTS),
  inspectedItemCodes: uniqueList(inspectionItemCode()),
  completedOn: isoDate(),
  note: longText(1000, '结果说明').optional(),
  penaltyDecisionNo: longText(100, '后续处罚决定书文号').optional(),
  correctionNote: longText(500, '更正说明').optional(),
});
export type InspectionResultInput = z.infer<typeof InspectionResultInputSchema>;

export const inspectionResultInputLabels: FieldLabels<InspectionResultInput> = {
  result: '检查结果',
  inspectedItemCodes: '实际检查事项',
  completedOn: '检查完成日期',
  note: '结果说明',
  penaltyDecisionNo: '后续处罚决定书文号',
  correctionNote: '更正说明',
};

export const InspectionResultWithdrawSchema = z.strictObject({
  reason: z
    .string({ error: req('必须写明撤回理由，它将与检查任务编号一起公开') })
    .trim()
    .min(4, '撤回理由至少4个字，说明为何撤回这条检查结果')
    .max(500, '撤回理由最多500字'),
});
export const inspectionResultWithdrawLabels = { reason: '撤回理由' } as const;

export const InspectedItemSchema = z.strictObject({ code: inspectionItemCode(), name: text() });

const publicShape = {
  id: recordId(),
  inspectionId: recordId(),
  taskName: text(),
  source: InspectionSourceSchema,
  agencyId: slugId(),
  agencyName: text(),
  /** A natural person's name (个体工商户 registered under the operator's name) shows as 姓+某. */
  enterpriseName: text(),
  enterpriseCreditCode: creditCodeLenient(),
  enterpriseType: text().optional(),
  /** 所属街道（镇） of the enterprise. */
  region: text().optional(),
  /** 执法领域 of the inspected items. */
  field: text().optional(),
  items: z.array(InspectedItemSchema).min(1),
  completedOn: isoDate(),
  result: chineseEnum(INSPECTION_RESULTS),
  note: text().optional(),
  drawId: recordId().optional(),
  penaltyDecisionNo: text().optional(),
  correctionNote: text().optional(),
  status: z.enum(PUBLIC_DISCLOSURE_STATUSES, {
    error: req(`公开记录的状态应为以下之一：${statusChoices(PUBLIC_DISCLOSURE_STATUSES)}`),
  }),
  publishedOn: isoDate(),
  createdAt: isoDateTime(),
  updatedAt: isoDateTime(),
};

const FREE_TEXT = ['note', 'correctionNote', 'penaltyDecisionNo', 'enterpriseName'] as const;

/** The public form of an inspection result; a last line against leaks like PublicDisclosureSchema. */
export const PublicInspectionResultSchema = z.strictObject(publicShape).superRefine((d, ctx) => {
  for (const key of FREE_TEXT) {
    const value = d[key];
    if (value === undefined) continue;
    const found = findSensitive(value);
    if (found.length > 0) {
      const kinds = [...new Set(found.map((f) => sensitiveKindLabels[f.kind]))].join('、');
      ctx.addIssue({ code: 'custom', path: [key], message: `公开文本中不得含有${kinds}，请脱敏后再公开` });
    }
  }
});
export type PublicInspectionResult = z.infer<typeof PublicInspectionResultSchema>;

export const inspectionResultFieldLabels: FieldLabels<PublicInspectionResult> = {
  id: '公示编号',
  inspectionId: '检查任务编号',
  taskName: '检查任务名称',
  source: '任务来源',
  agencyId: '检查机关编号',
  agencyName: '检查机关',
  enterpriseName: '检查对象名称',
  enterpriseCreditCode: '统一社会信用代码',
  enterpriseType: '主体类型',
  region: '所属街道（镇）',
  field: '执法领域',
  items: '检查事项',
  completedOn: '检查完成日期',
  result: '检查结果',
  note: '结果说明',
  drawId: '双随机抽取记录编号',
  penaltyDecisionNo: '后续处罚决定书文号',
  correctionNote: '更正说明',
  status: '公示状态',
  publishedOn: '公示日期',
  createdAt: '创建时间',
  updatedAt: '更新时间',
};
