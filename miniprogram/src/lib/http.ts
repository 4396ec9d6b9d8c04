/** The one HTTP seam: Taro.request in the app, a fake in unit tests. */
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

/** The request never reached the server or no answer came back: retry later, verify offline. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export const isNetworkError = (e: unknown): e is NetworkError =>
  e instanceof NetworkError || (e as { name?: string } | null)?.name === 'NetworkError';

/** RFC 9457 problem `detail`, or a generic line with the status. */
export function problemMessage(res: HttpResponse): string {
  const d = res.data as { detail?: unknown; title?: unknown } | null;
  if (d && typeof d === 'object') {
    if (typeof d.detail === 'string' && d.detail) return d.detail;
    if (typeof d.title === 'string' && d.title) return d.title;
  }
  return `服务器返回 ${res.status}`;
}
