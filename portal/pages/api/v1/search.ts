import type { APIRoute } from 'astro';
import { paramsToObject } from '@sunlight/search-indexer/query';
import { answerSearch } from '../../../server/http/search-api';
import { answerSearchBody } from '../../../server/http/search-request';

/** GET /api/v1/search — every public record type (penalties, permits, inspection results); `type` narrows it. */
export const GET: APIRoute = async ({ url, locals }) => answerSearch(locals.runtime, paramsToObject(url.searchParams));

/** POST /api/v1/search — the same as a JSON body. */
export const POST: APIRoute = async ({ request, locals }) => answerSearchBody(locals.runtime, request);
