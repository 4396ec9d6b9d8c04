import { createApiClient, UnreadableAnswer, type Verification } from '@sunlight/api-client';
import type { Jwks } from '@sunlight/verify/jws';
import { type HttpClient, NetworkError, problemMessage } from './http';

/** GET /api/v1/certificates/{no}?t=… — the same JSON the portal's /verify page shows. */
export type OnlineVerification = Verification;

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

/** The portal's verification; a refusal is an ApiError, no usable answer (network, 5xx, 429, garbled) a NetworkError. */
export async function fetchVerification(
  http: HttpClient,
  base: string,
  no: string,
  token?: string,
): Promise<OnlineVerification> {
  const answer = await createApiClient(http, base)
    .verifyCertificate(no, token)
    .catch((err: unknown) => {
      if (err instanceof UnreadableAnswer) throw new NetworkError('核验结果：服务器的回答无法解析');
      throw err;
    });
  if (answer.ok) return answer.body;
  if (answer.status >= 500 || answer.status === 429) throw new NetworkError(answer.message);
  throw new ApiError(answer.status, answer.message);
}

export async function fetchJwks(http: HttpClient, base: string): Promise<Jwks> {
  const answer = await createApiClient(http, base)
    .publicKeys()
    .catch((err: unknown) => {
      if (err instanceof UnreadableAnswer) throw new ApiError(err.status, '公钥列表格式不对');
      throw err;
    });
  if (!answer.ok) throw new ApiError(answer.status, answer.message);
  return { keys: answer.body.keys };
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
