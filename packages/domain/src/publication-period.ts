import type { DisclosureInput } from './schemas/disclosure';
import type { PublicationMatch, PublicationRule } from './schemas/publication-rule';
import { wanToYuan } from './schemas/common';
import { addMonths } from './validators/dates';

export type PublicationFacts = Pick<
  DisclosureInput,
  'procedure' | 'penaltyCategories' | 'partyType' | 'fineAmount' | 'banMonths' | 'involvesMinor' | 'confidential'
>;

export type PublicationDecision =
  | { publish: false; reason: string; ruleId?: string }
  | { publish: true; endDate: string; months: number; ruleId: string };

export function matchesRule(d: PublicationFacts, m: PublicationMatch): boolean {
  if (m.procedure !== undefined && d.procedure !== m.procedure) return false;
  if (m.onlyCategories !== undefined && !d.penaltyCategories.every((c) => m.onlyCategories?.includes(c))) return false;
  if (m.anyCategory !== undefined && !d.penaltyCategories.some((c) => m.anyCategory?.includes(c))) return false;
  if (m.partyTypes !== undefined && !m.partyTypes.includes(d.partyType)) return false;
  if (
    m.fineBelowYuan !== undefined &&
    d.fineAmount !== undefined &&
    wanToYuan(d.fineAmount) >= m.fineBelowYuan[d.partyType]
  ) {
    return false;
  }
  if (m.banLongerThanMonths !== undefined && !(d.banMonths !== undefined && d.banMonths > m.banLongerThanMonths))
    return false;
  return true;
}

/**
 * Whether a decision is published and until when. Decisions about minors or flagged confidential are never
 * published (not configurable). Otherwise rules are tried in order and the first match decides.
 * `endDate` is the last day the record is public: publishedOn + the period in calendar months.
 */
export function computePublicationEnd(
  d: PublicationFacts,
  rules: readonly PublicationRule[],
  publishedOn: string,
): PublicationDecision {
  if (d.involvesMinor) return { publish: false, reason: '涉及未成年人的行政处罚决定不予公开' };
  if (d.confidential) return { publish: false, reason: '涉及国家秘密、商业秘密或个人隐私的行政处罚决定不予公开' };
  for (const rule of rules) {
    if (!matchesRule(d, rule.match)) continue;
    if (rule.outcome === 'not_published') return { publish: false, reason: rule.description, ruleId: rule.id };
    const months = rule.outcome === 'ban_length' ? d.banMonths : rule.outcome.months;
    if (months === undefined) continue;
    return { publish: true, endDate: addMonths(publishedOn, months), months, ruleId: rule.id };
  }
  return { publish: false, reason: '没有适用的公示期规则，请检查公示期规则配置（最后一条应为兜底规则）' };
}
