import type { APIRoute } from 'astro';
import { problem } from '../../../../server/http/problem';
import { answerSearch } from '../../../../server/http/search-api';
import { getRuntime } from '../../../../server/runtime';

/** POST /api/v1/disclosures/search — the same query model as a JSON body. */
export const POST: APIRoute = async ({ request }) => {
  const runtime = await getRuntime();
  const text = await request.text();
  if (text.length > 64_000) return problem('payload-too-large', runtime.config.siteUrl, '查询请求体最多 64,000 个字符');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch (err) {
    return problem('invalid-body', runtime.config.siteUrl, `请求体不是有效的 JSON：${(err as Error).message}`);
  }
  return answerSearch(runtime, body);
};
