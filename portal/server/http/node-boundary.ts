import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { isProblem, statusProblemParts } from './problem';
import { SECURITY_HEADERS } from './public-api';

/**
 * The edge of the portal's HTTP server, before any route runs: limits of the Node server (time to send
 * a request, header size), the methods and addresses the app accepts, and the rule that every answer
 * under /api/ is RFC 9457 problem+json — including the errors Node, the Astro adapter and Astro itself
 * produce without asking the routes (400, 403 cross-site form, 404, 405, 408, 413, 431, 500).
 */

/**
 * A request (headers and body) must arrive within this time, or the connection is answered 408 and
 * closed; Node checks every 2 s, so a stalled request is cut within 30 s.
 */
export const REQUEST_TIMEOUT_MS = 27_000;
const HEADERS_TIMEOUT_MS = 20_000;
const CHECK_INTERVAL_MS = 2_000;
/** Node's default, stated: larger request headers are answered 431. */
export const MAX_HEADER_BYTES = 16 * 1024;
/**
 * Declared bodies larger than this are refused before they are read (the bulk ingest takes 64 MB; the
 * report form carries up to three 5 MB photos).
 */
const MAX_BODY_BYTES = { api: 64 * 1024 * 1024 + 64 * 1024, page: 1024 * 1024, reportForm: 16 * 1024 * 1024 } as const;

/** Methods passed on to the app; anything else (TRACE, CONNECT, PROPFIND …) is answered 405 here. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const ALLOW = 'GET, HEAD, POST, OPTIONS';

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

export function httpServerOptions(): http.ServerOptions {
  return {
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS,
    connectionsCheckingInterval: CHECK_INTERVAL_MS,
    maxHeaderSize: MAX_HEADER_BYTES,
  };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A page's answer to a request the app never saw: a short Chinese page. */
function pageAnswer(status: number, message: string): Answer {
  const title = { 400: '请求有误', 405: '不支持的请求方法', 408: '请求超时', 413: '请求内容过大', 431: '请求头过大' }[
    status
  ];
  const body = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title ?? '请求有误'} - 阳光执法</title></head><body><main><h1>${title ?? '请求有误'}</h1><p>${message}</p><p><a href="/">返回首页</a></p></main></body></html>`;
  return { status, body, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } };
}

function answerFor(url: string, status: number, siteUrl: string, detail: string): Answer {
  return isApiPath(url) ? statusProblemParts(status, siteUrl, detail) : pageAnswer(status, detail);
}

function send(res: ServerResponse, a: Answer, extra: Record<string, string> = {}): void {
  res.writeHead(a.status, {
    ...SECURITY_HEADERS,
    ...a.headers,
    ...extra,
    'content-length': String(Buffer.byteLength(a.body)),
  });
  res.end(res.req.method === 'HEAD' ? undefined : a.body);
}

/** Why a request line is refused before routing, or undefined. */
function refusal(
  req: IncomingMessage,
): { status: number; detail: string; headers?: Record<string, string> } | undefined {
  const url = req.url ?? '/';
  if (!METHODS.has(req.method ?? '')) {
    return {
      status: 405,
      detail: `不支持 ${req.method} 请求。可用的方法：${ALLOW}。`,
      headers: { allow: ALLOW },
    };
  }
  // No record, file or parameter contains a NUL or another control character; PostgreSQL refuses the byte.
  if (/%(0[0-9a-f]|1[0-9a-f]|7f)/i.test(url)) {
    return { status: 400, detail: '请求地址含有控制字符（如 %00），请检查链接是否完整、正确。' };
  }
  try {
    decodeURI(url);
    for (const segment of url.split('?')[0]!.split('/')) decodeURIComponent(segment);
  } catch {
    return { status: 400, detail: '请求地址的百分号编码无效（如 %ff），请检查链接是否完整、正确。' };
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  const limit = isApiPath(url)
    ? MAX_BODY_BYTES.api
    : url.split('?')[0] === '/reports/new'
      ? MAX_BODY_BYTES.reportForm
      : MAX_BODY_BYTES.page;
  if (declared > limit) {
    return { status: 413, detail: `请求体过大：最多 ${Math.floor(limit / 1024 / 1024)} MB。` };
  }
  return undefined;
}

/** Answers a request the app must not see (method, malformed address, oversized body); true when it did. */
export function refuseMalformed(req: IncomingMessage, res: ServerResponse, siteUrl: string): boolean {
  const r = refusal(req);
  if (!r) return false;
  // The body of a refused request is not read: close the connection after the answer.
  res.shouldKeepAlive = false;
  send(res, answerFor(req.url ?? '/', r.status, siteUrl, r.detail), { connection: 'close', ...(r.headers ?? {}) });
  req.resume();
  return true;
}

/** Headers of the original error answer that stay on its problem+json replacement. */
const KEPT =
  /^(allow|retry-after|www-authenticate|access-control-|ratelimit-|x-content-type-options|referrer-policy|x-frame-options|permissions-policy|connection|set-cookie)/i;

/**
 * Under /api/, turns any error answer that is not problem+json (Astro's 404 page, the adapter's "Bad
 * request.", the origin check's plain-text 403, a 500 page) into the problem+json of its status.
 */
export function problemOnlyUnderApi(req: IncomingMessage, res: ServerResponse, siteUrl: string): void {
  if (!isApiPath(req.url ?? '/')) return;
  const writeHead = res.writeHead;
  const end = res.end;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = (typeof rest[0] === 'string' ? rest[1] : rest[0]) as http.OutgoingHttpHeaders | undefined;
    const given = headers && !Array.isArray(headers) ? headers : {};
    const type = (given['content-type'] ?? given['Content-Type'] ?? this.getHeader('content-type')) as
      string | undefined;
    if (status < 400 || isProblem(type)) return writeHead.apply(this, [status, ...rest] as never);
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...this.getHeaders(), ...given })) {
      if (KEPT.test(k) && v !== undefined) kept[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    for (const name of this.getHeaderNames()) this.removeHeader(name);
    const p = statusProblemParts(status, siteUrl, astroDetail(status, req));
    const body = this.req.method === 'HEAD' ? '' : p.body;
    this.write = () => true;
    this.end = function (this: ServerResponse, ...args: unknown[]) {
      const cb = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      return end.call(this, body, 'utf8', cb);
    } as typeof res.end;
    writeHead.call(this, status, {
      ...kept,
      ...p.headers,
      'content-length': String(Buffer.byteLength(p.body)),
    });
    return this;
  } as typeof res.writeHead;
}

function astroDetail(status: number, req: IncomingMessage): string | undefined {
  if (status === 403 && (req.method ?? 'GET') !== 'GET') {
    return `跨站提交被拒绝：不接受其他网站以表单格式（或不带 Content-Type）发来的 ${req.method} 请求。接口调用请使用 Content-Type: application/json。`;
  }
  return undefined;
}

const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_TIMEOUT: 408,
};

/**
 * Errors Node's server answers before any handler (unparseable request, headers over 16 KB, a request
 * that did not arrive in time), as problem+json, then closes the connection.
 */
export function answerClientErrors(server: http.Server, siteUrl: string): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const status = CLIENT_ERROR_STATUS[err.code ?? ''] ?? 400;
    const p = statusProblemParts(status, siteUrl);
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      `content-type: ${p.headers['content-type']}`,
      'cache-control: no-store',
      `content-length: ${Buffer.byteLength(p.body)}`,
      'connection: close',
    ];
    // An answer to HEAD has no body (the method is the start of what Node could read of the request).
    const isHead = (err as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(`${lines.join('\r\n')}\r\n\r\n${isHead ? '' : p.body}`);
  });
}
