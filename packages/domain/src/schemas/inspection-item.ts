import { z } from 'zod';
import {
  basisList,
  chineseEnum,
  FieldSchema,
  optionalText,
  req,
  slugId,
  text,
  uniqueList,
  type FieldLabels,
} from './common';
import { powerCode } from './power-item';

export const INSPECTION_METHODS = [
  '现场检查',
  '书面检查',
  '网络监测',
  '抽样检测',
  '视频监控',
  '远程核查',
  '信用核查',
] as const;
export const InspectionMethodSchema = chineseEnum(INSPECTION_METHODS);
export type InspectionMethod = z.infer<typeof InspectionMethodSchema>;

/** Inspection item codes: `JCSX-<6 digits>`, e.g. JCSX-000045. */
export const INSPECTION_ITEM_CODE_PATTERN = /^JCSX-\d{6}$/;
export const inspectionItemCode = () =>
  z
    .string({ error: req('应为检查事项编码文本') })
    .regex(INSPECTION_ITEM_CODE_PATTERN, '检查事项编码应为“JCSX-6位数字”，如JCSX-000045');

export const InspectionItemSchema = z.strictObject({
  code: inspectionItemCode(),
  name: text(),
  agencyId: slugId(),
  field: FieldSchema,
  basis: basisList(),
  powerCode: powerCode().optional(),
  objectType: text(),
  methods: uniqueList(InspectionMethodSchema),
  /** Share of the object pool drawn per year, in percent (0–100). */
  ratio: z
    .number({ error: req('应为抽查比例数字（百分比，0–100），如5表示5%') })
    .min(0, '抽查比例不能小于0')
    .max(100, '抽查比例不能大于100'),
  frequency: text(),
  timesPerYear: z
    .number({ error: req('应为每年检查次数（整数）') })
    .int('每年检查次数应为整数')
    .min(0, '每年检查次数不能为负')
    .optional(),
  random: z.boolean({ error: req('应为true（双随机抽查）或false') }),
  content: optionalText(),
});
export type InspectionItem = z.infer<typeof InspectionItemSchema>;

export const inspectionItemFieldLabels: FieldLabels<InspectionItem> = {
  code: '检查事项编码',
  name: '检查事项名称',
  agencyId: '检查主体',
  field: '执法领域',
  basis: '检查依据',
  'basis.lawCode': '法律法规编码',
  'basis.article': '条',
  'basis.paragraph': '款',
  'basis.item': '项',
  powerCode: '对应权责事项编码',
  objectType: '检查对象',
  methods: '检查方式',
  ratio: '抽查比例（%）',
  frequency: '检查频次',
  timesPerYear: '每年检查次数',
  random: '是否双随机抽查',
  content: '检查内容',
};
