import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerReader, sendResponse } from '../http/node-response';
import { problem } from '../http/problem';
import { admitClient, OPEN_CORS, SECURITY_HEADERS } from '../http/public-api';
import type { Runtime } from '../runtime';
import { verifyCertificate } from './verify';

const PATH = /^\/api\/v1\/certificates\/([^/?#]+)$/;

/**
 * `GET /api/v1/certificates/{no}?t=…` answered before the request reaches Astro. It is the endpoint a
 * phone hits while an inspector waits at the door and the one load is measured on; Astro's request
 * pipeline costs several times the verification itself. Same function, headers and limits as the
 * Astro route (`pages/api/v1/certificates/[no]/index.ts`) and middleware; every other method and path
 * returns false and goes to Astro.
 */
export function certificateFastPath(runtime: Runtime) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const match = PATH.exec(q === -1 ? url : url.slice(0, q));
    if (!match) return false;
    void answer(runtime, req, res, match[1]!, new URLSearchParams(q === -1 ? '' : url.slice(q + 1)));
    return true;
  };
}

async function answer(
  runtime: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  rawNo: string,
  params: URLSearchParams,
): Promise<void> {
  try {
    const admitted = await admitClient(runtime, headerReader(req.headers), () => req.socket.remoteAddress ?? 'unknown');
    if (!admitted.ok) return await sendResponse(res, admitted.response);
    const site = runtime.config.siteUrl;
    let no = rawNo;
    try {
      no = decodeURIComponent(rawNo);
    } catch {
      // left as sent: verification reports a malformed number
    }
    const token = params.get('t') || undefined;
    const result = await verifyCertificate(runtime.db, site, no, token);
    const body = JSON.stringify({ ...result, url: `${site}/verify/${result.certificateNo}` });
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...OPEN_CORS,
      ...admitted.headers,
      'cache-control': 'no-store',
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } catch (err) {
    console.error('[verify] ', err);
    if (res.headersSent) res.destroy();
    else
      await sendResponse(
        res,
        problem('internal', runtime.config.siteUrl, '核验暂时无法完成，请稍后再试。', {}, OPEN_CORS),
      );
  }
}
