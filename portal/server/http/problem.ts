import { describeFieldErrors, type ParameterError } from '@sunlight/domain/errors';
/**
 * RFC 9457 problem details. Each kind has a stable `type` URI under /problems/ on the site,
 * documented on /open-data.
 */
export const PROBLEM_KINDS = {
  'invalid-query': { status: 400, title: '查询参数无效' },
  'invalid-body': { status: 400, title: '请求内容无效' },
  'bad-request': { status: 400, title: '请求格式有误' },
  'validation-failed': { status: 422, title: '记录未通过校验' },
  'not-found': { status: 404, title: '记录不存在' },
  conflict: { status: 409, title: '与已有记录冲突' },
  'cursor-ahead': { status: 409, title: '游标超出了变更记录的最新位置' },
  'unsupported-media-type': { status: 415, title: '不支持的请求格式' },
  gone: { status: 410, title: '记录已撤回或公示期已满' },
  unauthorized: { status: 401, title: '需要有效的访问令牌' },
  forbidden: { status: 403, title: '无权执行此操作' },
  'rate-limited': { status: 429, title: '请求过于频繁' },
  'payload-too-large': { status: 413, title: '请求内容过大' },
  'method-not-allowed': { status: 405, title: '不支持该请求方法' },
  'request-timeout': { status: 408, title: '请求未在时限内送达' },
  'headers-too-large': { status: 431, title: '请求头过大' },
  'inspector-not-authorised': { status: 422, title: '检查人员不具备检查资格' },
  'item-not-listed': { status: 422, title: '检查事项不在本机关公布的检查事项清单中' },
  'inspection-cap-exceeded': { status: 422, title: '超出年度涉企检查次数上限' },
  'certificate-not-genuine': { status: 403, title: '检查证令牌无效' },
  'business-proof-failed': { status: 401, title: '未能证明是被检查企业' },
  unavailable: { status: 503, title: '服务暂时不可用' },
  internal: { status: 500, title: '服务器内部错误' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export function problemType(kind: ProblemKind, siteUrl: string): string {
  return `${siteUrl}/problems/${kind}`;
}

/** 400 invalid-query naming each bad parameter and its fix (`errors`), as every GET route answers it. */
export function invalidQuery(siteUrl: string, errors: ParameterError[]): Response {
  return problem('invalid-query', siteUrl, describeFieldErrors(errors), { errors });
}

export function problem(
  kind: ProblemKind,
  siteUrl: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const { status, title } = PROBLEM_KINDS[kind];
  return new Response(JSON.stringify({ type: problemType(kind, siteUrl), title, status, detail, ...extra }), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** The kind of problem an HTTP status stands for, when only the status is known (errors of the server itself). */
const KIND_OF_STATUS: Readonly<Record<number, ProblemKind>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
  429: 'rate-limited',
  431: 'headers-too-large',
  500: 'internal',
  503: 'unavailable',
};

export function kindOfStatus(status: number): ProblemKind {
  return KIND_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad-request');
}

/** What the server says about an error it produced without a detail of its own. */
const STATUS_DETAIL: Partial<Record<ProblemKind, string>> = {
  'bad-request': '请求格式有误（地址或请求头无法解析），请检查后重试。',
  'not-found': '没有这个接口地址。全部接口见 /api/v1/openapi.json。',
  'method-not-allowed': '该接口不支持这个请求方法，可用的方法见响应头 Allow 和 /api/v1/openapi.json。',
  'request-timeout': '请求未在 30 秒内完整送达，连接已关闭。请重新发送。',
  'payload-too-large': '请求体过大。',
  'unsupported-media-type': '不支持该请求格式（Content-Type），请以 application/json 提交。',
  'headers-too-large': '请求头过大（上限 16 KB）。请删去多余的 Cookie 或请求头后重试。',
  forbidden: '跨站提交被拒绝：请求来自其他网站的表单。接口调用请使用 Content-Type: application/json。',
  internal: '服务器内部错误，已记录。请稍后再试。',
  unavailable: '服务暂时不可用，请稍后再试。',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The problem+json of an error answered by status alone, as parts (for writing to a raw socket too). */
export function statusProblemParts(
  status: number,
  siteUrl: string,
  detail?: string,
): { status: number; body: string; headers: Record<string, string> } {
  const kind = kindOfStatus(status);
  const { title } = PROBLEM_KINDS[kind];
  const body = JSON.stringify({
    type: problemType(kind, siteUrl),
    title,
    status,
    detail: detail ?? STATUS_DETAIL[kind] ?? title,
  });
  return { status, body, headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' } };
}

export function statusProblem(
  status: number,
  siteUrl: string,
  detail?: string,
  headers: Record<string, string> = {},
): Response {
  const p = statusProblemParts(status, siteUrl, detail);
  return new Response(p.body, { status, headers: { ...p.headers, ...headers } });
}

export function isProblem(contentType: string | null | undefined): boolean {
  return /^application\/problem\+json\b/i.test(contentType ?? '');
}
