import { z } from 'zod';
import { BusinessEnrolmentSchema, CheckInSchema, EvaluationSchema } from '@sunlight/domain/schemas/evaluation';
import { ReportInputSchema, ReportReceiptSchema } from '@sunlight/domain/schemas/report';
import {
  AgencyListSchema,
  BusinessCredentialSchema,
  CheckInResultSchema,
  EvaluationResultSchema,
  JwksSchema,
  VerificationSchema,
} from './schemas';

/**
 * An operation of the API as both sides see it: where it is, what it takes and what it answers when it
 * succeeds. The portal's route registry (portal/server/opendata/api-routes.ts) documents these with their
 * problem answers; the client (./client.ts) calls them.
 */
export interface OperationSpec {
  operationId: string;
  method: 'get' | 'post';
  /** OpenAPI path template: `{name}` for a path parameter. */
  path: string;
  summary: string;
  description: string;
  tags: readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The answers that are not problems, by status. */
  answers: Readonly<Record<number, { description: string; schema: z.ZodType; contentType?: string }>>;
}

const certificateNo = z.object({
  no: z.string().describe('电子检查证编号，如 JCZ-2026-0004321-5'),
});

export const verifyCertificate = {
  operationId: 'verifyCertificate',
  method: 'get',
  path: '/api/v1/certificates/{no}',
  summary: '核验电子检查证（/verify/{no} 页面的 JSON）',
  description:
    '带 t（二维码中的令牌）时核对签名、登记信息和撤销状态；不带 t 时只按编号查询。不真实的检查证也是 200：status 为 not_genuine，reason 说明原因。永远不返回被检查企业的身份，持有真实令牌时只给出统一社会信用代码后四位。',
  tags: ['certificates'],
  params: certificateNo,
  query: z.object({ t: z.string().optional().describe('二维码中的检查证令牌（紧凑 JWS）') }),
  answers: { 200: { description: '核验结果', schema: VerificationSchema } },
} as const satisfies OperationSpec;

export const publicKeys = {
  operationId: 'publicKeys',
  method: 'get',
  path: '/.well-known/jwks.json',
  summary: '检查证签名公钥（JWKS）',
  description:
    '签发电子检查证所用的 Ed25519 公钥（RFC 8037 OKP JWK）：当前密钥，以及其签发的检查证仍在有效期内的已停用密钥。任何 JOSE 库用它即可离线核验检查证令牌。',
  tags: ['certificates'],
  answers: {
    200: { description: '公钥集合', schema: JwksSchema, contentType: 'application/jwk-set+json' },
  },
} as const satisfies OperationSpec;

export const checkIn = {
  operationId: 'checkIn',
  method: 'post',
  path: '/api/v1/certificates/{no}/checkins',
  summary: '事中登记（仅被检查企业）',
  description:
    '被检查企业在检查时登记检查人员是否出示执法证件。proof 为本机绑定的企业身份凭证；检查证令牌和统一社会信用代码都不能证明身份。按 clientId 幂等：同一 clientId 重发得到同一回答。',
  tags: ['business'],
  params: certificateNo,
  body: CheckInSchema,
  answers: { 201: { description: '已登记', schema: CheckInResultSchema } },
} as const satisfies OperationSpec;

export const evaluate = {
  operationId: 'evaluate',
  method: 'post',
  path: '/api/v1/certificates/{no}/evaluations',
  summary: '事后评价（仅被检查企业）',
  description:
    '每张检查证一份评价，首次评价后7日内只能由同一企业身份修改，之后确定；评价期为检查结束后30日内。按 clientId 幂等。评价直接提交监督机关，被检查机关看不到评价人。',
  tags: ['business'],
  params: certificateNo,
  body: EvaluationSchema,
  answers: {
    200: { description: '已替换此前的评价（同一企业身份）', schema: EvaluationResultSchema },
    201: { description: '已评价', schema: EvaluationResultSchema },
  },
} as const satisfies OperationSpec;

export const enrolBusiness = {
  operationId: 'bindBusinessDevice',
  method: 'post',
  path: '/api/v1/business/enrolments',
  summary: '绑定企业身份（本地登记码适配器）',
  description:
    '用运营方线下发放的一次性登记码（sunlight business enrol）换取本机的企业身份凭证。同一设备重试时重新签发凭证，此前的凭证作废。不使用登记码的部署回答 404。',
  tags: ['business'],
  body: BusinessEnrolmentSchema,
  answers: {
    200: { description: '同一设备重试：重新签发凭证', schema: BusinessCredentialSchema },
    201: { description: '已绑定', schema: BusinessCredentialSchema },
  },
} as const satisfies OperationSpec;

export const fileReport = {
  operationId: 'fileReport',
  method: 'post',
  path: '/api/v1/reports',
  summary: '反映问题（无需检查证）',
  description:
    '企业或群众反映入企未亮码/未亮证、重复检查、多头检查、随意检查、作风问题等，无需检查证。提交后生成督办工单交监督机关（区司法局）办理，回答回执编号；凭回执编号查询进度和回告。联系方式只有监督机关可见，被反映的执法机关不会知道是谁反映的。按 clientId 幂等；同一网络一天最多5份。',
  tags: ['reports'],
  body: ReportInputSchema,
  answers: {
    200: { description: '重复提交（同一 clientId）：原回执', schema: ReportReceiptSchema },
    201: { description: '已受理：回执', schema: ReportReceiptSchema },
  },
} as const satisfies OperationSpec;

export const readReport = {
  operationId: 'readReport',
  method: 'get',
  path: '/api/v1/reports/{receipt}',
  summary: '凭回执编号查询反映的办理进度和回告',
  description: '只回答进度（已受理、核查中、已办结）和监督机关的回告，不含反映人、联系方式和反映内容。',
  tags: ['reports'],
  params: z.object({ receipt: z.string().describe('回执编号，如 FY20261206-7K3M9-QXD2B') }),
  answers: { 200: { description: '办理进度', schema: ReportReceiptSchema } },
} as const satisfies OperationSpec;

export const listAgencies = {
  operationId: 'listAgencies',
  method: 'get',
  path: '/api/v1/agencies',
  summary: '执法主体名单',
  description: '本区公布的全部执法主体（编号、全称、简称），供反映问题时选择被反映的单位。',
  tags: ['reports'],
  answers: { 200: { description: '名单', schema: AgencyListSchema } },
} as const satisfies OperationSpec;
