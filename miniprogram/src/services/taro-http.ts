import Taro from '@tarojs/taro';
import { type HttpClient, NetworkError } from '../lib/http';

/** Taro.request (wx.request on WeChat, fetch on h5): a failed transport becomes NetworkError. */
export const taroHttp: HttpClient = ({ url, method = 'GET', body, timeoutMs = 10_000 }) =>
  new Promise((resolve, reject) => {
    // The callbacks answer; Taro's own promise would reject unhandled on every network failure.
    void Taro.request({
      url,
      method,
      timeout: timeoutMs,
      dataType: 'json',
      responseType: 'text',
      header: method === 'POST' ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { data: body as Record<string, unknown> } : {}),
      success: (res) => {
        let data: unknown = res.data;
        if (typeof data === 'string') {
          try {
            data = JSON.parse(data);
          } catch {
            // not JSON: keep the text
          }
        }
        if (!res.statusCode) reject(new NetworkError(res.errMsg || '网络不可用'));
        else resolve({ status: res.statusCode, data });
      },
      fail: (err) => reject(new NetworkError((err as { errMsg?: string })?.errMsg || '网络不可用')),
    }).catch(() => undefined);
  });
