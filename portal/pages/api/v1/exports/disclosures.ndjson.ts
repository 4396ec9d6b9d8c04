import type { APIRoute } from 'astro';
import { exportStream, exportVersion } from '../../../../server/opendata/export';
import { ExportQuerySchema, parseParams } from '../../../../server/opendata/params';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { notModified, validators } from '../../../../server/http/conditional';
import { problem } from '../../../../server/http/problem';

/** GET /api/v1/exports/disclosures.ndjson — every public decision (filter: agency, dateFrom, dateTo), streamed. */
export const GET: APIRoute = async ({ url, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const parsed = parseParams(ExportQuerySchema, url.searchParams);
  if (!parsed.ok) {
    return problem('invalid-query', site, describeFieldErrors(parsed.errors), {
      errors: parsed.errors,
    });
  }
  const version = await exportVersion(runtime.db, parsed.value);
  const headers = {
    ...validators(version.etag, version.lastModified),
    'cache-control': 'public, max-age=60',
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="sunlight-disclosures${parsed.value.agency ? `-${parsed.value.agency}` : ''}.ndjson"`,
  };
  if (notModified(request, version.etag, version.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(exportStream(runtime.db, parsed.value, 'ndjson', site), { headers });
};
