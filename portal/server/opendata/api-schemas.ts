import { z } from 'zod';
import {
  DISCLOSURE_STATUSES,
  DisclosureTombstoneSchema,
  PublicDisclosureSchema,
} from '@sunlight/domain/schemas/disclosure';
import { FacetsSchema, HighlightSchema, SearchDocSchema } from '@sunlight/search-indexer/schema';

/** Response shapes of the public API, one schema each: the OpenAPI document and the tests use these. */

export const ProblemSchema = z
  .object({
    type: z.string().describe('问题类型的稳定 URI，见 /open-data#errors'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          parameter: z.string().optional(),
          field: z.string().optional(),
          label: z.string().optional(),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .passthrough();

/** The 410 answer: the domain's tombstone, its `status` named `recordStatus` (`status` is the HTTP status). */
export const TombstoneProblemSchema = ProblemSchema.extend({
  ...DisclosureTombstoneSchema.omit({ status: true }).shape,
  recordStatus: DisclosureTombstoneSchema.shape.status,
  date: DisclosureTombstoneSchema.shape.date.describe('撤回日期或公示截止日期'),
});

export const SearchHitSchema = SearchDocSchema.extend({
  url: z.string().describe('公示页面固定地址'),
  apiUrl: z.string(),
  exact: z.boolean().describe('是否为统一社会信用代码或决定书文号的精确命中'),
  highlights: z.record(z.string(), HighlightSchema).optional(),
});

export const SearchResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable(),
  engine: z.enum(['embedded', 'meilisearch']),
  suggestion: z
    .object({
      q: z.string().describe('纠正一个字后的关键词'),
      applied: z.boolean().describe('为 true 时，hits、total 与 facets 是纠正后关键词的结果（原关键词无结果）'),
      text: z.string().describe('给用户看的提示，如“您是不是要找：消防”'),
    })
    .nullable()
    .describe('原关键词查不到或只查到一两条、而改动一个字后能查到更多时给出的建议；否则为 null'),
  hits: z.array(SearchHitSchema),
  facets: FacetsSchema,
});

export const DisclosureResponseSchema = z.object({
  ...PublicDisclosureSchema.shape,
  url: z.string(),
  agencyUrl: z.string(),
});

export const EnterpriseResponseSchema = z.object({
  creditCode: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  url: z.string(),
  disclosures: z.array(z.object({ ...PublicDisclosureSchema.shape, url: z.string(), apiUrl: z.string() })),
  inspections: z.object({
    total: z.number().int(),
    byYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
  }),
});

export const ChangeEventSchema = z.object({
  seq: z.number().int(),
  cursor: z.string(),
  id: z.string(),
  kind: z.enum(DISCLOSURE_STATUSES),
  at: z.string(),
  agencyId: z.string(),
  reason: z.string().nullable(),
  withdrawalType: z.string().nullable(),
  decisionNo: z.string(),
  record: PublicDisclosureSchema.nullable().describe('published/corrected 时为当前公开内容；记录已撤回或期满时为 null'),
});

export const ChangesResponseSchema = z.object({
  events: z.array(ChangeEventSchema),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  latest: z.string(),
});

const FieldErrorSchema = z.object({ field: z.string(), label: z.string().optional(), message: z.string() });

const ReviewDoubtSchema = z.object({
  field: z.string().describe('存疑的字段'),
  label: z.string().describe('字段中文名'),
  reason: z.string().describe('为何不能自动确定'),
});

export const IngestResultSchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged', 'not_published', 'held']),
  id: z.string(),
  status: z.enum(DISCLOSURE_STATUSES).optional(),
  publicationEndDate: z.string().optional(),
  reason: z.string().optional(),
  /** For `held`: what the redactor could not decide; the record waits in the review queue, not public. */
  review: z.array(ReviewDoubtSchema).optional(),
  reviewUrl: z.string().optional(),
  url: z.string(),
  apiUrl: z.string().optional(),
});

export const ReviewQueueSchema = z.object({
  total: z.number().int(),
  held: z.array(
    z.object({
      id: z.string(),
      agencyId: z.string(),
      decisionNo: z.string(),
      heldAt: z.string(),
      doubts: z.array(ReviewDoubtSchema),
      preview: z.record(z.string(), z.unknown()).describe('自动脱敏后将公开的样子'),
      original: z.record(z.string(), z.string()).describe('存疑字段的原文（仅本机关可见）'),
      releaseUrl: z.string(),
    }),
  ),
});

export const ReleaseRequestSchema = z.strictObject({
  fields: z.record(z.string(), z.string()).describe('每个存疑字段更正后（或确认无误）的文本'),
});

export const BatchResultSchema = z.object({
  lines: z.number().int(),
  accepted: z.number().int(),
  held: z.number().int().describe('已接收但因脱敏存疑暂不公开的条数'),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      line: z.number().int(),
      ok: z.boolean(),
      outcome: z.string().optional(),
      id: z.string().optional(),
      status: z.string().optional(),
      url: z.string().optional(),
      reason: z.string().optional(),
      decisionNo: z.string().optional(),
      errors: z.array(FieldErrorSchema).optional(),
    }),
  ),
});

export const WithdrawResultSchema = z.object({
  id: z.string(),
  status: z.literal('withdrawn'),
  tombstone: DisclosureTombstoneSchema.omit({ id: true }),
});
