import type { APIRoute } from 'astro';
import { buildOpenApi } from '../../../server/opendata/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of this API. */
export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  return Response.json(buildOpenApi(runtime.config.siteUrl), { headers: { 'cache-control': 'public, max-age=300' } });
};
