import { z } from 'zod';
import { SignedTreeHeadSchema } from '../transparency/schemas';
import { RecordTypeSchema, recordTypeLabels } from '@sunlight/domain/schemas/record-type';
import {
  DISCLOSURE_STATUSES,
  DisclosureInputSchema,
  DisclosureTombstoneSchema,
  PublicDisclosureSchema,
} from '@sunlight/domain/schemas/disclosure';
import { PublicPermitSchema } from '@sunlight/domain/schemas/permit';
import { FacetsSchema, HighlightSchema, SearchDocSchema } from '@sunlight/search-indexer/schema';
import { ProblemSchema } from '@sunlight/api-client/schemas';
import { PermitResponseSchema } from './permit-schemas';
import { CERTIFICATE_STATUSES } from '@sunlight/domain/schemas/certificate';
import { INSPECTION_RESULT_STATUSES, PublicInspectionResultSchema } from '@sunlight/domain/schemas/inspection-result';

/**
 * Request and response shapes of the API, one schema each: the routes answer with these types, the
 * OpenAPI document (./openapi.ts) is built from them and the tests check live answers against it. The
 * shapes the mini-program also reads live in @sunlight/api-client.
 */

export { ProblemSchema };

/** The 410 answer: the domain's tombstone, its `status` named `recordStatus` (`status` is the HTTP status). */
export const TombstoneProblemSchema = ProblemSchema.extend({
  ...DisclosureTombstoneSchema.omit({ status: true }).shape,
  recordStatus: DisclosureTombstoneSchema.shape.status,
  date: DisclosureTombstoneSchema.shape.date.describe('撤回日期或公示截止日期'),
});

export const SearchHitSchema = SearchDocSchema.extend({
  typeLabel: z.enum(Object.values(recordTypeLabels) as [string, ...string[]]).describe('记录类型的中文名称'),
  url: z.string().describe('该记录公示页面的固定地址（按类型：/disclosures、/permits、/inspection-results）'),
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
  permits: z
    .array(z.object({ ...PublicPermitSchema.shape, url: z.string(), apiUrl: z.string() }))
    .describe('当前有效并公示的行政许可'),
  inspections: z.object({
    total: z.number().int(),
    byYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
  }),
  inspectionResults: z
    .array(z.object({ ...PublicInspectionResultSchema.shape, url: z.string(), apiUrl: z.string() }))
    .describe('公开的抽查检查结果'),
});

const resultLinks = {
  url: z.string().describe('检查结果页面'),
  apiUrl: z.string(),
  drawUrl: z.string().nullable().describe('选中该企业的双随机抽取记录'),
  penaltyUrl: z.string().nullable().describe('其后作出且正在公示的处罚决定'),
};

export const InspectionResultResponseSchema = z.object({ ...PublicInspectionResultSchema.shape, ...resultLinks });

export const ChangeEventSchema = z.object({
  seq: z.number().int(),
  cursor: z.string().describe('不透明的游标：原样作为下一次请求的 since，不要自行计算'),
  type: RecordTypeSchema.describe('记录类型：penalty 行政处罚、permit 行政许可、inspection-result 检查结果'),
  id: z.string(),
  kind: z.enum(DISCLOSURE_STATUSES),
  at: z.string(),
  agencyId: z.string(),
  reason: z.string().nullable(),
  withdrawalType: z.string().nullable(),
  decisionNo: z.string(),
  url: z.string().describe('该记录公示页面的固定地址（撤回或期满后显示撤回理由）'),
  apiUrl: z.string().describe('该记录的接口地址（GET /api/v1/<类型>/{id}）'),
  record: z
    .union([DisclosureResponseSchema, PermitResponseSchema, InspectionResultResponseSchema])
    .nullable()
    .describe(
      'published/corrected 时为当前公开内容，与该类型的 NDJSON 导出行和 GET /api/v1/<类型>/{id} 的回答相同（按 type：处罚决定、行政许可或检查结果）；记录已撤回或期满时为 null',
    ),
});

/** 409 cursor-ahead: the change feed refuses a cursor beyond its newest event and says how to recover. */
export const CursorAheadProblemSchema = ProblemSchema.extend({
  latest: z.string().describe('变更记录的最新游标'),
  resync: z.object({
    exports: z.array(z.string()).describe('各类型的 NDJSON 全量导出'),
    snapshots: z.string().describe('每日快照列表'),
    continueFrom: z.string().describe('重建后继续订阅的地址（since=latest）'),
  }),
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
  outcome: z.enum(['created', 'updated', 'unchanged', 'not_published', 'held', 'refused']),
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
      publicationEndDate: z.string().optional(),
      url: z.string().optional(),
      reason: z.string().optional(),
      review: z.array(ReviewDoubtSchema).optional().describe('held：存疑的字段和原因'),
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

/** One record of the ingest body plus the public correction note. */
export const CorrectionRequestSchema = z.intersection(
  DisclosureInputSchema,
  z.object({ correctionNote: z.string().min(4).describe('公开的更正说明（至少4个字）') }),
);

export const SnapshotListSchema = z.object({
  snapshots: z.array(
    z.object({
      date: z.string().describe('快照日期（北京时间）'),
      file: z.string(),
      bytes: z.number().int(),
      records: z.number().int(),
      sha256: z.string(),
      url: z.string(),
      checksumUrl: z.string(),
    }),
  ),
});

const DrawAssignmentSchema = z.object({ enterpriseCreditCode: z.string(), inspectorIds: z.array(z.string()) });

export const DrawAnswerSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  status: z.enum(['committed', 'revealed']),
  algorithm: z.string(),
  algorithmName: z.string(),
  createdAt: z.string(),
  revealedAt: z.string().optional(),
  commitment: z.string().describe('hex(SHA-256(种子))：创建时公布'),
  inputsHash: z.string().describe('hex(SHA-256(规范化的抽取输入))'),
  inputs: z.object({
    agencyId: z.string(),
    itemCodes: z.array(z.string()),
    enterprisePool: z.array(z.string()),
    inspectorPool: z.array(z.string()),
    enterpriseCount: z.number().int(),
    inspectorsPerEnterprise: z.number().int(),
  }),
  criteria: z.record(z.string(), z.unknown()),
  seed: z
    .string()
    .optional()
    .describe('揭示后公布：v1 为抽取所用的种子；v2 为承诺的秘密值，抽取所用的种子 = SHA-256(秘密值 ‖ beacon 的根哈希)'),
  logIndex: z.number().int().optional().describe('v2：承诺在公开日志中的条目序号（创建时记入）'),
  beacon: SignedTreeHeadSchema.optional().describe(
    'v2，揭示后公布：包含承诺条目的第一个签名树头（信标）；它在承诺之后签发，运营方无法选择',
  ),
  result: z.object({ algorithm: z.string(), assignments: z.array(DrawAssignmentSchema) }).optional(),
  names: z
    .object({ enterprises: z.record(z.string(), z.string()), inspectors: z.record(z.string(), z.string()) })
    .optional(),
  url: z.string().describe('抽取记录的公开页面'),
  revealUrl: z.string().optional().describe('揭示种子和结果的接口（创建时给出）'),
});

const CertificateLinksShape = {
  verifyUrl: z.string().describe('二维码编码的核验地址（含令牌）'),
  printUrl: z.string(),
  qrSvgUrl: z.string(),
  qrPngUrl: z.string(),
  apiUrl: z.string(),
};

export const IssuedInspectionSchema = z.object({
  ...CertificateLinksShape,
  outcome: z.enum(['created', 'existing']),
  inspectionId: z.string(),
  certificateNo: z.string(),
  status: z.string(),
  token: z.string().describe('签名的检查证令牌（紧凑 JWS）：随检查任务保管'),
  kid: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  flagged: z.boolean().describe('超出年度检查上限而依理由受理（投诉举报/上级交办），监督机关会看到'),
  capExceeded: z
    .array(
      z.object({
        field: z.string(),
        year: z.number().int(),
        maxPerEnterprise: z.number().int(),
        inspectionsThisYear: z.number().int(),
        basis: z.string(),
      }),
    )
    .optional(),
});

const AgencyCertificateShape = {
  certificateNo: z.string(),
  inspectionId: z.string(),
  agencyId: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  kid: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  revokedAt: z.string().optional(),
  revocationReason: z.string().optional(),
};

export const AgencyCertificateSchema = z.object({
  ...AgencyCertificateShape,
  ...CertificateLinksShape,
  token: z.string(),
});

export const RevokeRequestSchema = z.strictObject({
  reason: z
    .string({ error: '必填：撤销理由（公开显示在核验页面）' })
    .trim()
    .min(2, '请说明撤销理由')
    .max(500, '理由不超过500字'),
});

export const RevokeResultSchema = z.object({
  ...AgencyCertificateShape,
  outcome: z.enum(['revoked', 'unchanged']),
  verifyUrl: z.string().describe('核验页面（不含令牌）'),
});

export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** An agency's recorded (or corrected) inspection result: scheduled until `publishAt`, then public at `url`. */
export const InspectionResultIngestSchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged']),
  id: z.string().describe('检查结果的公示编号'),
  inspectionId: z.string(),
  status: z.enum(INSPECTION_RESULT_STATUSES).describe('scheduled：已登记，到 publishAt 时公开'),
  publishAt: z.string().describe('公开时间（登记后按 SUNLIGHT_RESULT_DELAY_DAYS 延迟）'),
  url: z.string().describe('公开后的页面地址'),
  apiUrl: z.string(),
});

export const InspectionResultWithdrawnSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  status: z.literal('withdrawn'),
  tombstone: z.object({
    decisionNo: z.string().describe('检查任务编号'),
    status: z.literal('withdrawn'),
    date: z.string(),
    reason: z.string(),
  }),
});

export const InspectionResultListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(InspectionResultResponseSchema),
});

/** The 410 answer of a withdrawn result: task number, date and reason only. */
export const ResultTombstoneProblemSchema = ProblemSchema.extend({
  id: z.string(),
  inspectionId: z.string().describe('检查任务编号'),
  recordStatus: z.literal('withdrawn'),
  date: z.string().describe('撤回日期'),
  reason: z.string(),
});
