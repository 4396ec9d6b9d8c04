import type { Runtime } from '../runtime';
import { authenticate } from '../ingest/tokens';
import { problem } from './problem';

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
export async function readText(request: Request, limit: number): Promise<string | undefined> {
  const bytes = await readBytes(request, limit);
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The agency id a bearer token speaks for, or a 401 problem to return. */
export async function requireAgency(runtime: Runtime, request: Request): Promise<string | Response> {
  const agencyId = await authenticate(runtime.db, request.headers.get('authorization'));
  if (agencyId) return agencyId;
  return problem(
    'unauthorized',
    runtime.config.siteUrl,
    '缺少或无效的访问令牌。请在请求头中加入 Authorization: Bearer <令牌>；令牌由管理员用 sunlight token create --agency <机关编号> 创建。',
    {},
    { 'www-authenticate': 'Bearer realm="sunlight-ingest"' },
  );
}

/** A JSON request body. No text in it may hold a NUL character (no record can, and PostgreSQL refuses it). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let nul: string | undefined;
  try {
    const value: unknown = JSON.parse(text, (key: string, v: unknown) => {
      if (nul === undefined && ((typeof v === 'string' && v.includes('\0')) || key.includes('\0'))) nul = key;
      return v;
    });
    if (nul !== undefined) {
      return {
        ok: false,
        message: `JSON 中${nul ? `字段 ${nul.replaceAll('\0', '\\u0000')} ` : ''}含有空字符 \\u0000，请删除后重新提交。`,
      };
    }
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: `不是有效的 JSON：${(err as Error).message}` };
  }
}

/** The agency behind the bearer token and its JSON body (at most 1 MB), or the problem to return. */
export async function readAgencyJson(
  runtime: Runtime,
  request: Request,
): Promise<{ agency: string; body: unknown } | Response> {
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const site = runtime.config.siteUrl;
  const text = await readText(request, 1024 * 1024);
  if (text === undefined) return problem('payload-too-large', site, '请求体最大 1 MB');
  const parsed = parseJson(text);
  if (!parsed.ok) return problem('invalid-body', site, parsed.message);
  return { agency, body: parsed.value };
}
