import Taro from '@tarojs/taro';
import { type HttpClient, NetworkError } from '../lib/http';

interface TaroCall {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  data?: unknown;
  timeoutMs: number;
}

/**
 * One request over Taro.request (wx.request on WeChat, fetch on h5): a JSON answer parsed, any other text
 * kept, and a failed transport turned into NetworkError.
 */
export const taroRequest = ({ url, method, headers, data, timeoutMs }: TaroCall) =>
  new Promise<{ status: number; data: unknown }>((resolve, reject) => {
    // The callbacks answer; Taro's own promise would reject unhandled on every network failure.
    void Taro.request({
      url,
      method,
      timeout: timeoutMs,
      dataType: 'json',
      responseType: 'text',
      header: headers,
      ...(data !== undefined ? { data: data as Record<string, unknown> } : {}),
      success: (res) => {
        let body: unknown = res.data;
        if (typeof body === 'string') {
          try {
            body = JSON.parse(body);
          } catch {
            // not JSON: keep the text
          }
        }
        if (!res.statusCode) reject(new NetworkError(res.errMsg || '网络不可用'));
        else resolve({ status: res.statusCode, data: body });
      },
      fail: (err) => reject(new NetworkError((err as { errMsg?: string })?.errMsg || '网络不可用')),
    }).catch(() => undefined);
  });

/** JSON over Taro.request. */
export const taroHttp: HttpClient = ({ url, method = 'GET', body, timeoutMs = 10_000 }) =>
  taroRequest({
    url,
    method,
    timeoutMs,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    data: body,
  });
