import { z } from 'zod';
import { articleLabel } from '../numerals';
import { isoDate, LAW_LEVEL_CODES, lawCode, LawLevelSchema, optionalText, req, text, type FieldLabels } from './common';

export const LAW_STATUSES = ['现行有效', '已修改', '已废止'] as const;

export const ArticleSchema = z.strictObject({
  number: z
    .number({ error: req('应为条号（正整数）') })
    .int('条号应为正整数')
    .min(1, '条号应为正整数')
    .max(9999, '条号不超过9999'),
  label: text(),
  chapter: optionalText(),
  text: text(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const LegalBasisSchema = z
  .strictObject({
    code: lawCode(),
    title: text(),
    level: LawLevelSchema,
    issuingBody: text(),
    documentNo: optionalText(),
    effectiveDate: isoDate(),
    amendedDate: isoDate().optional(),
    status: z.enum(LAW_STATUSES, { error: req(`应为以下之一：${LAW_STATUSES.join('、')}`) }).optional(),
    articles: z.array(ArticleSchema, { error: req('应为条款列表') }).min(1, '至少包含1条'),
  })
  .superRefine((law, ctx) => {
    const prefix = LAW_LEVEL_CODES[law.level];
    if (!law.code.startsWith(`${prefix}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `效力级别为“${law.level}”的编码应以“${prefix}-”开头，如${prefix}-0001`,
      });
    }
    if (law.amendedDate !== undefined && law.amendedDate < law.effectiveDate) {
      ctx.addIssue({ code: 'custom', path: ['amendedDate'], message: '修正日期不应早于施行日期' });
    }
    const seen = new Set<number>();
    law.articles.forEach((a, i) => {
      if (seen.has(a.number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'number'],
          message: `条号${a.number}重复，每条的条号应唯一`,
        });
      }
      seen.add(a.number);
      const expected = articleLabel(a.number);
      if (a.label !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'label'],
          message: `条号${a.number}的标签应为“${expected}”`,
        });
      }
    });
  });
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

export const legalBasisFieldLabels: FieldLabels<LegalBasis> = {
  code: '法律法规编码',
  title: '名称',
  level: '效力级别',
  issuingBody: '制定机关',
  documentNo: '发布文号',
  effectiveDate: '施行日期',
  amendedDate: '修正日期',
  status: '时效性',
  articles: '条款',
  'articles.number': '条号',
  'articles.label': '条标签',
  'articles.chapter': '所属章节',
  'articles.text': '条文',
};
