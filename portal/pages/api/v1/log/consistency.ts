import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { invalidQuery, problem } from '../../../../server/http/problem';
import { parseParams } from '../../../../server/opendata/params';
import { ConsistencyAnswerSchema, ConsistencyQuerySchema } from '../../../../server/transparency/schemas';
import { consistencyProof, latestHead } from '../../../../server/transparency/tree';

/**
 * GET /api/v1/log/consistency?first=M&second=N — proof that the tree of size N extends the tree of size M, for
 * any M ≤ N up to the latest signed head (a client holding a head of size M checks the proof against it).
 */
export const GET: APIRoute = async ({ url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(ConsistencyQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return invalidQuery(site, parsed.errors);
  }
  const { first, second } = parsed.value;
  if (first > second) {
    return invalidQuery(site, [
      { parameter: 'first', message: 'first 不能大于 second：请把较早（较小）的树头大小放在 first' },
    ]);
  }
  const latest = (await latestHead(runtime.db))?.treeSize ?? 0;
  if (second > latest) {
    return problem(
      'not-found',
      site,
      `最新的签名树头只有 ${latest} 个条目：second 不能大于 ${latest}（见 ${site}/api/v1/log/sth）。`,
    );
  }
  const path = await consistencyProof(runtime.db, first, second);
  return answer(
    ConsistencyAnswerSchema,
    { consistency_path: path.map((h) => Buffer.from(h).toString('base64')) },
    { headers: { 'cache-control': 'public, max-age=86400, immutable', 'access-control-allow-origin': '*' } },
  );
};
