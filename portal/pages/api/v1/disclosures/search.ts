import type { APIRoute } from 'astro';
import { answerSearchBody } from '../../../../server/http/search-request';

/** POST /api/v1/disclosures/search — the same query model as a JSON body; penalties unless `type` says otherwise. */
export const POST: APIRoute = async ({ request, locals }) => answerSearchBody(locals.runtime, request, ['penalty']);
