import { recordTypePaths } from '@sunlight/domain/schemas/record-type';
import { isQueryError } from '@sunlight/search-indexer/cursor';
import { parseQuery, type SearchQuery } from '@sunlight/search-indexer/query';
import type { SearchResult } from '@sunlight/search-indexer/types';
import type { Runtime } from '../runtime';
import { problem } from './problem';

/** The JSON shape of a search answer: public fields only, each hit with its permalink. */
export function searchBody(result: SearchResult, siteUrl: string) {
  return {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    nextCursor: result.nextCursor,
    engine: result.engine,
    suggestion: result.suggestion ? { ...result.suggestion, text: `您是不是要找：${result.suggestion.q}` } : null,
    hits: result.hits.map((h) => ({
      ...h.doc,
      url: `${siteUrl}${recordTypePaths[h.doc.type]}/${h.id}`,
      apiUrl: `${siteUrl}/api/v1${recordTypePaths[h.doc.type]}/${h.id}`,
      exact: h.exact,
      ...(h.highlights ? { highlights: h.highlights } : {}),
    })),
    facets: result.facets,
  };
}

/** Parses, runs and answers one search; malformed input is a 400 problem naming the parameter. */
export async function answerSearch(runtime: Runtime, input: unknown): Promise<Response> {
  const site = runtime.config.siteUrl;
  const parsed = parseQuery(input);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    return problem('invalid-query', site, `参数「${first.label}」(${first.parameter})：${first.message}`, {
      errors: parsed.problems.map((p) => ({ parameter: p.parameter, message: p.message })),
    });
  }
  return runSearch(runtime, parsed.query);
}

export async function runSearch(runtime: Runtime, query: SearchQuery): Promise<Response> {
  const site = runtime.config.siteUrl;
  try {
    const result = await runtime.search.search(query);
    return Response.json(searchBody(result, site), {
      headers: { 'cache-control': 'public, max-age=30', 'access-control-allow-origin': '*' },
    });
  } catch (err) {
    if (isQueryError(err)) {
      return problem('invalid-query', site, `参数 ${err.parameter}：${err.message}`, {
        errors: [{ parameter: err.parameter, message: err.message }],
      });
    }
    throw err;
  }
}
