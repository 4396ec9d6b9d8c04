import type { APIRoute } from 'astro';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { answer } from '../../../../server/http/answer';
import { problem } from '../../../../server/http/problem';
import { parseParams } from '../../../../server/opendata/params';
import { ConsistencyAnswerSchema, ConsistencyQuerySchema } from '../../../../server/transparency/schemas';
import { consistencyProof, headOfSize } from '../../../../server/transparency/tree';

/** GET /api/v1/log/consistency?first=M&second=N — proof that the head of size N extends the head of size M. */
export const GET: APIRoute = async ({ url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(ConsistencyQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return problem('invalid-query', site, describeFieldErrors(parsed.errors), { errors: parsed.errors });
  }
  const { first, second } = parsed.value;
  if (first > second) {
    const errors = [{ parameter: 'first', message: 'first 不能大于 second' }];
    return problem('invalid-query', site, 'first 不能大于 second：请把较早（较小）的树头大小放在 first。', { errors });
  }
  for (const [name, size] of [
    ['first', first],
    ['second', second],
  ] as const) {
    if (!(await headOfSize(runtime.db, size))) {
      return problem(
        'not-found',
        site,
        `没有大小为 ${size} 的签名树头（${name}）。树头大小见 ${site}/api/v1/log/sth。`,
      );
    }
  }
  const path = await consistencyProof(runtime.db, first, second);
  return answer(
    ConsistencyAnswerSchema,
    { consistency_path: path.map((h) => Buffer.from(h).toString('base64')) },
    { headers: { 'cache-control': 'public, max-age=86400, immutable', 'access-control-allow-origin': '*' } },
  );
};
