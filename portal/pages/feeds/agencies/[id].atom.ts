import type { APIRoute } from 'astro';
import { atomFeed } from '../../../server/opendata/atom';
import { recentChanges } from '../../../server/opendata/changes';
import { agencyRef } from '../../../server/disclosures/read';
import { notModified } from '../../../server/http/conditional';
import { problem } from '../../../server/http/problem';

/** GET /feeds/agencies/{id}.atom — the newest 100 changes of one agency. */
export const GET: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await agencyRef(runtime.db, params.id ?? '');
  if (!agency) return problem('not-found', site, `没有编号为 ${params.id} 的执法机关`);
  const events = await recentChanges(runtime.db, 100, agency.id);
  const etag = `W/"atom-${agency.id}-${events[0]?.seq ?? 0}"`;
  const headers = {
    etag,
    'content-type': 'application/atom+xml; charset=utf-8',
    'cache-control': 'public, max-age=60',
  };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  const self = `${site}/feeds/agencies/${agency.id}.atom`;
  return new Response(
    atomFeed(events, { site, self, title: `${agency.name} 行政处罚公示动态`, siteName: '阳光执法' }),
    { headers },
  );
};
