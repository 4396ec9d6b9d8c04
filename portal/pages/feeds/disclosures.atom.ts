import type { APIRoute } from 'astro';
import { atomFeed } from '../../server/opendata/atom';
import { recentChanges } from '../../server/opendata/changes';
import { latestChange } from '../../server/records/change-log';
import { conditional } from '../../server/http/conditional';

/** GET /feeds/disclosures.atom — the newest 100 changes across all agencies. */
export const GET: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  // The feed changes only with the change log: answer a current copy before reading any event.
  const change = await latestChange(runtime.db);
  const { headers, notModified } = conditional(
    request,
    { etag: `W/"atom-${change.seq}"`, lastModified: change.at ?? new Date(0) },
    { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' },
  );
  if (notModified) return notModified;
  const events = await recentChanges(runtime.db, 100);
  return new Response(
    atomFeed(events, { site, self: `${site}/feeds/disclosures.atom`, title: '行政处罚公示动态', siteName: '阳光执法' }),
    { headers },
  );
};
