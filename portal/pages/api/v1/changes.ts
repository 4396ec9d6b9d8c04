import type { APIRoute } from 'astro';
import { changesSince, latestSeq, publicChangeEvents } from '../../../server/opendata/changes';
import { ChangesQuerySchema, parseParams } from '../../../server/opendata/params';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { notModified } from '../../../server/http/conditional';
import { problem } from '../../../server/http/problem';
import { ChangesResponseSchema } from '../../../server/opendata/api-schemas';
import { answer } from '../../../server/http/answer';

/**
 * GET /api/v1/changes?since=<cursor> — every change to the public set in order (published, corrected,
 * withdrawn, expired), so a partner can stay in sync and remove what was removed here.
 */
export const GET: APIRoute = async ({ url, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(ChangesQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return problem('invalid-query', site, describeFieldErrors(parsed.errors), {
      errors: parsed.errors,
    });
  }
  const { since, limit, agency } = parsed.value;
  const top = await latestSeq(runtime.db);
  const etag = `W/"changes-${since}-${limit}-${agency ?? ''}-${top}"`;
  const headers: Record<string, string> = { etag, 'cache-control': 'public, max-age=5' };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  const events = await changesSince(runtime.db, since, limit, agency);
  const nextCursor = events.length ? events[events.length - 1]!.cursor : String(since);
  const hasMore = events.length === limit && Number(nextCursor) < top;
  const next = `${site}/api/v1/changes?since=${nextCursor}${agency ? `&agency=${agency}` : ''}${limit !== 1000 ? `&limit=${limit}` : ''}`;
  headers.link = `<${next}>; rel="next"`;
  return answer(
    ChangesResponseSchema,
    { events: await publicChangeEvents(runtime.db, events, site), nextCursor, hasMore, latest: String(top) },
    { headers },
  );
};
