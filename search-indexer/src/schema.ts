import { z } from 'zod';
import { PUBLIC_DISCLOSURE_STATUSES } from '@sunlight/domain/schemas/disclosure';
import { FACETS } from './query';
import type { SearchDoc } from './types';

/** The index document as a zod schema (for the OpenAPI document and response checks). */
export const SearchDocSchema = z.object({
  id: z.string(),
  version: z.number().int().describe('记录版本（更新时间的毫秒数），记录每次变化都会改变'),
  decisionNo: z.string().describe('行政处罚决定书文号 CF_WSH'),
  partyName: z.string().describe('行政相对人名称 CF_XDR_MC（自然人显示为“姓+某”）'),
  partyCreditCode: z.string().nullable().describe('统一社会信用代码 CF_XDR_SHXYM'),
  partyType: z.string().describe('行政相对人类别 CF_XDR_LB'),
  agencyId: z.string().describe('执法机关编号'),
  agencyName: z.string(),
  agencyShortName: z.string(),
  field: z.string().describe('执法领域'),
  region: z.string().nullable().describe('所属街道（镇）'),
  procedure: z.string(),
  categories: z.array(z.string()).describe('处罚类别 CF_CFLB'),
  violationType: z.string().describe('违法行为类型 CF_WFXW'),
  violationFacts: z.string().describe('违法事实 CF_SY（已脱敏）'),
  penaltyContent: z.string().describe('处罚内容 CF_NR'),
  penaltyBasis: z.string().describe('处罚依据 CF_YJ'),
  decisionDate: z.string().describe('处罚决定日期 CF_JDRQ'),
  year: z.number().int(),
  fineYuan: z.number().describe('罚款金额（元）'),
  status: z.enum(PUBLIC_DISCLOSURE_STATUSES),
}) satisfies z.ZodType<SearchDoc>;

export const HighlightSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));

export const FacetCountSchema = z.object({ value: z.string(), count: z.number().int().min(1) });

export const FacetsSchema = z.partialRecord(z.enum(FACETS), z.array(FacetCountSchema));
