import type { APIRoute } from 'astro';
import { paramsToObject } from '@sunlight/search-indexer/query';
import { answerSearch } from '../../../../server/http/search-api';

/** GET /api/v1/disclosures — search public decisions with the query model (URL parameters); penalties unless `type` says otherwise. */
export const GET: APIRoute = async ({ url, locals }) =>
  answerSearch(locals.runtime, paramsToObject(url.searchParams), ['penalty']);
