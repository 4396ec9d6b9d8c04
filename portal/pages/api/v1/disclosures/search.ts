import type { APIRoute } from 'astro';
import { problem } from '../../../../server/http/problem';
import { parseJson, readText } from '../../../../server/http/request';
import { answerSearch } from '../../../../server/http/search-api';

/** POST /api/v1/disclosures/search — the same query model as a JSON body. */
export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const text = await readText(request, 64_000);
  if (text === undefined) return problem('payload-too-large', runtime.config.siteUrl, '查询请求体最多 64,000 字节');
  const parsed = text ? parseJson(text) : { ok: true as const, value: {} };
  if (!parsed.ok) return problem('invalid-body', runtime.config.siteUrl, `请求体${parsed.message}`);
  const body = parsed.value;
  return answerSearch(runtime, body);
};
