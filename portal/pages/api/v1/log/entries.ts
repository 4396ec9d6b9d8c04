import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { invalidQuery, problem } from '../../../../server/http/problem';
import { parseParams } from '../../../../server/opendata/params';
import { leavesBetween } from '../../../../server/transparency/read';
import { EntriesAnswerSchema, EntriesQuerySchema, ENTRIES_MAX } from '../../../../server/transparency/schemas';
import { latestHead } from '../../../../server/transparency/tree';

/** GET /api/v1/log/entries?start=&end= — the leaves of the signed log, for monitors (at most ENTRIES_MAX). */
export const GET: APIRoute = async ({ url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(EntriesQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return invalidQuery(site, parsed.errors);
  }
  const { start } = parsed.value;
  if (parsed.value.end < start) {
    return invalidQuery(site, [{ parameter: 'end', message: 'end 不能小于 start' }]);
  }
  const size = (await latestHead(runtime.db))?.treeSize ?? 0;
  if (start >= size) {
    return problem(
      'not-found',
      site,
      `最新的签名树头只有 ${size} 个条目（序号 0 到 ${size - 1}）：start 应小于 ${size}。`,
    );
  }
  const end = Math.min(parsed.value.end, start + ENTRIES_MAX - 1, size - 1);
  const leaves = await leavesBetween(runtime.db, start, end);
  return answer(
    EntriesAnswerSchema,
    {
      entries: leaves.map((l) => ({
        leaf_index: l.idx,
        leaf: Buffer.from(l.leaf, 'utf8').toString('base64'),
        entry: JSON.parse(l.leaf),
      })),
    },
    {
      headers: {
        // A full range of signed leaves never changes; a range cut at the log's end grows.
        'cache-control': end === parsed.value.end ? 'public, max-age=86400, immutable' : 'no-cache',
        'access-control-allow-origin': '*',
      },
    },
  );
};
