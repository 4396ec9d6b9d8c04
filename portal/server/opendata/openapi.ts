import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { PermitInputSchema } from '@sunlight/domain/schemas/permit';
import {
  PermitIngestResultSchema,
  PermitListResponseSchema,
  PermitResponseSchema,
  PermitTombstoneProblemSchema,
} from './permit-schemas';
import { queryParamLabels } from '@sunlight/search-indexer/query';
import {
  BusinessCredentialSchema,
  CheckInResultSchema,
  EvaluationResultSchema,
  JwksSchema,
  VerificationSchema,
} from '@sunlight/api-client/schemas';
import { BusinessEnrolmentSchema, CheckInSchema, EvaluationSchema } from '@sunlight/domain/schemas/evaluation';
import { DisclosureInputSchema } from '@sunlight/domain/schemas/disclosure';
import { PROBLEM_KINDS, problemType } from '../http/problem';
import { API_ROUTES, isRateLimited, type ApiRoute } from './api-routes';
import {
  BatchResultSchema,
  ChangesResponseSchema,
  DisclosureResponseSchema,
  EnterpriseResponseSchema,
  IngestResultSchema,
  InspectionResultResponseSchema,
  ProblemSchema,
  ReviewQueueSchema,
  SearchResponseSchema,
  TombstoneProblemSchema,
  WithdrawResultSchema,
} from './api-schemas';

/** Named in components (and referenced by `$ref`) wherever a route uses them. */
const NAMED_SCHEMAS = {
  Problem: ProblemSchema,
  TombstoneProblem: TombstoneProblemSchema,
  SearchResponse: SearchResponseSchema,
  Disclosure: DisclosureResponseSchema,
  InspectionResult: InspectionResultResponseSchema,
  Enterprise: EnterpriseResponseSchema,
  ChangesResponse: ChangesResponseSchema,
  DisclosureInput: DisclosureInputSchema,
  IngestResult: IngestResultSchema,
  BatchResult: BatchResultSchema,
  ReviewQueue: ReviewQueueSchema,
  WithdrawResult: WithdrawResultSchema,
  Permit: PermitResponseSchema,
  PermitList: PermitListResponseSchema,
  PermitTombstoneProblem: PermitTombstoneProblemSchema,
  PermitInput: PermitInputSchema,
  PermitIngestResult: PermitIngestResultSchema,
  Verification: VerificationSchema,
  Jwks: JwksSchema,
  CheckIn: CheckInSchema,
  CheckInResult: CheckInResultSchema,
  Evaluation: EvaluationSchema,
  EvaluationResult: EvaluationResultSchema,
  BusinessEnrolment: BusinessEnrolmentSchema,
  BusinessCredential: BusinessCredentialSchema,
};

const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The problem answers of a route: its own, the token check of agency routes, the middleware's key check and limit. */
function problemsOf(route: ApiRoute): Record<number, string> {
  const agency: Record<number, string> = { 401: '缺少或无效的机关令牌' };
  const limited: Record<number, string> = {
    401: '合作方密钥（X-API-Key）无效或已吊销；不带密钥也可以匿名访问',
    429: '请求过于频繁：在 Retry-After 秒后重试，或使用合作方密钥',
  };
  return {
    ...(route.access === 'agency' ? agency : {}),
    ...(isRateLimited(route) ? limited : {}),
    ...route.problems,
  };
}

/**
 * Declared on every operation: agency routes need the agency's bearer token; the rate-limited public reads
 * take an optional partner key (anonymous `{}` or `partnerKey`); other public routes need nothing (`[]`).
 */
function securityOf(route: ApiRoute): Record<string, string[]>[] {
  if (route.access === 'agency') return [{ agencyToken: [] }];
  return isRateLimited(route) ? [{}, { partnerKey: [] }] : [];
}

/**
 * Objects keyed by an enum (zod's record with enum keys) come out as propertyNames + required without
 * properties; linters (and code generators) want the keys as properties, so they are spelled out.
 */
function spellOutEnumKeys(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(spellOutEnumKeys);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  const names = (o.propertyNames as { enum?: string[] } | undefined)?.enum;
  if (
    o.type === 'object' &&
    names &&
    !o.properties &&
    o.additionalProperties &&
    typeof o.additionalProperties === 'object'
  ) {
    o.properties = Object.fromEntries(names.map((n) => [n, o.additionalProperties]));
    o.additionalProperties = false;
    delete o.propertyNames;
  }
  Object.values(o).forEach(spellOutEnumKeys);
}

/**
 * zod-openapi names a component's answer form `<Name>Output` when it also renders an input form; where
 * nothing refers to the input form, the answer form takes the plain name (and no component is unused).
 */
function keepOneOutputName(doc: Record<string, unknown>): void {
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  const before = JSON.stringify(doc);
  const renamed: string[] = [];
  for (const name of Object.keys(schemas)) {
    const out = `${name}Output`;
    if (!(out in schemas) || before.includes(`"#/components/schemas/${name}"`)) continue;
    schemas[name] = schemas[out];
    delete schemas[out];
    renamed.push(name);
  }
  let text = JSON.stringify(doc);
  for (const name of renamed)
    text = text.split(`"#/components/schemas/${name}Output"`).join(`"#/components/schemas/${name}"`);
  Object.assign(doc, JSON.parse(text));
}

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const responses: Record<string, unknown> = {};
  for (const [status, a] of Object.entries(route.answers)) {
    responses[status] = {
      description: a.description,
      ...(a.headers ? { headers: a.headers } : {}),
      ...(a.schema
        ? {
            content: Object.fromEntries(
              [a.contentType ?? 'application/json']
                .flat()
                .map((t) => [t, { schema: a.schema, ...(a.itemSchema ? { itemSchema: a.itemSchema } : {}) }]),
            ),
          }
        : {}),
    };
  }
  for (const [status, description] of Object.entries(problemsOf(route))) {
    responses[status] = problemAnswer(description);
  }
  const requestParams = {
    ...(route.params ? { path: route.params } : {}),
    ...(route.query ? { query: route.query } : {}),
    ...(route.headers ? { header: route.headers } : {}),
  };
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [...route.tags],
    security: securityOf(route),
    ...(Object.keys(requestParams).length ? { requestParams } : {}),
    ...(route.body || route.otherBodies
      ? {
          requestBody: {
            required: true,
            content: {
              ...(route.body ? { 'application/json': { schema: route.body } } : {}),
              ...Object.fromEntries(Object.entries(route.otherBodies ?? {}).map(([t, schema]) => [t, { schema }])),
            },
          },
        }
      : {}),
    responses: responses as ZodOpenApiOperationObject['responses'],
  };
}

/** Query lists are comma-separated (`field=a,b`); unnamed query parameters get the model's Chinese label. */
function describeQueryParameters(doc: Record<string, unknown>): void {
  const paths = doc.paths as Record<string, Record<string, { parameters?: Record<string, unknown>[] }>>;
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      for (const p of op.parameters ?? []) {
        if (p.in !== 'query') continue;
        const schema = p.schema as { type?: string } | undefined;
        if (schema?.type === 'array') Object.assign(p, { style: 'form', explode: false });
        if (!p.description) p.description = queryParamLabels[p.name as string] ?? (p.name as string);
      }
    }
  }
}

/** OpenAPI 3.1 has no `itemSchema` (3.2 does): the line schema of an NDJSON answer goes under `x-itemSchema`. */
function renameItemSchemas(doc: Record<string, unknown>): void {
  const paths = doc.paths as Record<string, Record<string, { responses?: Record<string, { content?: object }> }>>;
  for (const item of Object.values(paths))
    for (const op of Object.values(item))
      for (const r of Object.values(op.responses ?? {}))
        for (const media of Object.values(r.content ?? {}) as Record<string, unknown>[])
          if ('itemSchema' in media) {
            media['x-itemSchema'] = media.itemSchema;
            delete media.itemSchema;
          }
}

/** The OpenAPI 3.1 document of the whole API, generated from the route registry's zod schemas. */
export function buildOpenApi(siteUrl: string): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) paths[route.path] = { ...paths[route.path], [route.method]: operationOf(route) };
  const doc = createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: '阳光执法开放数据接口 Sunlight open data API',
        version: '1.0.0',
        description:
          '行政处罚决定公示（双公示）数据的查询、导出和变更订阅，电子检查证的核验，被检查企业的事中登记和事后评价，以及执法机关的推送接口。所有示例数据均为虚构。错误按 RFC 9457 以 application/problem+json 返回。',
        contact: { name: '阳光执法开放数据', url: `${siteUrl}/open-data` },
        license: { name: 'CC BY 4.0（公示数据）', url: 'https://creativecommons.org/licenses/by/4.0/' },
      },
      servers: [{ url: siteUrl }],
      tags: [
        { name: 'disclosures', description: '行政处罚决定公示' },
        { name: 'permits', description: '行政许可公示（双公示的另一半）：有效期内公示' },
        { name: 'inspection-results', description: '抽查检查结果公示（双随机、一公开）' },
        { name: 'sync', description: '批量导出与变更订阅' },
        { name: 'certificates', description: '电子检查证的核验' },
        { name: 'inspections', description: '检查任务、电子检查证和“双随机”抽取' },
        { name: 'business', description: '被检查企业：事中登记、事后评价、绑定企业身份（执法机关令牌不能代替）' },
        { name: 'reports', description: '反映问题：无需检查证，交监督机关办理，凭回执查询进度和回告' },
        { name: 'ingest', description: '执法机关推送（需要机关令牌）' },
        { name: 'log', description: '公开日志（RFC 9162 Merkle 树）：签名树头、包含证明、一致性证明和条目' },
      ],
      paths,
      components: {
        schemas: NAMED_SCHEMAS,
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
      },
    },
    { allowEmptySchema: { custom: true } },
  ) as unknown as Record<string, unknown>;
  describeQueryParameters(doc);
  spellOutEnumKeys(doc.components);
  keepOneOutputName(doc);
  renameItemSchemas(doc);
  doc['x-problem-types'] = Object.fromEntries(
    Object.entries(PROBLEM_KINDS).map(([k, v]) => [problemType(k as keyof typeof PROBLEM_KINDS, siteUrl), v]),
  );
  return doc;
}
