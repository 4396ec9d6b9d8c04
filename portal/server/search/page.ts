import type { RecordType } from '@sunlight/domain/schemas/record-type';
import { isQueryError } from '@sunlight/search-indexer/cursor';
import {
  paramsToObject,
  parseQuery,
  queryParamLabels,
  queryToParams,
  type Facet,
  type QueryProblem,
  type SearchQuery,
} from '@sunlight/search-indexer/query';
import type { SearchResult } from '@sunlight/search-indexer/types';
import type { Runtime } from '../runtime';

/** What a search page shows: the reader's parameters, the parsed query and its result, or what was wrong. */
export interface SearchPageState {
  /** The page's own path (/search, /disclosures): forms and links point back to it. */
  path: string;
  /** Set on a page of one type (/disclosures: penalties); unset where every type is searched. */
  scope: RecordType | undefined;
  params: URLSearchParams;
  query: SearchQuery | undefined;
  result: SearchResult | undefined;
  problems: QueryProblem[];
  /** A link to this page for the same query with some fields changed (facets and cursor dropped). */
  href(change: Partial<SearchQuery>): string;
}

/**
 * Runs the search a search page was asked for. Forms send empty fields, which mean "no filter". A page
 * scoped to one type searches that type whatever `type` the address carries, and leaves `type` out of
 * its links.
 */
export async function searchPage(
  runtime: Runtime,
  url: URL,
  opts: { path: string; scope?: RecordType; facets: Facet[] },
): Promise<SearchPageState> {
  const params = new URLSearchParams();
  for (const [k, v] of url.searchParams) if (v.trim() !== '' && !(opts.scope && k === 'type')) params.append(k, v);
  const parsed = parseQuery({ ...paramsToObject(params), ...(opts.scope ? { type: [opts.scope] } : {}) });
  let problems = parsed.ok ? [] : parsed.problems;
  const query: SearchQuery | undefined = parsed.ok ? { ...parsed.query, facets: opts.facets } : undefined;
  let result: SearchResult | undefined;
  if (query) {
    try {
      result = await runtime.search.search(query);
    } catch (err) {
      if (!isQueryError(err)) throw err;
      problems = [
        { parameter: err.parameter, label: queryParamLabels[err.parameter] ?? err.parameter, message: err.message },
      ];
    }
  }
  const href = (change: Partial<SearchQuery>) => {
    const p = queryToParams({ ...(query ?? {}), facets: undefined, cursor: undefined, ...change });
    if (opts.scope) p.delete('type');
    const s = p.toString();
    return s ? `${opts.path}?${s}` : opts.path;
  };
  return { path: opts.path, scope: opts.scope, params, query, result, problems, href };
}
