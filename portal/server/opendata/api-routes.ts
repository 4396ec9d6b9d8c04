import { z } from 'zod';
import { ReportPhotoResultSchema } from '@sunlight/domain/schemas/report';
import { operations, type OperationSpec } from '@sunlight/api-client';
import { InspectionInputSchema } from '@sunlight/domain/schemas/inspection';
import { DisclosureInputSchema } from '@sunlight/domain/schemas/disclosure';
import { SearchQuerySchema } from '@sunlight/search-indexer/query';
import { SEARCH_BODY_PATHS } from '../http/public-api';
import { WithdrawRequestSchema } from '../ingest/amend';
import { PermitWithdrawRequestSchema } from '../ingest/permits';
import { DrawRequestSchema } from '../inspections/draws';
import {
  InspectionResultInputSchema,
  InspectionResultWithdrawSchema,
} from '@sunlight/domain/schemas/inspection-result';
import { ResultExportQuerySchema, ResultListQuerySchema } from '../inspection-results/params';
import {
  AgencyCertificateSchema,
  BatchResultSchema,
  ChangesResponseSchema,
  CorrectionRequestSchema,
  CursorAheadProblemSchema,
  DisclosureResponseSchema,
  DrawAnswerSchema,
  EnterpriseResponseSchema,
  IngestResultSchema,
  InspectionResultIngestSchema,
  InspectionResultListSchema,
  InspectionResultResponseSchema,
  InspectionResultWithdrawnSchema,
  IssuedInspectionSchema,
  OpenApiDocumentSchema,
  ReleaseRequestSchema,
  ResultTombstoneProblemSchema,
  ReviewQueueSchema,
  RevokeRequestSchema,
  RevokeResultSchema,
  SearchResponseSchema,
  SnapshotListSchema,
  TombstoneProblemSchema,
  WithdrawResultSchema,
} from './api-schemas';
import { ChangesQuerySchema, ExportQuerySchema } from './params';
import {
  PermitBatchResultSchema,
  PermitCorrectionRequestSchema,
  PermitExportQuerySchema,
  PermitIngestResultSchema,
  PermitListQuerySchema,
  PermitListResponseSchema,
  PermitResponseSchema,
  PermitTombstoneProblemSchema,
  PermitWithdrawResultSchema,
} from './permit-schemas';
import { PermitInputSchema } from '@sunlight/domain/schemas/permit';
import {
  ConsistencyAnswerSchema,
  ConsistencyQuerySchema,
  EntriesAnswerSchema,
  EntriesQuerySchema,
  ENTRIES_MAX,
  InclusionAnswerSchema,
  InclusionQuerySchema,
  SignedTreeHeadSchema,
} from '../transparency/schemas';

/**
 * Every route of the API, once: the OpenAPI document (./openapi.ts) is built from this list, and the
 * integration test (tests/integration/openapi.test.ts) fails when a file under pages/api has no entry here
 * and calls every operation listed. Schemas are the ones the routes parse with and answer in.
 */
export interface ApiAnswer {
  description: string;
  /** No schema: an answer without a body (304). */
  schema?: z.ZodType;
  /** application/json unless given; several when the answer's media type depends on what is asked for. */
  contentType?: string | readonly string[];
  /**
   * For a stream of JSON texts (application/x-ndjson): the schema of each line. Documented as the media
   * type's `x-itemSchema` (OpenAPI 3.2's `itemSchema`, which 3.1 does not have yet).
   */
  itemSchema?: z.ZodType;
  headers?: z.ZodObject;
}

/** An operation of the API (see OperationSpec), with who may call it and the problems it answers. */
export interface ApiRoute extends Omit<OperationSpec, 'answers'> {
  /** `agency`: needs an agency's bearer token (sunlight token create). */
  access: 'public' | 'agency';
  headers?: z.ZodObject;
  /** Request bodies in other media types than application/json. */
  otherBodies?: Readonly<Record<string, z.ZodType>>;
  answers: Readonly<Record<number, ApiAnswer>>;
  /** The problem+json answers the route gives itself, with when. */
  problems: Readonly<Record<number, string>>;
}

/** Open-data reads and the business's routes pass the middleware's partner-key check and rate limit. */
export function isRateLimited(route: Pick<ApiRoute, 'path' | 'method'>): boolean {
  if (route.path.startsWith('/api/v1/ingest/')) return false;
  if (route.path.startsWith('/feeds/')) return true;
  if (route.path.startsWith('/api/v1/certificates/') || route.path === '/api/v1/business/enrolments') return true;
  if (route.path.startsWith('/api/v1/reports')) return true;
  return route.path.startsWith('/api/v1/') && (route.method === 'get' || SEARCH_BODY_PATHS.includes(route.path));
}

const str = (description: string) => z.string().describe(description);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const cacheHeaders = z.object({
  ETag: str('实体标签；请求时放在 If-None-Match 中可得到 304'),
  'Last-Modified': str('最后修改时间；请求时放在 If-Modified-Since 中可得到 304'),
});
const notModified: ApiAnswer = { description: '未修改（条件请求命中）' };
const id = (description: string) => z.object({ id: str(description) });
const certificateNo = z.object({ no: str('电子检查证编号，如 JCZ-2026-0004321-5') });
const text = (description: string, contentType: string): ApiAnswer => ({
  description,
  schema: z.string(),
  contentType,
});

const JSON_PROBLEMS = { 400: '请求体不是有效的 JSON', 413: '请求体过大', 415: '请以 application/json 提交' } as const;
const PROOF_PROBLEMS = {
  ...JSON_PROBLEMS,
  401: '未能证明是被检查企业（business-proof-failed）：缺少、无效或已注销的企业身份凭证。回答与该检查证是否已有登记或评价无关；在真实的检查证上的这类尝试会被记录并向监督机关预警',
  403: '检查证令牌无效，或本机绑定的企业不是这次检查的对象（后者会被记录）',
  404: '检查证编号格式不对或没有这张检查证',
  409: 'clientId 已用于另一份提交，或评价已确定、由另一企业身份作出、不在评价期内',
  422: '记录未通过校验，errors 中列出字段',
} as const;
const CLOSED_TO_READERS = {
  401: '评价和登记记录不公开：仅监督机关在监督工作台查看',
  403: '执法机关的令牌不能读取（对被检查机关匿名）',
} as const;

const exportRoute = (format: 'csv' | 'ndjson' | 'xlsx'): ApiRoute => ({
  operationId: format === 'csv' ? 'exportCsv' : format === 'xlsx' ? 'exportXlsx' : 'exportNdjson',
  method: 'get',
  path: `/api/v1/exports/disclosures.${format}`,
  summary:
    format === 'xlsx'
      ? '全部公开决定的 Excel 工作簿（.xlsx；标识符为文本单元格，适合直接用 Excel、WPS、LibreOffice 打开）'
      : format === 'csv'
        ? '全部公开决定的 CSV（UTF-8 带 BOM；第一行中文列名，第二行 CF_* 代码）'
        : '全部公开决定的 NDJSON（每行一条，字段同 Disclosure）',
  description:
    '流式导出当前公开的全部处罚决定，可按执法机关和决定日期筛选。支持 ETag / Last-Modified 条件请求；已撤回或公示期已满的决定不在其中。',
  tags: ['sync'],
  access: 'public',
  query: ExportQuerySchema,
  answers: {
    200:
      format === 'xlsx'
        ? {
            description:
              'Excel 工作簿（.xlsx，流式）：第一行中文列名、第二行CF_* 代码；文本（含全数字的统一社会信用代码、注册号、组织机构代码）均为文本单元格，日期为日期，金额为数字，不含公式',
            schema: z.string().meta({ contentMediaType: XLSX }),
            contentType: XLSX,
            headers: cacheHeaders,
          }
        : format === 'csv'
          ? { ...text('CSV 流', 'text/csv'), headers: cacheHeaders }
          : {
              ...text(
                'NDJSON 流：每行一个 Disclosure（与 GET /api/v1/disclosures/{id} 的回答相同）',
                'application/x-ndjson',
              ),
              itemSchema: DisclosureResponseSchema,
              headers: cacheHeaders,
            },
    304: notModified,
  },
  problems: { 400: '参数无效，errors 中列出参数名' },
});

const resultExportRoute = (format: 'csv' | 'ndjson' | 'xlsx'): ApiRoute => ({
  operationId:
    format === 'csv'
      ? 'exportInspectionResultsCsv'
      : format === 'xlsx'
        ? 'exportInspectionResultsXlsx'
        : 'exportInspectionResultsNdjson',
  method: 'get',
  path: `/api/v1/exports/inspection-results.${format}`,
  summary:
    format === 'xlsx'
      ? '全部公开的抽查检查结果 Excel 工作簿（.xlsx；标识符为文本单元格）'
      : format === 'csv'
        ? '全部公开的抽查检查结果 CSV（UTF-8 带 BOM；第一行中文列名）'
        : '全部公开的抽查检查结果 NDJSON（每行一条，字段同 InspectionResult）',
  description:
    '流式导出当前公开的全部检查结果，可按检查机关、检查结果、任务来源和检查完成日期筛选。支持条件请求；待公开和已撤回的结果不在其中。',
  tags: ['inspection-results'],
  access: 'public',
  query: ResultExportQuerySchema,
  answers: {
    200:
      format === 'xlsx'
        ? {
            description:
              'Excel 工作簿（.xlsx，流式）：第一行中文列名、文本（含全数字的统一社会信用代码、注册号、组织机构代码）均为文本单元格，日期为日期，金额为数字，不含公式',
            schema: z.string().meta({ contentMediaType: XLSX }),
            contentType: XLSX,
            headers: cacheHeaders,
          }
        : format === 'csv'
          ? { ...text('CSV 流', 'text/csv'), headers: cacheHeaders }
          : {
              ...text(
                'NDJSON 流：每行一个 InspectionResult（与 GET /api/v1/inspection-results/{id} 的回答相同）',
                'application/x-ndjson',
              ),
              itemSchema: InspectionResultResponseSchema,
              headers: cacheHeaders,
            },
    304: notModified,
  },
  problems: { 400: '参数无效，errors 中列出参数名' },
});

const permitExportRoute = (format: 'csv' | 'ndjson' | 'xlsx'): ApiRoute => ({
  operationId: format === 'csv' ? 'exportPermitsCsv' : format === 'xlsx' ? 'exportPermitsXlsx' : 'exportPermitsNdjson',
  method: 'get',
  path: `/api/v1/exports/permits.${format}`,
  summary:
    format === 'xlsx'
      ? '全部有效行政许可的 Excel 工作簿（.xlsx；标识符为文本单元格）'
      : format === 'csv'
        ? '全部有效行政许可的 CSV（UTF-8 带 BOM；第一行中文列名，第二行 XK_* 代码）'
        : '全部有效行政许可的 NDJSON（每行一条，字段同 Permit）',
  description:
    '流式导出当前公示的全部行政许可（有效期内、未撤销），可按许可机关、许可类别、决定日期和关键词筛选。支持 ETag / Last-Modified 条件请求；已撤销、注销或有效期届满的许可不在其中。',
  tags: ['sync'],
  access: 'public',
  query: PermitExportQuerySchema,
  answers: {
    200:
      format === 'xlsx'
        ? {
            description:
              'Excel 工作簿（.xlsx，流式）：第一行中文列名、第二行XK_* 代码；文本（含全数字的统一社会信用代码、注册号、组织机构代码）均为文本单元格，日期为日期，金额为数字，不含公式',
            schema: z.string().meta({ contentMediaType: XLSX }),
            contentType: XLSX,
            headers: cacheHeaders,
          }
        : format === 'csv'
          ? { ...text('CSV 流', 'text/csv'), headers: cacheHeaders }
          : {
              ...text('NDJSON 流：每行一个 Permit（与 GET /api/v1/permits/{id} 的回答相同）', 'application/x-ndjson'),
              itemSchema: PermitResponseSchema,
              headers: cacheHeaders,
            },
    304: notModified,
  },
  problems: { 400: '参数无效，errors 中列出参数名' },
});

const businessReads = (op: typeof operations.checkIn | typeof operations.evaluate): ApiRoute => ({
  operationId: op.operationId === 'checkIn' ? 'readCheckIns' : 'readEvaluations',
  method: 'get',
  path: op.path,
  summary: op.operationId === 'checkIn' ? '读取事中登记（不公开）' : '读取事后评价（不公开）',
  description:
    '登记和评价只提交监督机关（区司法局），在监督工作台或 sunlight evaluations list 查看：匿名请求回答 401，执法机关令牌回答 403。此操作只有错误回答。',
  tags: ['business'],
  access: 'public',
  params: certificateNo,
  answers: {},
  problems: CLOSED_TO_READERS,
});

export const API_ROUTES: readonly ApiRoute[] = [
  {
    operationId: 'searchDisclosures',
    method: 'get',
    path: '/api/v1/disclosures',
    summary: '查询公开的行政处罚决定',
    description:
      '与门户查询页相同的查询模型：关键词（名称、统一社会信用代码、决定书文号或违法行为），按机关、领域、处罚类别、程序、当事人类型、地区、状态、日期、罚款金额筛选，分面统计、排序、分页或游标翻页。列表参数用逗号分隔或重复参数。不带 type 时只查行政处罚（type=penalty）；type 可改为其他记录类型，跨类型查询见 GET /api/v1/search。',
    tags: ['disclosures'],
    access: 'public',
    query: SearchQuerySchema,
    answers: { 200: { description: '查询结果', schema: SearchResponseSchema } },
    problems: { 400: '查询参数无效，errors 中列出参数名' },
  },
  {
    operationId: 'searchDisclosuresJson',
    method: 'post',
    path: '/api/v1/disclosures/search',
    summary: '以 JSON 请求体查询',
    description:
      '与 GET /api/v1/disclosures 相同的查询模型，字段同名，列表字段用数组。不带 type 时只查行政处罚。请求体最多 64,000 字节。',
    tags: ['disclosures'],
    access: 'public',
    body: SearchQuerySchema,
    answers: { 200: { description: '查询结果', schema: SearchResponseSchema } },
    problems: { 400: '请求体不是有效的 JSON，或查询参数无效', 413: '请求体超过 64,000 字节' },
  },
  {
    operationId: 'searchRecords',
    method: 'get',
    path: '/api/v1/search',
    summary: '跨类型查询：行政处罚、行政许可和检查结果',
    description:
      '与 GET /api/v1/disclosures 相同的查询模型，但不带 type 时查询全部公开记录类型（双公示的行政处罚和行政许可，以及双随机抽查检查结果）。type=penalty,permit,inspection-result 中的一项或几项缩小范围；facets=type 给出各类型的条数，其和等于 total。每条结果带 type、typeLabel 和该类型页面的固定地址 url。',
    tags: ['disclosures'],
    access: 'public',
    query: SearchQuerySchema,
    answers: { 200: { description: '查询结果', schema: SearchResponseSchema } },
    problems: { 400: '查询参数无效（如未知的 type），errors 中列出参数名' },
  },
  {
    operationId: 'searchRecordsJson',
    method: 'post',
    path: '/api/v1/search',
    summary: '以 JSON 请求体跨类型查询',
    description: '与 GET /api/v1/search 相同，字段同名，列表字段用数组。请求体最多 64,000 字节。',
    tags: ['disclosures'],
    access: 'public',
    body: SearchQuerySchema,
    answers: { 200: { description: '查询结果', schema: SearchResponseSchema } },
    problems: { 400: '请求体不是有效的 JSON，或查询参数无效', 413: '请求体超过 64,000 字节' },
  },
  {
    operationId: 'getDisclosure',
    method: 'get',
    path: '/api/v1/disclosures/{id}',
    summary: '一条公开的处罚决定（固定地址）',
    description:
      '当前公开的内容，含更正说明。已撤回或公示期已满的决定回答 410，只给出决定书文号、日期和理由。支持条件请求。',
    tags: ['disclosures'],
    access: 'public',
    params: id('公示编号'),
    answers: {
      200: { description: '公开的决定', schema: DisclosureResponseSchema, headers: cacheHeaders },
      304: notModified,
      410: {
        description: '已撤回或公示期已满：只有决定书文号、日期和理由',
        schema: TombstoneProblemSchema,
        contentType: 'application/problem+json',
      },
    },
    problems: { 404: '没有这条记录' },
  },
  {
    operationId: 'getEnterprise',
    method: 'get',
    path: '/api/v1/enterprises/{creditCode}',
    summary: '一个执法对象的公开处罚决定、行政许可和接受检查次数',
    description: '按统一社会信用代码查询：当前公开的处罚决定、公示中的行政许可，以及按年统计的接受涉企检查次数。',
    tags: ['disclosures'],
    access: 'public',
    params: z.object({ creditCode: str('18位统一社会信用代码') }),
    answers: { 200: { description: '执法对象', schema: EnterpriseResponseSchema } },
    problems: { 400: '代码格式错误（校验位不对等）', 404: '没有这个执法对象' },
  },
  {
    operationId: 'listPermits',
    method: 'get',
    path: '/api/v1/permits',
    summary: '查询公示中的行政许可（双公示）',
    description:
      '有效期内、未撤销的行政许可，按许可决定日期从新到旧。可按许可机关、许可类别、决定日期和关键词（行政相对人名称、统一社会信用代码、文书号、许可编号、许可证书名称）筛选，分页。',
    tags: ['permits'],
    access: 'public',
    query: PermitListQuerySchema,
    answers: { 200: { description: '一页行政许可', schema: PermitListResponseSchema } },
    problems: { 400: '查询参数无效，errors 中列出参数名' },
  },
  {
    operationId: 'getPermit',
    method: 'get',
    path: '/api/v1/permits/{id}',
    summary: '一项公示中的行政许可（固定地址）',
    description:
      '当前公示的内容，含更正说明。已撤销、撤回、注销、吊销、变更或有效期届满的许可回答 410，只给出决定文书号、日期和理由。支持条件请求。',
    tags: ['permits'],
    access: 'public',
    params: id('公示编号（以 p 开头）'),
    answers: {
      200: { description: '公示中的许可', schema: PermitResponseSchema, headers: cacheHeaders },
      304: notModified,
      410: {
        description: '已撤回或有效期届满：只有决定文书号、日期和理由',
        schema: PermitTombstoneProblemSchema,
        contentType: 'application/problem+json',
      },
    },
    problems: { 404: '没有这条记录' },
  },
  permitExportRoute('csv'),
  permitExportRoute('ndjson'),
  permitExportRoute('xlsx'),
  {
    operationId: 'listChanges',
    method: 'get',
    path: '/api/v1/changes',
    summary: '变更订阅：按顺序返回公示、更正、撤回、期满事件',
    description:
      '从 since=0 开始，每次把返回的 nextCursor 原样作为下一次的 since，直到 hasMore 为 false。收到 withdrawn 或 expired 时删除该记录。游标是不透明的字符串，服务重启后依然有效；本站从未发出的游标（超出 latest，例如来自另一个部署或恢复前的备份）回答 409 cursor-ahead，其中给出 latest 和重新同步的地址：从全量导出（或最新快照）重建，再以 since=latest 继续。published/corrected 事件的 record 与该类型 NDJSON 导出的一行相同。支持 ETag / Last-Modified 条件请求。',
    tags: ['sync'],
    access: 'public',
    query: ChangesQuerySchema,
    answers: {
      200: {
        description: '事件列表',
        schema: ChangesResponseSchema,
        headers: cacheHeaders.extend({ Link: str('rel="next" 的下一页地址') }),
      },
      304: notModified,
      409: {
        description:
          '游标超出了变更记录的最新位置（cursor-ahead）：latest 为最新游标，resync 给出全量导出、快照和继续订阅的地址',
        schema: CursorAheadProblemSchema,
        contentType: 'application/problem+json',
      },
    },
    problems: { 400: '参数无效（since 不是本站发出的游标格式等），errors 中列出参数名' },
  },
  exportRoute('csv'),
  exportRoute('ndjson'),
  exportRoute('xlsx'),
  {
    operationId: 'listInspectionResults',
    method: 'get',
    path: '/api/v1/inspection-results',
    summary: '查询公开的抽查检查结果（双随机、一公开）',
    description:
      '每项已完成检查的结果在登记后按配置的延迟公开：检查任务、检查机关、检查对象（自然人姓名显示为“姓+某”）、实际检查事项、完成日期、检查结果（全国统一用语）、结果说明，以及选中企业的抽取记录和其后作出的处罚决定。按完成日期从新到旧分页。',
    tags: ['inspection-results'],
    access: 'public',
    query: ResultListQuerySchema,
    answers: { 200: { description: '检查结果列表', schema: InspectionResultListSchema } },
    problems: { 400: '参数无效，errors 中列出参数名' },
  },
  {
    operationId: 'getInspectionResult',
    method: 'get',
    path: '/api/v1/inspection-results/{id}',
    summary: '一条公开的抽查检查结果（固定地址）',
    description: '已撤回的结果回答 410，只给出检查任务编号、撤回日期和理由；尚未公开的结果回答 404。支持条件请求。',
    tags: ['inspection-results'],
    access: 'public',
    params: id('检查结果公示编号（r 开头）'),
    answers: {
      200: { description: '公开的检查结果', schema: InspectionResultResponseSchema, headers: cacheHeaders },
      304: notModified,
      410: {
        description: '已撤回：只有检查任务编号、日期和理由',
        schema: ResultTombstoneProblemSchema,
        contentType: 'application/problem+json',
      },
    },
    problems: { 404: '没有这条公开的检查结果' },
  },
  resultExportRoute('csv'),
  resultExportRoute('ndjson'),
  resultExportRoute('xlsx'),
  {
    operationId: 'listSnapshots',
    method: 'get',
    path: '/api/v1/exports/snapshots',
    summary: '每日全量快照（CSV）及其 SHA-256，最新的在前',
    description: '每天生成一次全部公开决定的 CSV 快照；含已撤回或公示期已满记录的旧快照会被重写或不再提供。',
    tags: ['sync'],
    access: 'public',
    answers: { 200: { description: '快照列表', schema: SnapshotListSchema } },
    problems: {},
  },
  {
    operationId: 'getSnapshot',
    method: 'get',
    path: '/api/v1/exports/snapshots/{file}',
    summary: '一份每日快照（.csv）或其校验和（.csv.sha256）',
    description: '文件名形如 disclosures-2026-11-20.csv。支持条件请求。',
    tags: ['sync'],
    access: 'public',
    params: z.object({ file: str('快照文件名，如 disclosures-2026-11-20.csv 或 disclosures-2026-11-20.csv.sha256') }),
    answers: {
      200: {
        description: '快照文件（CSV），或其校验和（text/plain：SHA-256 与文件名）',
        schema: z.string(),
        contentType: ['text/csv', 'text/plain'],
        headers: cacheHeaders,
      },
      304: notModified,
    },
    problems: { 404: '没有这个快照文件（文件名不对，或旧快照已不再提供）' },
  },
  {
    operationId: 'atomFeed',
    method: 'get',
    path: '/feeds/disclosures.atom',
    summary: '最近 100 条变更的 Atom 订阅',
    description: '公示、更正、撤回和期满事件；撤回的条目只有理由，没有被撤回的内容。',
    tags: ['sync'],
    access: 'public',
    answers: { 200: text('Atom 1.0', 'application/atom+xml'), 304: notModified },
    problems: {},
  },
  {
    operationId: 'agencyAtomFeed',
    method: 'get',
    path: '/feeds/agencies/{id}.atom',
    summary: '某执法机关最近 100 条变更的 Atom 订阅',
    description: '同 /feeds/disclosures.atom，只含该机关的事件。',
    tags: ['sync'],
    access: 'public',
    params: id('执法机关编号，如 market'),
    answers: { 200: text('Atom 1.0', 'application/atom+xml'), 304: notModified },
    problems: { 404: '没有这个机关' },
  },
  {
    operationId: 'getDraw',
    method: 'get',
    path: '/api/v1/draws/{id}',
    summary: '一次“双随机”抽取：输入、承诺值，揭示后的种子和结果',
    description:
      '任何人都可以用公布的种子和输入重新运行抽取算法（@sunlight/verify/draw），核对结果与承诺值（种子的 SHA-256）一致。',
    tags: ['inspections'],
    access: 'public',
    params: id('抽取记录编号'),
    answers: { 200: { description: '抽取记录', schema: DrawAnswerSchema } },
    problems: { 404: '没有这条抽取记录' },
  },
  { ...operations.verifyCertificate, access: 'public', problems: {} },
  {
    operationId: 'certificateQrSvg',
    method: 'get',
    path: '/api/v1/certificates/{no}/qr.svg',
    summary: '检查证核验二维码（SVG）',
    description:
      '二维码编码含令牌的核验地址，令牌不公开：只回答签发机关的令牌（Authorization: Bearer），或已持有该检查证真实令牌的人（?t=）。',
    tags: ['certificates'],
    access: 'public',
    params: certificateNo,
    query: z.object({ t: str('检查证令牌').optional() }),
    answers: { 200: text('SVG 图片', 'image/svg+xml') },
    problems: {
      401: '没有令牌：请带上 ?t=<令牌>，或以签发机关的令牌请求',
      403: '令牌不是真实的，或检查证由其他机关签发',
      404: '检查证编号格式不对或没有这张检查证',
    },
  },
  {
    operationId: 'certificateQrPng',
    method: 'get',
    path: '/api/v1/certificates/{no}/qr.png',
    summary: '检查证核验二维码（PNG）',
    description: '同 qr.svg，PNG 格式；size 为边长像素（128–2048，默认 600）。',
    tags: ['certificates'],
    access: 'public',
    params: certificateNo,
    query: z.object({
      t: str('检查证令牌').optional(),
      size: z.coerce.number().int().min(128).max(2048).default(600).describe('边长像素'),
    }),
    answers: {
      200: {
        description: 'PNG 图片',
        schema: z.string().meta({ contentMediaType: 'image/png' }),
        contentType: 'image/png',
      },
    },
    problems: {
      401: '没有令牌：请带上 ?t=<令牌>，或以签发机关的令牌请求',
      403: '令牌不是真实的，或检查证由其他机关签发',
      404: '检查证编号格式不对或没有这张检查证',
    },
  },
  { ...operations.publicKeys, access: 'public', problems: {} },
  { ...operations.checkIn, access: 'public', problems: PROOF_PROBLEMS },
  businessReads(operations.checkIn),
  { ...operations.evaluate, access: 'public', problems: PROOF_PROBLEMS },
  businessReads(operations.evaluate),
  {
    ...operations.fileReport,
    access: 'public',
    problems: {
      ...JSON_PROBLEMS,
      409: 'clientId 已用于另一份反映',
      422: '记录未通过校验，errors 中列出字段',
      429: '同一网络一天内反映超过5份',
    },
  },
  { ...operations.readReport, access: 'public', problems: { 404: '没有这个回执编号' } },
  {
    operationId: 'addReportPhoto',
    method: 'post',
    path: '/api/v1/reports/{receipt}/photos',
    summary: '为反映补充照片',
    description:
      '请求体为一张 JPEG 或 PNG 图片（每张不超过 5 MB），提交反映后24小时内、每份最多3张；请求头 X-Client-Id 为提交反映时的 clientId。存储前去除 EXIF、XMP、文字等元数据（包括拍摄位置）；照片只有监督机关能看。同一张照片重复提交不重复保存。',
    tags: ['reports'],
    access: 'public',
    params: z.object({ receipt: str('回执编号') }),
    headers: z.object({ 'X-Client-Id': str('提交反映时的 clientId（证明是反映人本人）') }),
    otherBodies: {
      'image/jpeg': z.string().describe('JPEG 图片'),
      'image/png': z.string().describe('PNG 图片'),
    },
    answers: { 201: { description: '已保存', schema: ReportPhotoResultSchema } },
    problems: {
      404: '没有这份反映，或 X-Client-Id 与反映时的 clientId 不一致',
      409: '已超过补充照片的时限（24小时）',
      413: '照片超过 5 MB',
      415: '不是 JPEG 或 PNG 图片',
      422: '已有3张照片',
    },
  },
  { ...operations.listAgencies, access: 'public', problems: {} },
  {
    ...operations.enrolBusiness,
    access: 'public',
    problems: {
      ...JSON_PROBLEMS,
      403: '登记码无效、已过期或已被其他设备使用',
      404: '本部署不使用登记码绑定企业身份',
      422: '记录未通过校验，errors 中列出字段',
    },
  },
  {
    operationId: 'openApiDocument',
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: '本接口的 OpenAPI 3.1 描述',
    description: '本文档：由接口实际使用的 zod 模式生成。',
    tags: ['sync'],
    access: 'public',
    answers: { 200: { description: 'OpenAPI 3.1 文档', schema: OpenApiDocumentSchema } },
    problems: {},
  },
  {
    operationId: 'ingestDisclosures',
    method: 'post',
    path: '/api/v1/ingest/disclosures',
    summary: '推送处罚决定：单条 JSON，或 NDJSON 批量',
    description:
      '单条（application/json）或批量（application/x-ndjson，每行一条，最多 10000 行、64 MB）。按（机关，决定书文号）幂等。自动脱敏不能确定的内容使记录暂不公开（202），待本机关在审核队列中处理。',
    tags: ['ingest'],
    access: 'agency',
    body: DisclosureInputSchema,
    otherBodies: { 'application/x-ndjson': str('每行一个 DisclosureInput') },
    answers: {
      200: {
        description: '已更新、未变化或不予公示（单条），或批量逐行结果',
        schema: z.union([IngestResultSchema, BatchResultSchema]),
      },
      201: { description: '已新建并公示', schema: IngestResultSchema },
      202: { description: '已接收，但暂不公开，待审核（review 中列出字段和原因）', schema: IngestResultSchema },
    },
    problems: {
      400: '请求体不是有效的 JSON',
      403: '只能推送本机关的决定',
      409: '该决定已撤回',
      413: '请求体过大或超过 10000 行',
      415: '不支持的格式',
      422: '记录未通过校验，errors 中列出字段',
    },
  },
  {
    operationId: 'withdrawDisclosure',
    method: 'post',
    path: '/api/v1/ingest/disclosures/{id}/withdraw',
    summary: '撤回一条决定，理由公开',
    description:
      '行政处罚法第四十八条：决定被变更、撤销、确认违法或确认无效时撤回。公示页只保留决定书文号、日期和理由。',
    tags: ['ingest'],
    access: 'agency',
    params: id('公示编号'),
    body: WithdrawRequestSchema,
    answers: { 200: { description: '已撤回', schema: WithdrawResultSchema } },
    problems: { 403: '不是本机关的决定', 404: '没有这条记录', 409: '已经撤回', 422: '缺少理由或类型无效' },
  },
  {
    operationId: 'correctDisclosure',
    method: 'post',
    path: '/api/v1/ingest/disclosures/{id}/correct',
    summary: '更正一条已公开的决定，更正说明公开',
    description: '完整的更正后记录加 correctionNote。决定书文号不能更正；文号有误请撤回后以正确文号重新推送。',
    tags: ['ingest'],
    access: 'agency',
    params: id('公示编号'),
    body: CorrectionRequestSchema,
    answers: {
      200: { description: '已更正', schema: IngestResultSchema },
      202: { description: '更正暂不公开，待审核（原记录保持公开）', schema: IngestResultSchema },
    },
    problems: { 403: '不是本机关的决定', 404: '没有这条记录', 409: '已撤回', 422: '记录未通过校验' },
  },
  {
    operationId: 'listHeldDisclosures',
    method: 'get',
    path: '/api/v1/ingest/disclosures/review',
    summary: '本机关暂不公开的决定（待审核队列）',
    description: '因自动脱敏存疑而暂不公开的决定：存疑的字段、原因、脱敏预览和原文（仅本机关可见）。',
    tags: ['ingest'],
    access: 'agency',
    answers: { 200: { description: '待审核队列', schema: ReviewQueueSchema } },
    problems: {},
  },
  {
    operationId: 'releaseHeldDisclosure',
    method: 'post',
    path: '/api/v1/ingest/disclosures/{id}/release',
    summary: '审核后发布暂不公开的决定',
    description: '给出每个存疑字段更正后（或确认无误）的文本；其他字段仍存疑时继续暂不公开（202）。',
    tags: ['ingest'],
    access: 'agency',
    params: id('公示编号'),
    body: ReleaseRequestSchema,
    answers: {
      200: { description: '已发布', schema: IngestResultSchema },
      202: { description: '其他字段仍存疑，继续暂不公开', schema: IngestResultSchema },
    },
    problems: {
      403: '不是本机关的决定',
      404: '待审核队列中没有这条记录',
      422: '缺少存疑字段的文本，或给出了不在待审核之列的字段',
    },
  },
  {
    operationId: 'ingestPermits',
    method: 'post',
    path: '/api/v1/ingest/permits',
    summary: '推送行政许可：单条 JSON，或 NDJSON 批量',
    description:
      '单条（application/json）或批量（application/x-ndjson，每行一条，最多 10000 行、64 MB）。字段可用本接口的名称，也可用国家行政许可信息数据项代码（XK_XDR_MC、XK_WSH、XK_XKLB…，另加 agencyId 和 field）。按（机关，决定文书号）幂等：相同内容回答 unchanged，内容变化即为更正并保留历史。与处罚决定同样脱敏；自动脱敏不能确定的内容按个人信息隐去，并在 masked 中列出。当前状态为无效或已过有效期至的许可不予公示。',
    tags: ['ingest'],
    access: 'agency',
    body: PermitInputSchema,
    otherBodies: { 'application/x-ndjson': str('每行一个 PermitInput') },
    answers: {
      200: {
        description: '已更新、未变化或不予公示（单条），或批量逐行结果',
        schema: z.union([PermitIngestResultSchema, PermitBatchResultSchema]),
      },
      201: { description: '已新建并公示', schema: PermitIngestResultSchema },
    },
    problems: {
      400: '请求体不是有效的 JSON',
      403: '只能推送本机关的许可',
      409: '该许可已撤销、撤回或注销',
      413: '请求体过大或超过 10000 行',
      415: '不支持的格式',
      422: '记录未通过校验，errors 中列出字段',
    },
  },
  {
    operationId: 'withdrawPermit',
    method: 'post',
    path: '/api/v1/ingest/permits/{id}/withdraw',
    summary: '撤销、撤回、注销、吊销或变更一项许可，理由公开',
    description:
      '行政许可法第六十九条、第七十条：许可被撤销、撤回、注销或吊销时停止公示。公示页只保留决定文书号、日期和理由。',
    tags: ['ingest'],
    access: 'agency',
    params: id('公示编号（以 p 开头）'),
    body: PermitWithdrawRequestSchema,
    answers: { 200: { description: '已撤回', schema: PermitWithdrawResultSchema } },
    problems: { 403: '不是本机关的许可', 404: '没有这条记录', 409: '已经撤回', 422: '缺少理由或类型无效' },
  },
  {
    operationId: 'correctPermit',
    method: 'post',
    path: '/api/v1/ingest/permits/{id}/correct',
    summary: '更正一项公示中的许可，更正说明公开',
    description: '完整的更正后记录加 correctionNote。决定文书号不能更正；文书号有误请撤回后以正确文书号重新推送。',
    tags: ['ingest'],
    access: 'agency',
    params: id('公示编号（以 p 开头）'),
    body: PermitCorrectionRequestSchema,
    answers: { 200: { description: '已更正', schema: PermitIngestResultSchema } },
    problems: { 403: '不是本机关的许可', 404: '没有这条记录', 409: '已撤回', 422: '记录未通过校验' },
  },
  {
    operationId: 'issueInspection',
    method: 'post',
    path: '/api/v1/ingest/inspections',
    summary: '登记检查任务，签发电子检查证',
    description:
      '回答检查证编号、签名令牌和二维码编码的核验地址。检查人员须具备执法资格，检查事项须在本机关公布的清单中，且不超过年度涉企检查次数上限（投诉举报、上级交办可说明理由后超出，监督机关会看到）。带 Idempotency-Key 请求头使重试安全。',
    tags: ['inspections'],
    access: 'agency',
    headers: z.object({ 'Idempotency-Key': str('任意不超过200字符的键：同一键重试得到同一张检查证').optional() }),
    body: InspectionInputSchema,
    answers: {
      200: { description: '同一 Idempotency-Key 的重试：已签发的检查证', schema: IssuedInspectionSchema },
      201: { description: '已签发', schema: IssuedInspectionSchema },
    },
    problems: {
      ...JSON_PROBLEMS,
      403: '只能为本机关登记检查',
      422: '任务未通过校验：字段错误、检查人员不具备资格、检查事项不在清单中或超出年度上限',
    },
  },
  {
    operationId: 'recordInspectionResult',
    method: 'post',
    path: '/api/v1/ingest/inspections/{id}/result',
    summary: '登记（或更正）检查结果，延迟后公开',
    description:
      '检查机关完成检查后登记：检查结果（全国统一用语）、实际检查的事项（须为该任务的事项）、完成日期（不早于检查时间窗开始、不晚于今天）、可选的结果说明和后续处罚决定书文号。登记后按 SUNLIGHT_RESULT_DELAY_DAYS 天延迟公开；同样的内容再次提交回答 unchanged；不同内容替换原登记（保留历史），已公开的须附更正说明（公开）。',
    tags: ['ingest'],
    access: 'agency',
    params: id('检查任务编号'),
    body: InspectionResultInputSchema,
    answers: {
      200: { description: '已更正或未变化', schema: InspectionResultIngestSchema },
      201: { description: '已登记（scheduled：到 publishAt 时公开）', schema: InspectionResultIngestSchema },
    },
    problems: {
      ...JSON_PROBLEMS,
      403: '不是本机关的检查任务',
      404: '没有这个检查任务',
      409: '检查任务已取消，或检查结果已撤回',
      422: '未通过校验：字段错误、事项不属于该任务、完成日期不对，或更正缺少更正说明',
    },
  },
  {
    operationId: 'withdrawInspectionResult',
    method: 'post',
    path: '/api/v1/ingest/inspections/{id}/result/withdraw',
    summary: '撤回检查结果，理由公开',
    description: '结果页此后只保留检查任务编号、撤回日期和理由；变更订阅和 Atom 发出 withdrawn 事件。',
    tags: ['ingest'],
    access: 'agency',
    params: id('检查任务编号'),
    body: InspectionResultWithdrawSchema,
    answers: { 200: { description: '已撤回', schema: InspectionResultWithdrawnSchema } },
    problems: {
      ...JSON_PROBLEMS,
      403: '不是本机关的检查任务',
      404: '没有这个检查任务，或尚未登记检查结果',
      409: '已经撤回',
      422: '缺少理由',
    },
  },
  {
    operationId: 'getIssuedCertificate',
    method: 'get',
    path: '/api/v1/ingest/certificates/{no}',
    summary: '签发机关查看检查证（含令牌，用于重新打印）',
    description: '只回答签发机关的令牌。',
    tags: ['inspections'],
    access: 'agency',
    params: certificateNo,
    answers: { 200: { description: '检查证', schema: AgencyCertificateSchema } },
    problems: { 403: '该检查证由其他机关签发', 404: '编号格式不对或没有这张检查证' },
  },
  {
    operationId: 'revokeCertificate',
    method: 'post',
    path: '/api/v1/ingest/certificates/{no}/revoke',
    summary: '撤销检查证，理由公开',
    description: '核验页面此后显示“已撤销”和理由；尚未进行的检查任务随之取消。重复撤销回答 unchanged。',
    tags: ['inspections'],
    access: 'agency',
    params: certificateNo,
    body: RevokeRequestSchema,
    answers: { 200: { description: '已撤销（或此前已撤销）', schema: RevokeResultSchema } },
    problems: {
      ...JSON_PROBLEMS,
      403: '该检查证由其他机关签发',
      404: '编号格式不对或没有这张检查证',
      422: '缺少撤销理由',
    },
  },
  {
    operationId: 'createDraw',
    method: 'post',
    path: '/api/v1/ingest/draws',
    summary: '发起“双随机”抽取',
    description:
      '固定执法对象库和执法人员库，公布服务器生成的秘密值的 SHA-256 承诺值，并把承诺记入公开日志；用 …/{id}/reveal 揭示秘密值和结果。抽取所用的种子由秘密值和承诺之后签发的第一个日志树头共同决定（sunlight-draw-v2），运营方在承诺后无法再选择种子。',
    tags: ['inspections'],
    access: 'agency',
    body: DrawRequestSchema,
    answers: { 201: { description: '已发起（承诺值已公布）', schema: DrawAnswerSchema } },
    problems: { ...JSON_PROBLEMS, 422: '请求未通过校验，或对象库、人员库不足' },
  },
  {
    operationId: 'revealDraw',
    method: 'post',
    path: '/api/v1/ingest/draws/{id}/reveal',
    summary: '揭示抽取的种子和结果（幂等）',
    description:
      '公布秘密值、信标树头和抽取结果；任何人可据此重新运行抽取并核对承诺值、树头签名和承诺条目。承诺刚创建时最多等待 10 秒，直到包含它的树头签发。',
    tags: ['inspections'],
    access: 'agency',
    params: id('抽取记录编号'),
    answers: { 200: { description: '已揭示', schema: DrawAnswerSchema } },
    problems: { 403: '不是本机关的抽取', 404: '没有这条抽取记录', 409: '还没有包含承诺的签名树头（稍后再试）' },
  },
  {
    operationId: 'getSignedTreeHead',
    method: 'get',
    path: '/api/v1/log/sth',
    summary: '公开日志的最新签名树头（RFC 9162）',
    description:
      '每一次公示、更正、撤回和期满都作为一个条目追加到只增不改的 Merkle 树日志（RFC 9162 §2.1：叶哈希 SHA-256(0x00 ‖ 条目)，节点哈希 SHA-256(0x01 ‖ 左 ‖ 右)）。事件发生后几秒内签发新的树头；签名是紧凑 JWS（EdDSA），公钥见 /.well-known/jwks.json。请保存取得的树头，以后用 /api/v1/log/consistency 核对日志没有被改写。',
    tags: ['log'],
    access: 'public',
    answers: { 200: { description: '签名树头', schema: SignedTreeHeadSchema } },
    problems: { 503: '尚未签发任何树头（刚启动时的几秒）' },
  },
  {
    operationId: 'getInclusionProof',
    method: 'get',
    path: '/api/v1/log/inclusion',
    summary: '一条记录最近一次事件的包含证明',
    description:
      'leaf 是条目原文：规范化 JSON {v, type, id, event, at, sha256}，其中 sha256 是事件发生时公开内容（公示中的记录为其 API 回答去掉 url、apiUrl、agencyUrl、drawUrl、penaltyUrl 等链接后的规范化 JSON；撤回或期满后为撤回记录）的 SHA-256。用 inclusion_path 自叶向根算出的根哈希应等于该大小树头的 sha256_root_hash。',
    tags: ['log'],
    access: 'public',
    query: InclusionQuerySchema,
    answers: { 200: { description: '包含证明', schema: InclusionAnswerSchema } },
    problems: { 400: '参数无效，errors 中列出参数名', 404: '没有该大小的树头，或该树头中没有这条记录' },
  },
  {
    operationId: 'getConsistencyProof',
    method: 'get',
    path: '/api/v1/log/consistency',
    summary: '两个签名树头之间的一致性证明',
    description:
      '证明大小为 second 的树包含大小为 first 的树的全部条目且未作改动（RFC 9162 §2.1.4）。first ≤ second ≤ 最新签名树头的大小；用您保存的树头的 tree_size 作 first，最新树头的作 second。',
    tags: ['log'],
    access: 'public',
    query: ConsistencyQuerySchema,
    answers: { 200: { description: '一致性证明', schema: ConsistencyAnswerSchema } },
    problems: { 400: '参数无效（first 大于 second 等），errors 中列出参数名', 404: 'second 大于最新签名树头的大小' },
  },
  {
    operationId: 'listLogEntries',
    method: 'get',
    path: '/api/v1/log/entries',
    summary: '日志条目（供监测方逐条核对）',
    description: `按序号返回最新签名树头中的条目，start 到 end（含），一次最多 ${ENTRIES_MAX} 条。`,
    tags: ['log'],
    access: 'public',
    query: EntriesQuerySchema,
    answers: { 200: { description: '条目列表', schema: EntriesAnswerSchema } },
    problems: { 400: '参数无效，errors 中列出参数名', 404: 'start 超出了最新签名树头的大小' },
  },
];
