import { z } from 'zod';
import {
  chineseEnum,
  creditCode,
  FieldSchema,
  optionalText,
  phone,
  req,
  slugId,
  text,
  uniqueList,
  url,
  type FieldLabels,
} from './common';

export const AGENCY_LEVELS = ['区级', '街道', '镇', '开发区'] as const;
export const AgencyLevelSchema = chineseEnum(AGENCY_LEVELS);
export type AgencyLevel = z.infer<typeof AgencyLevelSchema>;

/** Assessment categories: A development zones, B streets/towns, C bodies with own enforcement teams, D bodies without. */
export const AGENCY_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export const AgencyCategorySchema = z.enum(AGENCY_CATEGORIES, {
  error: req('应为A（开发区）、B（街道/镇）、C（有执法队伍的部门）或D（无执法队伍的部门）'),
});
export type AgencyCategory = z.infer<typeof AgencyCategorySchema>;
export const agencyCategoryLabels: Readonly<Record<AgencyCategory, string>> = {
  A: '开发区',
  B: '街道、镇',
  C: '有执法队伍的部门',
  D: '无执法队伍的部门',
};

/** Which categories a level may have. */
const CATEGORIES_BY_LEVEL: Readonly<Record<AgencyLevel, readonly AgencyCategory[]>> = {
  开发区: ['A'],
  街道: ['B'],
  镇: ['B'],
  区级: ['C', 'D'],
};

export const RemedySchema = z.strictObject({
  reconsiderationBody: text().describe('行政复议机关'),
  litigationCourt: text().describe('行政诉讼管辖法院'),
  notes: optionalText(),
});

export const AgencySchema = z
  .strictObject({
    id: slugId(),
    name: text(),
    shortName: text(),
    creditCode: creditCode(),
    level: AgencyLevelSchema,
    category: AgencyCategorySchema,
    fields: uniqueList(FieldSchema),
    address: text(),
    phone: phone(),
    complaintPhone: phone(),
    website: url().optional(),
    parentId: slugId().optional(),
    remedy: RemedySchema.optional(),
  })
  .superRefine((a, ctx) => {
    const allowed = CATEGORIES_BY_LEVEL[a.level];
    if (!allowed.includes(a.category)) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `层级为“${a.level}”的执法主体类别应为${allowed.join('或')}（A开发区、B街道/镇、C有执法队伍的部门、D无执法队伍的部门）`,
      });
    }
    if (a.parentId === a.id) ctx.addIssue({ code: 'custom', path: ['parentId'], message: '上级主体不能是自身' });
  });
export type Agency = z.infer<typeof AgencySchema>;

export const agencyFieldLabels: FieldLabels<Agency> = {
  id: '主体标识',
  name: '执法主体名称',
  shortName: '简称',
  creditCode: '统一社会信用代码',
  level: '层级',
  category: '考核类别',
  fields: '执法领域',
  address: '办公地址',
  phone: '办公电话',
  complaintPhone: '投诉举报电话',
  website: '网站',
  parentId: '上级主体',
  remedy: '救济途径',
  'remedy.reconsiderationBody': '行政复议机关',
  'remedy.litigationCourt': '行政诉讼管辖法院',
  'remedy.notes': '救济途径说明',
};
