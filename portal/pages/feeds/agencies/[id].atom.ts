import type { APIRoute } from 'astro';
import { atomFeed } from '../../../server/opendata/atom';
import { recentChanges } from '../../../server/opendata/changes';
import { agencyRef } from '../../../server/disclosures/read';
import { conditional } from '../../../server/http/conditional';
import { problem } from '../../../server/http/problem';

/** GET /feeds/agencies/{id}.atom — the newest 100 changes of one agency. */
export const GET: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await agencyRef(runtime.db, params.id ?? '');
  if (!agency) return problem('not-found', site, `没有编号为 ${params.id} 的执法机关`);
  const events = await recentChanges(runtime.db, 100, agency.id);
  // The agency's own newest event (its time, or the epoch when it has none) dates the feed.
  const { headers, notModified } = conditional(
    request,
    { etag: `W/"atom-${agency.id}-${events[0]?.seq ?? 0}"`, lastModified: new Date(events[0]?.at ?? 0) },
    { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' },
  );
  if (notModified) return notModified;
  const self = `${site}/feeds/agencies/${agency.id}.atom`;
  return new Response(
    atomFeed(events, {
      site,
      self,
      title: `${agency.name} 行政处罚公示动态`,
      siteName: '阳光执法',
      alternate: `${site}/disclosures?agency=${agency.id}`,
      related: `${site}/api/v1/changes?agency=${agency.id}`,
    }),
    { headers },
  );
};
