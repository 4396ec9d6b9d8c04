import type { APIRoute } from 'astro';
import type { Db } from '../db/types';
import { authenticate } from '../ingest/tokens';
import { getRuntime } from '../runtime';
import type { BusinessOutcome } from './evaluations';
import { evaluationsClosed, jsonBody, preflight, PUBLIC_CORS, refusal } from './http';

/**
 * The routes of a submission by the inspected enterprise (check-in, evaluation): POST takes it
 * (idempotent by clientId, CORS for other clients); GET never returns it to an agency (403) or anyone
 * else (401): only supervisors read them, in the workspace.
 */
export function businessSubmissionRoutes(
  submit: (db: Db, certificateNo: string, body: unknown) => Promise<BusinessOutcome>,
): { POST: APIRoute; GET: APIRoute; OPTIONS: APIRoute } {
  return {
    POST: async ({ params, request }) => {
      const runtime = await getRuntime();
      const site = runtime.config.siteUrl;
      const body = await jsonBody(request, site);
      if (!body.ok) return body.response;
      const result = await submit(runtime.db, params.no ?? '', body.value);
      if (!result.ok) {
        const res = refusal(site, result);
        for (const [k, v] of Object.entries(PUBLIC_CORS)) res.headers.set(k, v);
        return res;
      }
      return Response.json(result.body, {
        status: result.status,
        headers: {
          ...PUBLIC_CORS,
          'cache-control': 'no-store',
          ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
        },
      });
    },
    GET: async ({ request }) => {
      const runtime = await getRuntime();
      const auth = request.headers.get('authorization');
      return evaluationsClosed(runtime.config.siteUrl, !!(auth && (await authenticate(runtime.db, auth))));
    },
    OPTIONS: () => preflight(),
  };
}
