import { queryToParams, type SearchQuery } from './query';

/** Thrown for a query that parsed but cannot be answered (e.g. a cursor from another query). */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    public readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Recognises a QueryError by shape, not by class: the portal's launcher and its built bundle each
 * hold a copy of this module, so `instanceof` fails for errors crossing between them.
 */
export function isQueryError(err: unknown): err is QueryError {
  return err instanceof Error && err.name === 'QueryError' && typeof (err as QueryError).parameter === 'string';
}

function fingerprint(query: SearchQuery): string {
  const { page: _p, cursor: _c, highlight: _h, facets: _f, ...rest } = query;
  const s = queryToParams(rest).toString();
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function b64url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(s: string): string {
  return atob(s.replace(/-/g, '+').replace(/_/g, '/'));
}

/** Offset where this query's page starts: from its cursor if given, else from page/pageSize. */
export function startOffset(query: SearchQuery): number {
  if (!query.cursor) return (query.page - 1) * query.pageSize;
  let decoded: { o?: unknown; f?: unknown };
  try {
    decoded = JSON.parse(unb64url(query.cursor)) as { o?: unknown; f?: unknown };
  } catch {
    throw new QueryError('cursor', '游标无效，请使用上一页返回的nextCursor');
  }
  if (typeof decoded.o !== 'number' || !Number.isInteger(decoded.o) || decoded.o < 0)
    throw new QueryError('cursor', '游标无效，请使用上一页返回的nextCursor');
  if (decoded.f !== fingerprint(query))
    throw new QueryError('cursor', '游标属于另一个查询：更改筛选或排序后请从第一页开始');
  return decoded.o;
}

export function nextCursor(query: SearchQuery, offset: number, total: number): string | null {
  const next = offset + query.pageSize;
  return next < total ? b64url(JSON.stringify({ o: next, f: fingerprint(query) })) : null;
}
