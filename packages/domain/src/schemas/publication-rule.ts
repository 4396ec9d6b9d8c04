import { z } from 'zod';
import {
  PARTY_TYPES,
  PartyTypeSchema,
  PenaltyCategorySchema,
  ProcedureSchema,
  recordId,
  req,
  text,
  uniqueList,
  type FieldLabels,
} from './common';

const months = () =>
  z
    .number({ error: req('应为月数（正整数）') })
    .int('月数应为整数')
    .min(1, '月数至少为1');
const yuan = () => z.number({ error: req('应为金额（元）') }).min(0, '金额不能为负');

/** Conditions of a rule; all that are present must hold. An empty match is a catch-all. */
export const PublicationMatchSchema = z.strictObject({
  procedure: ProcedureSchema.optional(),
  /** Every penalty category of the decision is one of these. */
  onlyCategories: uniqueList(PenaltyCategorySchema).optional(),
  /** At least one penalty category of the decision is one of these. */
  anyCategory: uniqueList(PenaltyCategorySchema).optional(),
  partyTypes: uniqueList(PartyTypeSchema).optional(),
  /** The fine, if any, is strictly below the threshold (元) for the party's type; a decision without a fine satisfies it. */
  fineBelowYuan: z.strictObject({ 法人及非法人组织: yuan(), 自然人: yuan(), 个体工商户: yuan() }).optional(),
  /** The decision carries a ban (banMonths) strictly longer than this many months. */
  banLongerThanMonths: months().optional(),
});
export type PublicationMatch = z.infer<typeof PublicationMatchSchema>;

/** 'not_published', a fixed number of months after publication, or the ban's own length. */
export const PublicationOutcomeSchema = z.union(
  [z.literal('not_published'), z.literal('ban_length'), z.strictObject({ months: months() })],
  { error: req('公示结果应为"not_published"（不公示）、"ban_length"（按禁止期限）或 { "months": 月数 }') },
);
export type PublicationOutcome = z.infer<typeof PublicationOutcomeSchema>;

export const PublicationRuleSchema = z
  .strictObject({
    id: recordId(),
    description: text(),
    basis: text(),
    match: PublicationMatchSchema,
    outcome: PublicationOutcomeSchema,
  })
  .superRefine((r, ctx) => {
    if (r.outcome === 'ban_length' && r.match.banLongerThanMonths === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['match', 'banLongerThanMonths'],
        message: '结果为按禁止期限（ban_length）的规则必须设定banLongerThanMonths',
      });
    }
  });
export type PublicationRule = z.infer<typeof PublicationRuleSchema>;

/** A rule set is tried in order, first match wins; the last rule must be a catch-all so every decision gets an outcome. */
export const PublicationRulesSchema = z
  .array(PublicationRuleSchema, { error: req('应为公示期规则列表') })
  .min(1, '至少需要1条规则')
  .superRefine((rules, ctx) => {
    const ids = new Set<string>();
    rules.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `规则编号“${r.id}”重复` });
      ids.add(r.id);
    });
    const last = rules[rules.length - 1];
    if (last && Object.keys(last.match).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [rules.length - 1, 'match'],
        message: '最后一条规则应为兜底规则（match为空对象{}），保证每个决定都有公示期',
      });
    }
  });

export const publicationRuleFieldLabels: FieldLabels<PublicationRule> = {
  id: '规则编号',
  description: '规则说明',
  basis: '依据',
  match: '适用条件',
  'match.procedure': '程序类型',
  'match.onlyCategories': '处罚类别仅限于',
  'match.anyCategory': '处罚类别包含任一',
  'match.partyTypes': '相对人类别',
  'match.fineBelowYuan': '罚款低于（元）',
  'match.banLongerThanMonths': '禁止期限超过（月）',
  outcome: '公示结果',
  'outcome.months': '公示期（月）',
};

/** Local "较低数额罚款" thresholds (元): ¥5,000 for natural persons and 个体工商户 (run by a natural person), ¥50,000 for organisations. */
export const DEFAULT_LOW_FINE_THRESHOLDS_YUAN: Readonly<Record<(typeof PARTY_TYPES)[number], number>> = {
  自然人: 5000,
  个体工商户: 5000,
  法人及非法人组织: 50000,
};

/** The docs/DOMAIN.md defaults, as data; deployments override them in content/. */
export const DEFAULT_PUBLICATION_RULES: PublicationRule[] = [
  {
    id: 'simplified-procedure',
    description: '适用简易程序作出的行政处罚决定不公示',
    basis: '国办发〔2018〕118号：行政处罚决定公示范围为适用普通程序作出的决定',
    match: { procedure: '简易程序' },
    outcome: 'not_published',
  },
  {
    id: 'warning-only',
    description: '仅处以警告的行政处罚不公示',
    basis: '行政处罚信息信用修复相关规定：仅受到警告的行政处罚信息不予公示',
    match: { onlyCategories: ['警告'] },
    outcome: 'not_published',
  },
  {
    id: 'minor-three-months',
    description: '通报批评或较低数额罚款（自然人、个体工商户低于5000元，法人及非法人组织低于5万元），公示期3个月',
    basis: '行政处罚信息信用修复相关规定：通报批评、较低数额罚款的最短公示期为3个月，数额标准由本地确定',
    match: { onlyCategories: ['警告', '通报批评', '罚款'], fineBelowYuan: { ...DEFAULT_LOW_FINE_THRESHOLDS_YUAN } },
    outcome: { months: 3 },
  },
  {
    id: 'long-ban',
    description: '限制从业等禁止期限超过3年的，按禁止期限公示',
    basis: '行政处罚信息信用修复相关规定：禁止期限长于3年的，公示期与禁止期限一致',
    match: { banLongerThanMonths: 36 },
    outcome: 'ban_length',
  },
  {
    id: 'default-three-years',
    description: '其他行政处罚决定，公示期3年',
    basis: '行政处罚信息信用修复相关规定：其他行政处罚信息公示期为3年',
    match: {},
    outcome: { months: 36 },
  },
];
