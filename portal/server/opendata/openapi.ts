import { z } from 'zod';
import { DisclosureInputSchema, PUBLIC_DISCLOSURE_STATUSES } from '@sunlight/domain/schemas/disclosure';
import { BusinessEnrolmentSchema, CheckInSchema, EvaluationSchema } from '@sunlight/domain/schemas/evaluation';
import { FIELDS, PARTY_TYPES, PENALTY_CATEGORIES, PROCEDURES } from '@sunlight/domain/schemas/common';
import { FACETS, QUERY_LIMITS, SORTS, queryParamLabels } from '@sunlight/search-indexer/query';
import { WithdrawRequestSchema } from '../ingest/amend';
import { PROBLEM_KINDS, problemType } from '../http/problem';
import {
  BatchResultSchema,
  ChangesResponseSchema,
  DisclosureResponseSchema,
  EnterpriseResponseSchema,
  IngestResultSchema,
  ReleaseRequestSchema,
  ReviewQueueSchema,
  ProblemSchema,
  SearchResponseSchema,
  TombstoneProblemSchema,
  WithdrawResultSchema,
} from './api-schemas';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string, schema = 'Problem') => ({
  description,
  content: { 'application/problem+json': { schema: ref(schema) } },
});
const jsonResponse = (description: string, schema: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers,
  content: { 'application/json': { schema: ref(schema) } },
});
const cacheHeaders = {
  ETag: { description: '实体标签；请求时放在 If-None-Match 中可得到 304', schema: { type: 'string' } },
  'Last-Modified': {
    description: '最后修改时间；请求时放在 If-Modified-Since 中可得到 304',
    schema: { type: 'string' },
  },
};
const rateHeaders = {
  'RateLimit-Limit': { description: '每分钟允许的请求数', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: '当前剩余请求数', schema: { type: 'integer' } },
};
const notModified = { description: '未修改（条件请求命中）' };
const tooMany = problemResponse('请求过于频繁：在 Retry-After 秒后重试，或使用合作方密钥');

const list = (items: readonly string[]) => ({ type: 'array', items: { type: 'string', enum: [...items] } });
const param = (name: string, schema: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  required: false,
  description: queryParamLabels[name] ?? name,
  schema,
  ...(schema.type === 'array' ? { style: 'form', explode: false } : {}),
  ...extra,
});

const searchParams = [
  param(
    'q',
    { type: 'string', maxLength: QUERY_LIMITS.qLength },
    { description: '关键词：名称、统一社会信用代码、决定书文号或违法行为关键词；空格分隔多个词' },
  ),
  param('agency', { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' } }),
  param('field', list(FIELDS)),
  param('category', list(PENALTY_CATEGORIES)),
  param('procedure', list(PROCEDURES)),
  param('partyType', list(PARTY_TYPES)),
  param('region', { type: 'array', items: { type: 'string' } }),
  param('status', list(PUBLIC_DISCLOSURE_STATUSES)),
  param('dateFrom', { type: 'string', format: 'date' }),
  param('dateTo', { type: 'string', format: 'date' }),
  param('fineMin', { type: 'number', minimum: 0 }),
  param('fineMax', { type: 'number', minimum: 0 }),
  param('facets', list(FACETS)),
  param('sort', { type: 'string', enum: [...SORTS], default: 'relevance' }),
  param('page', { type: 'integer', minimum: 1, maximum: 1000, default: 1 }),
  param('pageSize', { type: 'integer', minimum: 1, maximum: QUERY_LIMITS.pageSize, default: 20 }),
  param('cursor', { type: 'string' }),
  param('highlight', { type: 'boolean', default: true }),
];
const exportParams = [
  param('agency', { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' }, { description: '只导出该执法机关的决定' }),
  param('dateFrom', { type: 'string', format: 'date' }, { description: '决定日期起（含）' }),
  param('dateTo', { type: 'string', format: 'date' }, { description: '决定日期止（含）' }),
];
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const security = [{ agencyToken: [] }];

const str = { type: 'string' };
/** Answers of the business's routes (built in server/inspections/evaluations.ts and business/enrolments.ts). */
const businessSchemas = {
  CheckInResult: {
    type: 'object',
    required: ['outcome', 'certificateNo', 'checkedInAt', 'certificateStatus', 'credentialsShown', 'message'],
    properties: {
      outcome: { const: 'recorded' },
      certificateNo: str,
      checkedInAt: { ...str, description: '北京时间 ISO 8601' },
      certificateStatus: str,
      statusLabel: str,
      credentialsShown: { type: 'boolean' },
      message: str,
    },
  },
  EvaluationResult: {
    type: 'object',
    required: [
      'outcome',
      'certificateNo',
      'evaluatedAt',
      'revisions',
      'editableUntil',
      'ratings',
      'problems',
      'message',
    ],
    properties: {
      outcome: { enum: ['created', 'replaced'] },
      certificateNo: str,
      evaluatedAt: str,
      revisions: { type: 'integer', minimum: 1 },
      editableUntil: { ...str, description: '此前同一企业身份可以修改评价（首次评价后7日）' },
      ratings: { type: 'object', additionalProperties: { type: 'integer', minimum: 1, maximum: 5 } },
      problems: { type: 'array', items: str },
      comment: str,
      message: str,
    },
  },
  BusinessCredential: {
    type: 'object',
    required: ['credential', 'subjectId', 'creditCode', 'message'],
    properties: {
      credential: { ...str, description: '本机的企业身份凭证：只保存在本机，作为 proof 随登记和评价提交' },
      subjectId: str,
      creditCode: str,
      enterpriseName: { type: ['string', 'null'] },
      message: str,
    },
  },
};
const proofRefused = problemResponse(
  '未能证明是被检查企业（business-proof-failed）：缺少、无效或已注销的企业身份凭证。回答与该检查证是否已有登记或评价无关；在真实的检查证上的这类尝试会被记录并向监督机关预警',
);
const businessSubmission = (
  operationId: string,
  summary: string,
  schema: string,
  responses: Record<string, unknown>,
) => ({
  post: {
    tags: ['business'],
    operationId,
    summary,
    parameters: [pathParam('no', '电子检查证编号')],
    requestBody: { required: true, content: { 'application/json': { schema: ref(schema) } } },
    responses: {
      ...responses,
      '400': problemResponse('请求体不是有效的 JSON'),
      '401': proofRefused,
      '403': problemResponse('检查证令牌无效，或本机绑定的企业不是这次检查的对象（后者会被记录）'),
      '404': problemResponse('检查证编号格式不对'),
      '409': problemResponse('clientId 已用于另一份提交，或评价已确定、由另一企业身份作出、不在评价期内'),
      '415': problemResponse('请以 application/json 提交'),
      '422': problemResponse('记录未通过校验，errors 中列出字段'),
      '429': tooMany,
    },
  },
});

/** The OpenAPI 3.1 document, built from the same zod schemas that validate requests and responses. */
export function buildOpenApi(siteUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: '阳光执法开放数据接口 Sunlight open data API',
      version: '1.0.0',
      description:
        '行政处罚决定公示（双公示）数据的查询、导出和变更订阅接口，以及执法机关的推送接口。所有示例数据均为虚构。错误按 RFC 9457 以 application/problem+json 返回。',
      license: { name: 'CC BY 4.0（公示数据）', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: siteUrl }],
    tags: [
      { name: 'disclosures', description: '行政处罚决定公示' },
      { name: 'sync', description: '批量导出与变更订阅' },
      { name: 'ingest', description: '执法机关推送（需要机关令牌）' },
      { name: 'business', description: '被检查企业：事中登记、事后评价、绑定企业身份（执法机关令牌不能代替）' },
    ],
    paths: {
      '/api/v1/disclosures': {
        get: {
          tags: ['disclosures'],
          operationId: 'searchDisclosures',
          summary: '查询公开的行政处罚决定',
          parameters: searchParams,
          responses: {
            '200': jsonResponse('查询结果', 'SearchResponse', rateHeaders),
            '400': problemResponse('查询参数无效，errors 中列出参数名'),
            '429': tooMany,
          },
        },
      },
      '/api/v1/disclosures/search': {
        post: {
          tags: ['disclosures'],
          operationId: 'searchDisclosuresJson',
          summary: '以 JSON 请求体查询（与 GET 参数相同的查询模型）',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  description: '与 GET /api/v1/disclosures 的查询参数同名的字段；列表字段用数组',
                },
              },
            },
          },
          responses: {
            '200': jsonResponse('查询结果', 'SearchResponse'),
            '400': problemResponse('查询参数或请求体无效'),
            '429': tooMany,
          },
        },
      },
      '/api/v1/disclosures/{id}': {
        get: {
          tags: ['disclosures'],
          operationId: 'getDisclosure',
          summary: '一条公开的处罚决定（固定地址）',
          parameters: [pathParam('id', '公示编号')],
          responses: {
            '200': jsonResponse('公开的决定', 'Disclosure', cacheHeaders),
            '304': notModified,
            '404': problemResponse('没有这条记录'),
            '410': problemResponse('已撤回或公示期已满：只有决定书文号、日期和理由', 'TombstoneProblem'),
          },
        },
      },
      '/api/v1/enterprises/{creditCode}': {
        get: {
          tags: ['disclosures'],
          operationId: 'getEnterprise',
          summary: '一个执法对象的公开处罚决定和接受检查次数',
          parameters: [pathParam('creditCode', '18位统一社会信用代码')],
          responses: {
            '200': jsonResponse('执法对象', 'Enterprise'),
            '400': problemResponse('代码格式错误'),
            '404': problemResponse('没有这个执法对象'),
          },
        },
      },
      '/api/v1/changes': {
        get: {
          tags: ['sync'],
          operationId: 'listChanges',
          summary: '变更订阅：按顺序返回公示、更正、撤回、期满事件',
          description:
            '从 since=0 开始，每次把返回的 nextCursor 作为下一次的 since，直到 hasMore 为 false。收到 withdrawn 或 expired 时删除该记录。',
          parameters: [
            {
              name: 'since',
              in: 'query',
              required: false,
              description: '上次返回的 nextCursor；0 表示从头开始',
              schema: { type: 'string', pattern: '^\\d+$', default: '0' },
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              description: '每次最多返回的事件数',
              schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 },
            },
            {
              name: 'agency',
              in: 'query',
              required: false,
              description: '只要该执法机关的事件',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': jsonResponse('事件列表', 'ChangesResponse', {
              ETag: cacheHeaders.ETag,
              Link: { description: 'rel="next" 的下一页地址', schema: { type: 'string' } },
            }),
            '304': notModified,
            '400': problemResponse('参数无效'),
          },
        },
      },
      '/api/v1/exports/disclosures.csv': {
        get: {
          tags: ['sync'],
          operationId: 'exportCsv',
          summary: '全部公开决定的 CSV（UTF-8 带 BOM；第一行中文列名，第二行 CF_* 代码）',
          parameters: exportParams,
          responses: {
            '200': {
              description: 'CSV 流',
              headers: cacheHeaders,
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            '304': notModified,
            '400': problemResponse('参数无效'),
          },
        },
      },
      '/api/v1/exports/disclosures.ndjson': {
        get: {
          tags: ['sync'],
          operationId: 'exportNdjson',
          summary: '全部公开决定的 NDJSON（每行一条，字段同 Disclosure）',
          parameters: exportParams,
          responses: {
            '200': {
              description: 'NDJSON 流',
              headers: cacheHeaders,
              content: { 'application/x-ndjson': { schema: ref('Disclosure') } },
            },
            '304': notModified,
            '400': problemResponse('参数无效'),
          },
        },
      },
      '/feeds/disclosures.atom': {
        get: {
          tags: ['sync'],
          operationId: 'atomFeed',
          summary: '最近 100 条变更的 Atom 订阅',
          responses: {
            '200': { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
            '304': notModified,
          },
        },
      },
      '/feeds/agencies/{id}.atom': {
        get: {
          tags: ['sync'],
          operationId: 'agencyAtomFeed',
          summary: '某执法机关最近 100 条变更的 Atom 订阅',
          parameters: [pathParam('id', '执法机关编号')],
          responses: {
            '200': { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
            '304': notModified,
            '404': problemResponse('没有这个机关'),
          },
        },
      },
      '/api/v1/certificates/{no}/checkins': businessSubmission(
        'checkIn',
        '事中登记：仅被检查企业（proof 为本机绑定的企业身份凭证；检查证令牌和统一社会信用代码都不能证明身份）；按 clientId 幂等',
        'CheckIn',
        { '201': jsonResponse('已登记', 'CheckInResult') },
      ),
      '/api/v1/certificates/{no}/evaluations': businessSubmission(
        'evaluate',
        '事后评价：仅被检查企业；每张检查证一份，7日内只能由同一企业身份修改，之后确定；按 clientId 幂等',
        'Evaluation',
        {
          '200': jsonResponse('已替换此前的评价（同一企业身份）', 'EvaluationResult'),
          '201': jsonResponse('已评价', 'EvaluationResult'),
        },
      ),
      '/api/v1/business/enrolments': {
        post: {
          tags: ['business'],
          operationId: 'bindBusinessDevice',
          summary:
            '绑定企业身份（本地登记码适配器）：用运营方线下发放的一次性登记码（sunlight business enrol）换取本机的企业身份凭证',
          requestBody: { required: true, content: { 'application/json': { schema: ref('BusinessEnrolment') } } },
          responses: {
            '200': jsonResponse('同一设备重试：重新签发凭证，此前的凭证作废', 'BusinessCredential'),
            '201': jsonResponse('已绑定', 'BusinessCredential'),
            '400': problemResponse('请求体不是有效的 JSON'),
            '403': problemResponse('登记码无效、已过期或已被其他设备使用'),
            '404': problemResponse('本部署不使用登记码绑定企业身份'),
            '415': problemResponse('请以 application/json 提交'),
            '422': problemResponse('记录未通过校验'),
            '429': tooMany,
          },
        },
      },
      '/api/v1/ingest/disclosures': {
        post: {
          tags: ['ingest'],
          operationId: 'ingestDisclosures',
          summary: '推送处罚决定：单条 JSON，或 NDJSON 批量（每行一条，最多 10000 行）；按（机关，文书号）幂等',
          security,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('DisclosureInput') },
              'application/x-ndjson': { schema: { type: 'string', description: '每行一个 DisclosureInput' } },
            },
          },
          responses: {
            '200': {
              description: '已更新、未变化或不予公示（单条），或批量逐行结果',
              content: { 'application/json': { schema: { oneOf: [ref('IngestResult'), ref('BatchResult')] } } },
            },
            '201': jsonResponse('已新建并公示', 'IngestResult'),
            '202': jsonResponse(
              '已接收，但自动脱敏不能确定的内容使记录暂不公开，待审核（review 中列出字段和原因）',
              'IngestResult',
            ),
            '401': problemResponse('缺少或无效的令牌'),
            '403': problemResponse('只能推送本机关的决定'),
            '409': problemResponse('该决定已撤回'),
            '413': problemResponse('请求体过大或超过 10000 行'),
            '415': problemResponse('不支持的格式'),
            '422': problemResponse('记录未通过校验，errors 中列出字段'),
          },
        },
      },
      '/api/v1/ingest/disclosures/{id}/withdraw': {
        post: {
          tags: ['ingest'],
          operationId: 'withdrawDisclosure',
          summary: '撤回（行政处罚法第四十八条：变更、撤销、确认违法、确认无效），理由将公开',
          security,
          parameters: [pathParam('id', '公示编号')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('WithdrawRequest') } } },
          responses: {
            '200': jsonResponse('已撤回', 'WithdrawResult'),
            '401': problemResponse('缺少或无效的令牌'),
            '403': problemResponse('不是本机关的决定'),
            '404': problemResponse('没有这条记录'),
            '409': problemResponse('已经撤回'),
            '422': problemResponse('缺少理由或类型无效'),
          },
        },
      },
      '/api/v1/ingest/disclosures/{id}/correct': {
        post: {
          tags: ['ingest'],
          operationId: 'correctDisclosure',
          summary: '更正：完整的更正后记录加 correctionNote（公开的更正说明）',
          security,
          parameters: [pathParam('id', '公示编号')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    ref('DisclosureInput'),
                    {
                      type: 'object',
                      required: ['correctionNote'],
                      properties: { correctionNote: { type: 'string', minLength: 4 } },
                    },
                  ],
                },
              },
            },
          },
          responses: {
            '200': jsonResponse('已更正', 'IngestResult'),
            '202': jsonResponse('更正暂不公开，待审核（原记录保持公开）', 'IngestResult'),
            '401': problemResponse('缺少或无效的令牌'),
            '403': problemResponse('不是本机关的决定'),
            '404': problemResponse('没有这条记录'),
            '409': problemResponse('已撤回'),
            '422': problemResponse('记录未通过校验'),
          },
        },
      },
      '/api/v1/ingest/disclosures/review': {
        get: {
          tags: ['ingest'],
          operationId: 'listHeldDisclosures',
          summary: '本机关因脱敏存疑而暂不公开的决定（待审核队列）：字段、原因、脱敏预览和原文',
          security,
          responses: {
            '200': jsonResponse('待审核队列', 'ReviewQueue'),
            '401': problemResponse('缺少或无效的令牌'),
          },
        },
      },
      '/api/v1/ingest/disclosures/{id}/release': {
        post: {
          tags: ['ingest'],
          operationId: 'releaseHeldDisclosure',
          summary: '审核后发布暂不公开的决定：给出每个存疑字段更正后（或确认无误）的文本',
          security,
          parameters: [pathParam('id', '公示编号')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReleaseRequest') } } },
          responses: {
            '200': jsonResponse('已发布', 'IngestResult'),
            '202': jsonResponse('其他字段仍存疑，继续暂不公开', 'IngestResult'),
            '401': problemResponse('缺少或无效的令牌'),
            '403': problemResponse('不是本机关的决定'),
            '404': problemResponse('待审核队列中没有这条记录'),
            '422': problemResponse('缺少存疑字段的文本，或给出了不在待审核之列的字段'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        agencyToken: {
          type: 'http',
          scheme: 'bearer',
          description: '执法机关令牌（sunlight token create --agency <编号>）',
        },
        partnerKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: '可选的合作方密钥，获得更高的限速',
        },
      },
      schemas: {
        Problem: json(ProblemSchema),
        TombstoneProblem: json(TombstoneProblemSchema),
        SearchResponse: json(SearchResponseSchema),
        Disclosure: json(DisclosureResponseSchema),
        Enterprise: json(EnterpriseResponseSchema),
        ChangesResponse: json(ChangesResponseSchema),
        DisclosureInput: json(DisclosureInputSchema, 'input'),
        IngestResult: json(IngestResultSchema),
        ReviewQueue: json(ReviewQueueSchema),
        ReleaseRequest: json(ReleaseRequestSchema),
        BatchResult: json(BatchResultSchema),
        WithdrawRequest: json(WithdrawRequestSchema, 'input'),
        WithdrawResult: json(WithdrawResultSchema),
        CheckIn: json(CheckInSchema, 'input'),
        Evaluation: json(EvaluationSchema, 'input'),
        BusinessEnrolment: json(BusinessEnrolmentSchema, 'input'),
        ...businessSchemas,
      },
    },
    'x-problem-types': Object.fromEntries(
      Object.entries(PROBLEM_KINDS).map(([k, v]) => [problemType(k as keyof typeof PROBLEM_KINDS, siteUrl), v]),
    ),
  };
}
