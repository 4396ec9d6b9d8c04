import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { invalidQuery, problem } from '../../../../server/http/problem';
import { parseParams } from '../../../../server/opendata/params';
import { latestLeafOf } from '../../../../server/transparency/read';
import { InclusionAnswerSchema, InclusionQuerySchema } from '../../../../server/transparency/schemas';
import { headOfSize, inclusionProof, latestHead } from '../../../../server/transparency/tree';

/** GET /api/v1/log/inclusion?id=&tree_size= — the record's latest event and its audit path in a signed head. */
export const GET: APIRoute = async ({ url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(InclusionQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return invalidQuery(site, parsed.errors);
  }
  const { id, tree_size } = parsed.value;
  const head = tree_size === undefined ? await latestHead(runtime.db) : await headOfSize(runtime.db, tree_size);
  if (!head) {
    return problem(
      'not-found',
      site,
      `没有大小为 ${tree_size} 的签名树头。请用 ${site}/api/v1/log/sth 返回的 tree_size，或省略 tree_size。`,
    );
  }
  const leaf = await latestLeafOf(runtime.db, id, head.treeSize);
  if (!leaf) {
    return problem(
      'not-found',
      site,
      `大小为 ${head.treeSize} 的日志中没有记录 ${id} 的条目（记录不存在，或刚发生的事件尚未签入树头，请几秒后再试）。`,
    );
  }
  const path = await inclusionProof(runtime.db, leaf.idx, head.treeSize);
  return answer(
    InclusionAnswerSchema,
    {
      leaf_index: leaf.idx,
      tree_size: head.treeSize,
      leaf: Buffer.from(leaf.leaf, 'utf8').toString('base64'),
      inclusion_path: path.map((h) => Buffer.from(h).toString('base64')),
    },
    { headers: { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' } },
  );
};
