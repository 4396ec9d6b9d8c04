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

/** The four lists (四张清单). */
export const DISCRETION_KINDS = ['不予处罚', '减轻处罚', '从轻处罚', '从重处罚'] as const;
export const DiscretionKindSchema = chineseEnum(DISCRETION_KINDS);
export type DiscretionKind = z.infer<typeof DiscretionKindSchema>;

/** Id prefix per kind: BY 不予, JQ 减轻, CQ 从轻, CZ 从重; ids are `<prefix>-<4–6 digits>`, e.g. BY-0012. */
export const DISCRETION_KIND_CODES: Readonly<Record<DiscretionKind, string>> = {
  不予处罚: 'BY',
  减轻处罚: 'JQ',
  从轻处罚: 'CQ',
  从重处罚: 'CZ',
};
export const DISCRETION_ID_PATTERN = /^(BY|JQ|CQ|CZ)-\d{4,6}$/;
export const discretionItemId = () =>
  z
    .string({ error: req('应为清单事项编号文本') })
    .regex(DISCRETION_ID_PATTERN, '四张清单事项编号应为“BY/JQ/CQ/CZ-4至6位数字”（不予/减轻/从轻/从重），如BY-0012');

export const DiscretionItemSchema = z
  .strictObject({
    id: discretionItemId(),
    kind: DiscretionKindSchema,
    violation: text(),
    basis: basisList(),
    conditions: uniqueList(text()),
    outcome: text(),
    agencyId: slugId(),
    field: FieldSchema,
    powerCode: powerCode().optional(),
    notes: optionalText(),
  })
  .superRefine((d, ctx) => {
    const prefix = DISCRETION_KIND_CODES[d.kind];
    if (!d.id.startsWith(`${prefix}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `“${d.kind}”清单事项编号应以“${prefix}-”开头，如${prefix}-0001`,
      });
    }
  });
export type DiscretionItem = z.infer<typeof DiscretionItemSchema>;

export const discretionItemFieldLabels: FieldLabels<DiscretionItem> = {
  id: '清单事项编号',
  kind: '清单类别',
  violation: '违法行为',
  basis: '法律依据',
  'basis.lawCode': '法律法规编码',
  'basis.article': '条',
  'basis.paragraph': '款',
  'basis.item': '项',
  conditions: '适用条件',
  outcome: '处理结果',
  agencyId: '实施主体',
  field: '执法领域',
  powerCode: '对应权责事项编码',
  notes: '备注',
};
