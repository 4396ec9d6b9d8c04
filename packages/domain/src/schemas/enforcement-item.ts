import { z } from 'zod';
import { basisList, chineseEnum, FieldSchema, req, slugId, text, type FieldLabels } from './common';
import { powerCode } from './power-item';

export const ENFORCEMENT_ITEM_LEVELS = ['主项', '子项'] as const;

/** Catalogue codes: 主项 `SX-<6 digits>`, 子项 `<parent code>-<3 digits>` (e.g. SX-000123 and SX-000123-001). */
export const ENFORCEMENT_ITEM_CODE_PATTERN = /^SX-\d{6}(-\d{3})?$/;

export const EnforcementItemSchema = z
  .strictObject({
    code: z
      .string({ error: req('应为事项编码文本') })
      .regex(
        ENFORCEMENT_ITEM_CODE_PATTERN,
        '执法事项编码应为主项“SX-6位数字”或子项“主项编码-3位数字”，如SX-000123、SX-000123-001',
      ),
    name: text(),
    level: chineseEnum(ENFORCEMENT_ITEM_LEVELS),
    parentCode: z
      .string({ error: req('应为主项编码文本') })
      .regex(/^SX-\d{6}$/, '主项编码应为“SX-6位数字”，如SX-000123')
      .optional(),
    powerCode: powerCode(),
    basis: basisList(),
    agencyId: slugId(),
    field: FieldSchema,
  })
  .superRefine((e, ctx) => {
    const isSub = e.code.split('-').length === 3;
    if (e.level === '子项') {
      if (e.parentCode === undefined) {
        ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '子项必须填写所属主项编码，如SX-000123' });
      } else if (!e.code.startsWith(`${e.parentCode}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['code'],
          message: `子项编码应以所属主项编码开头，如${e.parentCode}-001`,
        });
      }
      if (!isSub)
        ctx.addIssue({ code: 'custom', path: ['code'], message: '子项编码应为“主项编码-3位数字”，如SX-000123-001' });
    } else {
      if (e.parentCode !== undefined)
        ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '主项不应填写所属主项编码' });
      if (isSub) ctx.addIssue({ code: 'custom', path: ['code'], message: '主项编码应为“SX-6位数字”，如SX-000123' });
    }
  });
export type EnforcementItem = z.infer<typeof EnforcementItemSchema>;

export const enforcementItemFieldLabels: FieldLabels<EnforcementItem> = {
  code: '事项编码',
  name: '事项名称',
  level: '事项层级',
  parentCode: '所属主项编码',
  powerCode: '对应权责事项编码',
  basis: '执法依据',
  'basis.lawCode': '法律法规编码',
  'basis.article': '条',
  'basis.paragraph': '款',
  'basis.item': '项',
  agencyId: '实施主体',
  field: '执法领域',
};
