import { z } from 'zod';
import { FieldSchema, recordId, req, slugId, text, type FieldLabels } from './common';

/** Published annual cap: how many times one agency may inspect one enterprise in one field in a calendar year. */
export const InspectionCapSchema = z.strictObject({
  id: recordId(),
  agencyId: slugId(),
  field: FieldSchema,
  year: z
    .number({ error: req('应为年份，如2025') })
    .int('年份应为整数')
    .min(2000, '年份不早于2000')
    .max(2100, '年份不晚于2100'),
  maxPerEnterprise: z
    .number({ error: req('应为每家企业每年最多检查次数（正整数）') })
    .int('应为正整数')
    .min(1, '至少为1次'),
  basis: text(),
});
export type InspectionCap = z.infer<typeof InspectionCapSchema>;

export const inspectionCapFieldLabels: FieldLabels<InspectionCap> = {
  id: '上限编号',
  agencyId: '执法主体',
  field: '执法领域',
  year: '年度',
  maxPerEnterprise: '同一企业年度检查上限（次）',
  basis: '依据',
};
