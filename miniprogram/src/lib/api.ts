import type { PublicVerification } from '@sunlight/verify/public-verification';
import type { Jwks } from '@sunlight/verify/jws';
import { type HttpClient, NetworkError, problemMessage } from './http';

/** GET /api/v1/certificates/{no}?t=… — the same JSON the portal's /verify page shows. */
export type OnlineVerification = PublicVerification;

const enc = encodeURIComponent;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function ensureObject(data: unknown, what: string): Record<string, unknown> {
  if (!data || typeof data !== 'object') throw new NetworkError(`${what}：服务器的回答无法解析`);
  return data as Record<string, unknown>;
}

export function certificatePath(no: string, token?: string): string {
  return `/api/v1/certificates/${enc(no)}${token ? `?t=${enc(token)}` : ''}`;
}

export async function fetchVerification(http: HttpClient, base: string, no: string, token?: string) {
  const res = await http({ url: base + certificatePath(no, token), timeoutMs: 8000 });
  if (res.status >= 500 || res.status === 429) throw new NetworkError(problemMessage(res));
  if (res.status !== 200) throw new ApiError(res.status, problemMessage(res));
  const body = ensureObject(res.data, '核验结果') as unknown as OnlineVerification;
  if (typeof body.status !== 'string' || typeof body.genuine !== 'boolean') {
    throw new NetworkError('核验结果：服务器的回答无法解析');
  }
  return body;
}

export async function fetchJwks(http: HttpClient, base: string): Promise<Jwks> {
  const res = await http({ url: `${base}/.well-known/jwks.json`, timeoutMs: 8000 });
  if (res.status !== 200) throw new ApiError(res.status, problemMessage(res));
  const body = ensureObject(res.data, '公钥');
  if (!Array.isArray(body.keys)) throw new ApiError(res.status, '公钥列表格式不对');
  return { keys: body.keys as Record<string, unknown>[] };
}

/** One disclosure as GET /api/v1/disclosures/{id} returns it (public fields only). */
export type Disclosure = Record<string, unknown> & { id: string; decisionNo?: string; partyName?: string };

export type DisclosureAnswer =
  | { kind: 'found'; record: Disclosure }
  | { kind: 'gone'; detail: string; record: Record<string, unknown> }
  | { kind: 'missing'; detail: string };

export async function fetchDisclosure(http: HttpClient, base: string, id: string): Promise<DisclosureAnswer> {
  const res = await http({ url: `${base}/api/v1/disclosures/${enc(id)}`, timeoutMs: 10000 });
  if (res.status === 200) return { kind: 'found', record: ensureObject(res.data, '公示') as Disclosure };
  if (res.status === 410) return { kind: 'gone', detail: problemMessage(res), record: ensureObject(res.data, '公示') };
  if (res.status === 404) return { kind: 'missing', detail: problemMessage(res) };
  if (res.status >= 500 || res.status === 429) throw new NetworkError(problemMessage(res));
  throw new ApiError(res.status, problemMessage(res));
}
