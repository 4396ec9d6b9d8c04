import type { APIRoute } from 'astro';
import { readDraw } from '../../../../server/inspections/draws';
import { problem } from '../../../../server/http/problem';
import { DrawAnswerSchema } from '../../../../server/opendata/api-schemas';
import { answer } from '../../../../server/http/answer';

/** GET /api/v1/draws/{id} — inputs, commitment, and once revealed the seed and result (what /draws/{id} re-runs). */
export const GET: APIRoute = async ({ params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const draw = await readDraw(runtime.db, params.id ?? '');
  if (!draw) return problem('not-found', site, `没有编号为 ${params.id} 的抽取记录。`);
  return answer(
    DrawAnswerSchema,
    { ...draw, url: `${site}/draws/${draw.id}` },
    { headers: { 'cache-control': draw.status === 'revealed' ? 'public, max-age=300' : 'no-cache' } },
  );
};
