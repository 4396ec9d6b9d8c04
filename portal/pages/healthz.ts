import type { APIRoute } from 'astro';

/** Liveness and readiness for load balancers and tests. */
export const GET: APIRoute = async ({ locals }) => {
  try {
    const { runtime } = locals;
    await runtime.db.query('SELECT 1');
    return Response.json(
      { status: 'ok', database: runtime.config.databaseKind, startedAt: runtime.startedAt.toISOString() },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    return Response.json(
      { status: 'error', detail: (err as Error).message },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
};
