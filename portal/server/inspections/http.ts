import { problem, type ProblemKind } from '../http/problem';
import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { parseJson, readText, requireAgency } from '../http/request';
import type { Runtime } from '../runtime';
import type { FieldError } from '../ingest/validation';

export const JSON_LIMIT = 64 * 1024;

/** A JSON request body, or the problem response to return (415, 413, 400). */
export async function jsonBody(
  request: Request,
  site: string,
  limit = JSON_LIMIT,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return { ok: false, response: problem('unsupported-media-type', site, '请以 application/json 提交。') };
  }
  const text = await readText(request, limit);
  if (text === undefined) {
    return { ok: false, response: problem('payload-too-large', site, `请求体最大 ${Math.round(limit / 1024)} KB。`) };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, response: problem('invalid-body', site, parsed.message) };
  return { ok: true, value: parsed.value };
}

/** An agency's write: the token's agency and the JSON body, or the refusal to send (401, 415, 413, 400). */
export async function agencyJson(
  runtime: Runtime,
  request: Request,
): Promise<{ agency: string; body: unknown } | Response> {
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const body = await jsonBody(request, runtime.config.siteUrl);
  return body.ok ? { agency, body: body.value } : body.response;
}

/** An agency's request about one of its certificates: the token's agency and the normalised number, or the refusal. */
export async function agencyCertificateNo(
  runtime: Runtime,
  request: Request,
  no: string | undefined,
): Promise<{ agency: string; no: string } | Response> {
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const checked = checkCertificateNo(no ?? '');
  return checked.ok
    ? { agency, no: checked.normalised }
    : problem('not-found', runtime.config.siteUrl, checked.message);
}

export function refusal(
  site: string,
  r: { kind: ProblemKind; detail: string; errors?: FieldError[]; extra?: Record<string, unknown> },
): Response {
  return problem(r.kind, site, r.detail, { ...(r.errors ? { errors: r.errors } : {}), ...(r.extra ?? {}) });
}

/** Evaluations and check-ins are for supervisors: never readable with an agency token. */
export function evaluationsClosed(site: string, hasAuthorization: boolean): Response {
  return hasAuthorization
    ? problem(
        'forbidden',
        site,
        '事中登记和事后评价对被检查机关匿名：执法机关的令牌不能读取。监督机关（区司法局）通过监督工作台或 sunlight evaluations list 查看。',
      )
    : problem(
        'unauthorized',
        site,
        '评价和登记记录不公开：仅监督机关可以查看。',
        {},
        { 'www-authenticate': 'Bearer realm="sunlight"' },
      );
}
