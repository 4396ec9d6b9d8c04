import type { APIRoute } from 'astro';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { notModified, validators } from '../http/conditional';
import { problem } from '../http/problem';
import { parseParams } from '../opendata/params';
import { PermitExportQuerySchema } from '../opendata/permit-schemas';
import { permitExportStream, permitExportVersion } from './export';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' } as const;

/** GET /api/v1/exports/permits.{csv,ndjson}: every valid public permit (filter: agency, category, dates), streamed. */
export function permitExportRoute(format: keyof typeof CONTENT_TYPES): APIRoute {
  return async ({ url, request, locals }) => {
    const { runtime } = locals;
    const site = runtime.config.siteUrl;
    const parsed = parseParams(PermitExportQuerySchema, url.searchParams);
    if (!parsed.ok) {
      return problem('invalid-query', site, describeFieldErrors(parsed.errors), { errors: parsed.errors });
    }
    const version = await permitExportVersion(runtime.db, parsed.value);
    const agency = parsed.value.agency ? `-${parsed.value.agency}` : '';
    const headers = {
      ...validators(version.etag, version.lastModified),
      'cache-control': 'public, max-age=60',
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="sunlight-permits${agency}.${format}"`,
    };
    if (notModified(request, version.etag, version.lastModified)) return new Response(null, { status: 304, headers });
    return new Response(permitExportStream(runtime.db, parsed.value, format, site), { headers });
  };
}
