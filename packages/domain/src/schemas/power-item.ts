import { z } from 'zod';
import {
  basisList,
  FieldSchema,
  optionalText,
  POWER_TYPE_CODES,
  PowerTypeSchema,
  req,
  slugId,
  text,
  uniqueList,
  type FieldLabels,
} from './common';

/** Power item codes: `<type prefix>-<6 digits>`, e.g. CF-000123 for a 行政处罚 power (prefixes in POWER_TYPE_CODES). */
export const POWER_CODE_PATTERN = /^(XK|CF|QZ|ZS|GF|JC|QR|JL|CJ|QT)-\d{6}$/;
export const powerCode = () =>
  z
    .string({ error: req('应为权责事项编码文本，如CF-000123') })
    .regex(
      POWER_CODE_PATTERN,
      '权责事项编码应为“类型前缀-6位数字”，前缀XK许可、CF处罚、QZ强制、ZS征收、GF给付、JC检查、QR确认、JL奖励、CJ裁决、QT其他，如CF-000123',
    );

export const PowerItemSchema = z
  .strictObject({
    code: powerCode(),
    name: text(),
    type: PowerTypeSchema,
    basis: basisList(),
    agencyId: slugId(),
    field: FieldSchema,
    responsibilities: uniqueList(text()),
    accountability: uniqueList(text()),
    description: optionalText(),
  })
  .superRefine((p, ctx) => {
    const prefix = POWER_TYPE_CODES[p.type];
    if (!p.code.startsWith(`${prefix}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `类型为“${p.type}”的权责事项编码应以“${prefix}-”开头，如${prefix}-000001`,
      });
    }
  });
export type PowerItem = z.infer<typeof PowerItemSchema>;

export const powerItemFieldLabels: FieldLabels<PowerItem> = {
  code: '权责事项编码',
  name: '事项名称',
  type: '权力类型',
  basis: '设定依据',
  'basis.lawCode': '法律法规编码',
  'basis.article': '条',
  'basis.paragraph': '款',
  'basis.item': '项',
  agencyId: '实施主体',
  field: '执法领域',
  responsibilities: '责任事项',
  accountability: '追责情形',
  description: '事项说明',
};
