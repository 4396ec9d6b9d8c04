import type { APIRoute } from 'astro';
import { atomFeed } from '../../server/opendata/atom';
import { recentChanges } from '../../server/opendata/changes';
import { notModified } from '../../server/http/conditional';

/** GET /feeds/disclosures.atom — the newest 100 changes across all agencies. */
export const GET: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const events = await recentChanges(runtime.db, 100);
  const etag = `W/"atom-${events[0]?.seq ?? 0}"`;
  const headers = {
    etag,
    'content-type': 'application/atom+xml; charset=utf-8',
    'cache-control': 'public, max-age=60',
  };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(
    atomFeed(events, { site, self: `${site}/feeds/disclosures.atom`, title: '行政处罚公示动态', siteName: '阳光执法' }),
    { headers },
  );
};
