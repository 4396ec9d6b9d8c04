import { z } from 'zod';
import { PUBLIC_DISCLOSURE_STATUSES } from '@sunlight/domain/schemas/disclosure';
import { RecordTypeSchema } from '@sunlight/domain/schemas/record-type';
import { FACETS } from './query';
import type { SearchDoc } from './types';

/**
 * The index document as a zod schema (for the OpenAPI document and response checks). One shape for
 * every record type (the field names are the penalty's, kept because partners already read them);
 * each description says what a permit and an inspection result put there.
 */
export const SearchDocSchema = z.object({
  id: z.string(),
  type: RecordTypeSchema.describe('记录类型：penalty 行政处罚、permit 行政许可、inspection-result 检查结果'),
  version: z.number().int().describe('记录版本（更新时间的毫秒数），记录每次变化都会改变'),
  decisionNo: z.string().describe('文书号：行政处罚决定书文号 CF_WSH；行政许可决定文书号；检查结果为检查任务编号'),
  partyName: z.string().describe('行政相对人名称 CF_XDR_MC（自然人显示为“姓+某”）'),
  partyCreditCode: z.string().nullable().describe('统一社会信用代码 CF_XDR_SHXYM'),
  partyType: z.string().describe('行政相对人类别 CF_XDR_LB'),
  agencyId: z.string().describe('执法机关编号'),
  agencyName: z.string(),
  agencyShortName: z.string(),
  field: z.string().describe('执法领域'),
  region: z.string().nullable().describe('所属街道（镇）'),
  procedure: z.string().describe('处罚为程序类别；许可为许可类别；检查结果为任务来源'),
  categories: z.array(z.string()).describe('处罚类别 CF_CFLB；许可为许可类别；检查结果为检查结果'),
  violationType: z.string().describe('违法行为类型 CF_WFXW；许可为许可证书名称；检查结果为检查任务名称'),
  violationFacts: z.string().describe('违法事实 CF_SY（已脱敏）；许可为许可内容；检查结果为检查事项'),
  penaltyContent: z.string().describe('处罚内容 CF_NR；许可为许可编号；检查结果为结果说明'),
  penaltyBasis: z.string().describe('处罚依据 CF_YJ；许可为许可依据（可为空）；检查结果为检查依据'),
  decisionDate: z.string().describe('处罚决定日期 CF_JDRQ；许可决定日期；检查完成日期'),
  year: z.number().int(),
  fineYuan: z.number().describe('罚款金额（元）；许可和检查结果为 0'),
  status: z.enum(PUBLIC_DISCLOSURE_STATUSES),
}) satisfies z.ZodType<SearchDoc>;

export const HighlightSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));

export const FacetCountSchema = z.object({ value: z.string(), count: z.number().int().min(1) });

export const FacetsSchema = z.partialRecord(z.enum(FACETS), z.array(FacetCountSchema));
