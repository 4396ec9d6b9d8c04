import type { APIRoute } from 'astro';
import { businessIdentity } from '../business-identity/port';
import type { Db } from '../db/types';
import { clientAddressOf } from '../http/public-api';
import { authenticate } from '../ingest/tokens';
import type { BusinessOutcome, SubmissionContext } from './evaluations';
import { evaluationsClosed, jsonBody, refusal } from './http';

/**
 * The routes of a submission by the inspected enterprise (check-in, evaluation): POST takes it when the
 * body's `proof` shows the configured business identity adapter that the sender is the inspected business
 * (idempotent by clientId; CORS and rate limits come from the middleware); GET never returns it to an
 * agency (403) or anyone else (401): only supervisors read them, in the workspace.
 */
export function businessSubmissionRoutes(
  submit: (db: Db, certificateNo: string, body: unknown, ctx: SubmissionContext) => Promise<BusinessOutcome>,
): { POST: APIRoute; GET: APIRoute } {
  return {
    POST: async ({ params, request, clientAddress, locals }) => {
      const { runtime } = locals;
      const site = runtime.config.siteUrl;
      const body = await jsonBody(request, site);
      if (!body.ok) return body.response;
      const result = await submit(runtime.db, params.no ?? '', body.value, {
        identity: businessIdentity(runtime.config),
        ip: clientAddressOf(runtime.config.trustProxy, request.headers, () => clientAddress),
      });
      if (!result.ok) return refusal(site, result);
      return Response.json(result.body, {
        status: result.status,
        headers: {
          'cache-control': 'no-store',
          ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
        },
      });
    },
    GET: async ({ request, locals }) => {
      const { runtime } = locals;
      const auth = request.headers.get('authorization');
      return evaluationsClosed(runtime.config.siteUrl, !!(auth && (await authenticate(runtime.db, auth))));
    },
  };
}
