/**
 * RFC 9457 problem details. Each kind has a stable `type` URI under /problems/ on the site,
 * documented on /open-data.
 */
export const PROBLEM_KINDS = {
  'invalid-query': { status: 400, title: '查询参数无效' },
  'invalid-body': { status: 400, title: '请求内容无效' },
  'validation-failed': { status: 422, title: '记录未通过校验' },
  'not-found': { status: 404, title: '记录不存在' },
  conflict: { status: 409, title: '与已有记录冲突' },
  'unsupported-media-type': { status: 415, title: '不支持的请求格式' },
  gone: { status: 410, title: '记录已撤回或公示期已满' },
  unauthorized: { status: 401, title: '需要有效的访问令牌' },
  forbidden: { status: 403, title: '无权执行此操作' },
  'rate-limited': { status: 429, title: '请求过于频繁' },
  'payload-too-large': { status: 413, title: '请求内容过大' },
  'inspector-not-authorised': { status: 422, title: '检查人员不具备检查资格' },
  'item-not-listed': { status: 422, title: '检查事项不在本机关公布的检查事项清单中' },
  'inspection-cap-exceeded': { status: 422, title: '超出年度涉企检查次数上限' },
  'certificate-not-genuine': { status: 403, title: '检查证令牌无效' },
  'business-proof-failed': { status: 401, title: '未能证明是被检查企业' },
  unavailable: { status: 503, title: '服务暂时不可用' },
  internal: { status: 500, title: '服务器内部错误' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export interface ParameterError {
  /** The query parameter or JSON pointer-like field path the error is about. */
  parameter: string;
  message: string;
}

export function problemType(kind: ProblemKind, siteUrl: string): string {
  return `${siteUrl}/problems/${kind}`;
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
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
