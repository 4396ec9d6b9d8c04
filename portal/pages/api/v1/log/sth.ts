import type { APIRoute } from 'astro';
import { answer } from '../../../../server/http/answer';
import { problem } from '../../../../server/http/problem';
import { SignedTreeHeadSchema } from '../../../../server/transparency/schemas';
import { latestHead, toSignedTreeHead } from '../../../../server/transparency/tree';

/** GET /api/v1/log/sth — the latest signed tree head of the public log. */
export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  const head = await latestHead(runtime.db);
  if (!head) return problem('unavailable', runtime.config.siteUrl, '公开日志尚未签发树头，请几秒后再试。');
  return answer(SignedTreeHeadSchema, toSignedTreeHead(head), {
    headers: { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' },
  });
};
