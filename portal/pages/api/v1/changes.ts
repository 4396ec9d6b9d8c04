import type { APIRoute } from 'astro';
import { changesSince, publicChangeEvents } from '../../../server/opendata/changes';
import { ChangesQuerySchema, parseParams } from '../../../server/opendata/params';
import { conditional } from '../../../server/http/conditional';
import { invalidQuery, problem } from '../../../server/http/problem';
import { ChangesResponseSchema } from '../../../server/opendata/api-schemas';
import { answer } from '../../../server/http/answer';
import { latestChange } from '../../../server/records/change-log';

/**
 * GET /api/v1/changes?since=<cursor> — every change to the public set in order (published, corrected,
 * withdrawn, expired), so a partner can stay in sync and remove what was removed here. ETag and
 * Last-Modified follow the newest event in the log: any new event may change a page.
 */
export const GET: APIRoute = async ({ url, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(ChangesQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return invalidQuery(site, parsed.errors);
  }
  const { since, limit, agency } = parsed.value;
  const change = await latestChange(runtime.db);
  const top = change.seq;
  if (since > top) {
    // A cursor this log never issued (a restored backup, another deployment, a hand-made number): an empty
    // answer would let the client wait for events it has already missed, so refuse and say how to recover.
    return problem(
      'cursor-ahead',
      site,
      `since=${since} 超出了变更记录的最新位置 ${top}：这个游标不是本站发出的（可能来自另一个部署或恢复前的备份）。请从全量导出重新同步：下载 ${site}/api/v1/exports/disclosures.ndjson、permits.ndjson 和 inspection-results.ndjson（或 ${site}/api/v1/exports/snapshots 中最新的快照），然后以 since=${top} 继续订阅。`,
      {
        latest: String(top),
        resync: {
          exports: ['disclosures', 'permits', 'inspection-results'].map((n) => `${site}/api/v1/exports/${n}.ndjson`),
          snapshots: `${site}/api/v1/exports/snapshots`,
          continueFrom: `${site}/api/v1/changes?since=${top}`,
        },
      },
    );
  }
  const { headers, notModified } = conditional(
    request,
    { etag: `W/"changes-${since}-${limit}-${agency ?? ''}-${top}"`, lastModified: change.at ?? new Date(0) },
    { 'cache-control': 'public, max-age=5' },
  );
  if (notModified) return notModified;
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
