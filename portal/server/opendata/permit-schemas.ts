import { z } from 'zod';
import { DISCLOSURE_STATUSES } from '@sunlight/domain/schemas/disclosure';
import {
  PERMIT_CATEGORIES,
  PermitInputSchema,
  PermitTombstoneSchema,
  PublicPermitSchema,
} from '@sunlight/domain/schemas/permit';
import { ProblemSchema } from '@sunlight/api-client/schemas';
import { isRealIsoDate } from '@sunlight/domain/validators/dates';

/** Request and response shapes of the permit routes (行政许可), in the style of ./api-schemas.ts. */

export const PermitResponseSchema = z.object({
  ...PublicPermitSchema.shape,
  url: z.string(),
  agencyUrl: z.string(),
});

/** The 410 answer: the permit's tombstone, its `status` named `recordStatus`. */
export const PermitTombstoneProblemSchema = ProblemSchema.extend({
  ...PermitTombstoneSchema.omit({ status: true }).shape,
  recordStatus: PermitTombstoneSchema.shape.status,
  date: PermitTombstoneSchema.shape.date.describe('撤回日期或有效期至'),
});

export const PermitListItemSchema = z.object({ ...PublicPermitSchema.shape, url: z.string(), apiUrl: z.string() });

export const PermitListResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
  permits: z.array(PermitListItemSchema),
});

const date = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为YYYY-MM-DD格式，如2025-03-18`)
    .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isRealIsoDate(s), `${label}不是真实存在的日期`)
    .optional();

/** Filters of the permit list (page and API read the same parameters). */
export const PermitListQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100, '关键词最多100个字')
    .optional()
    .describe('行政相对人名称、统一社会信用代码、文书号、许可编号或许可证书名称'),
  agency: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, '执法机关应为机关编号，如market')
    .optional()
    .describe('许可机关编号'),
  category: z
    .enum(PERMIT_CATEGORIES, { error: `许可类别应为以下之一：${PERMIT_CATEGORIES.join('、')}` })
    .optional()
    .describe('许可类别'),
  dateFrom: date('许可决定日期起').describe('许可决定日期起（含）'),
  dateTo: date('许可决定日期止').describe('许可决定日期止（含）'),
  page: z.coerce
    .number({ error: 'page 应为正整数' })
    .int('page 应为整数')
    .min(1, 'page 最小为1')
    .max(10_000, 'page 最大为10000')
    .default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize 应为1到100的整数' })
    .int('pageSize 应为整数')
    .min(1, 'pageSize 最小为1')
    .max(100, 'pageSize 最大为100')
    .default(20),
});
export type PermitListQuery = z.output<typeof PermitListQuerySchema>;

const ReviewDoubtSchema = z.object({ field: z.string(), label: z.string(), reason: z.string() });
const FieldErrorSchema = z.object({ field: z.string(), label: z.string().optional(), message: z.string() });

export const PermitIngestResultSchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged', 'not_published', 'refused']),
  id: z.string(),
  status: z.enum(DISCLOSURE_STATUSES).optional(),
  validUntil: z.string().optional(),
  reason: z.string().optional(),
  masked: z
    .array(ReviewDoubtSchema)
    .optional()
    .describe('自动脱敏不能确定、已按个人信息隐去的内容（字段和原因）：请核对公开页面'),
  url: z.string(),
  apiUrl: z.string().optional(),
});

export const PermitBatchResultSchema = z.object({
  lines: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      line: z.number().int(),
      ok: z.boolean(),
      outcome: z.string().optional(),
      id: z.string().optional(),
      status: z.string().optional(),
      validUntil: z.string().optional(),
      url: z.string().optional(),
      reason: z.string().optional(),
      masked: z.array(ReviewDoubtSchema).optional(),
      decisionNo: z.string().optional(),
      errors: z.array(FieldErrorSchema).optional(),
    }),
  ),
});

export const PermitWithdrawResultSchema = z.object({
  id: z.string(),
  status: z.literal('withdrawn'),
  tombstone: PermitTombstoneSchema.omit({ id: true }),
});

export const PermitCorrectionRequestSchema = z.intersection(
  PermitInputSchema,
  z.object({ correctionNote: z.string().min(4).describe('公开的更正说明（至少4个字）') }),
);

/** Filters of the permit exports: the list's filters without paging. */
export const PermitExportQuerySchema = PermitListQuerySchema.omit({ page: true, pageSize: true });
