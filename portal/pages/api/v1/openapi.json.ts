import type { APIRoute } from 'astro';
import { buildOpenApi } from '../../../server/opendata/openapi';
import { getRuntime } from '../../../server/runtime';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of this API. */
export const GET: APIRoute = async () => {
  const runtime = await getRuntime();
  return Response.json(buildOpenApi(runtime.config.siteUrl), { headers: { 'cache-control': 'public, max-age=300' } });
};
