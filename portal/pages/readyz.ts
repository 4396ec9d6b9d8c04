import type { APIRoute } from 'astro';

/**
 * Readiness for a load balancer: 200 while this process can serve (database reachable, not shutting
 * down), 503 otherwise. `/healthz` says whether the process is alive. `jobs` tells operators which
 * process runs the scheduled jobs (the holder of the jobs lease).
 */
export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  const headers = { 'cache-control': 'no-store' };
  const jobs = runtime.jobs.isHeld ? 'leader' : 'follower';
  if (runtime.draining) return Response.json({ status: 'draining', jobs }, { status: 503, headers });
  try {
    await runtime.db.query('SELECT 1');
  } catch {
    return Response.json({ status: 'database-unreachable', jobs }, { status: 503, headers });
  }
  return Response.json({ status: 'ready', jobs, searchPosition: runtime.search.position }, { headers });
};
