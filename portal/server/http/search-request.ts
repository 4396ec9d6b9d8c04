import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { Runtime } from '../runtime';
import { problem } from './problem';
import { parseJson, readText } from './request';
import { answerSearch } from './search-api';

/** A search sent as a JSON body (POST …/search): at most 64,000 bytes, then the same query model as the URL. */
export async function answerSearchBody(
  runtime: Runtime,
  request: Request,
  defaultTypes?: RecordType[],
): Promise<Response> {
  const text = await readText(request, 64_000);
  if (text === undefined) return problem('payload-too-large', runtime.config.siteUrl, '查询请求体最多 64,000 字节');
  const parsed = text ? parseJson(text) : { ok: true as const, value: {} };
  if (!parsed.ok) return problem('invalid-body', runtime.config.siteUrl, `请求体${parsed.message}`);
  return answerSearch(runtime, parsed.value, defaultTypes);
}
