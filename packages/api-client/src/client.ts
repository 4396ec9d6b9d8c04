import type { z } from 'zod';
import * as operations from './operations';
import type { OperationSpec } from './operations';
import { type Problem, ProblemSchema } from './schemas';

/** The one transport seam: Taro.request in the mini-program, fetch elsewhere, a fake in unit tests. */
export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON when the answer was JSON, else the text. */
  data: unknown;
}

export type HttpClient = (req: HttpRequest) => Promise<HttpResponse>;

/** A success answer as its schema reads it, or the problem the server answered instead. */
export type Answer<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; problem: Problem | undefined; message: string };

/** The server said it succeeded, but its answer is not what the API documents. */
export class UnreadableAnswer extends Error {
  override readonly name = 'UnreadableAnswer';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** RFC 9457 problem `detail`, or its title, or a generic line with the status. */
export function problemMessage(res: HttpResponse): string {
  const d = res.data as { detail?: unknown; title?: unknown } | null;
  if (d && typeof d === 'object') {
    if (typeof d.detail === 'string' && d.detail) return d.detail;
    if (typeof d.title === 'string' && d.title) return d.title;
  }
  return `服务器返回 ${res.status}`;
}

type SuccessOf<O extends OperationSpec> = O['answers'][keyof O['answers']] extends { schema: infer S extends z.ZodType }
  ? z.output<S>
  : never;
type InputOf<O extends OperationSpec> = (O['params'] extends z.ZodType ? { params: z.input<O['params']> } : object) &
  (O['query'] extends z.ZodType ? { query?: z.input<O['query']> } : object) &
  (O['body'] extends z.ZodType ? { body: z.input<O['body']> } : object);

/** The URL of an operation: path parameters filled in, query parameters without the undefined ones. */
export function operationUrl(
  base: string,
  op: Pick<OperationSpec, 'path'>,
  params: Record<string, string> = {},
  query: Record<string, string | number | boolean | undefined> = {},
): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

/** Calls one operation; a transport failure is thrown by `http` as it is. */
export async function call<O extends OperationSpec>(
  http: HttpClient,
  base: string,
  op: O,
  input: InputOf<O>,
  timeoutMs = 10_000,
): Promise<Answer<SuccessOf<O>>> {
  const { params, query, body } = input as {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  };
  const res = await http({
    url: operationUrl(base, op, params, query),
    method: op.method === 'post' ? 'POST' : 'GET',
    ...(body !== undefined ? { body } : {}),
    timeoutMs,
  });
  const answer = op.answers[res.status];
  if (answer) {
    const parsed = answer.schema.safeParse(res.data);
    if (!parsed.success)
      throw new UnreadableAnswer(res.status, `服务器的回答无法解析（${op.operationId} ${res.status}）`);
    return { ok: true, status: res.status, body: parsed.data as SuccessOf<O> };
  }
  if (res.status >= 200 && res.status < 300) {
    throw new UnreadableAnswer(res.status, `服务器的回答无法解析（${op.operationId} 未记载的状态 ${res.status}）`);
  }
  const problem = ProblemSchema.safeParse(res.data);
  return {
    ok: false,
    status: res.status,
    problem: problem.success ? problem.data : undefined,
    message: problemMessage(res),
  };
}

/** The API's operations as functions over one transport and base URL. */
export function createApiClient(http: HttpClient, base: string) {
  return {
    verifyCertificate: (no: string, token?: string) =>
      call(http, base, operations.verifyCertificate, { params: { no }, query: { t: token } }, 8000),
    publicKeys: () => call(http, base, operations.publicKeys, {}, 8000),
    checkIn: (no: string, body: z.input<typeof operations.checkIn.body>, timeoutMs = 15_000) =>
      call(http, base, operations.checkIn, { params: { no }, body }, timeoutMs),
    evaluate: (no: string, body: z.input<typeof operations.evaluate.body>, timeoutMs = 15_000) =>
      call(http, base, operations.evaluate, { params: { no }, body }, timeoutMs),
    enrolBusiness: (body: z.input<typeof operations.enrolBusiness.body>) =>
      call(http, base, operations.enrolBusiness, { body }, 15_000),
    fileReport: (body: z.input<typeof operations.fileReport.body>, timeoutMs = 15_000) =>
      call(http, base, operations.fileReport, { body }, timeoutMs),
    readReport: (receipt: string) => call(http, base, operations.readReport, { params: { receipt } }, 8000),
    listAgencies: () => call(http, base, operations.listAgencies, {}, 8000),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
