/** The one HTTP seam (Taro.request in the app, a fake in unit tests) is the API client's transport. */
export type { HttpClient, HttpRequest, HttpResponse } from '@sunlight/api-client/client';
export { problemMessage } from '@sunlight/api-client/client';

/** The request never reached the server or no answer came back: retry later, verify offline. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export const isNetworkError = (e: unknown): e is NetworkError =>
  e instanceof NetworkError || (e as { name?: string } | null)?.name === 'NetworkError';
