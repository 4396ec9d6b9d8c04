import type { z } from 'zod';
import { recordTypePaths, type RecordType } from '@sunlight/domain/schemas/record-type';
import { answer } from './answer';
import { conditional } from './conditional';
import { problem } from './problem';

/** What a lookup of one public record found: nothing, a tombstone (410), or the public record. */
export type RecordLookup<T> =
  | { kind: 'missing'; detail: string }
  | { kind: 'gone'; detail: string; fields: Record<string, unknown> }
  | { kind: 'found'; updatedAt: string; body: (url: string) => T };

/**
 * GET /api/v1/<type>/{id}: the record with ETag and Last-Modified (304 on a match), 404, or 410 with the
 * tombstone's fields; always a link to the record's page.
 */
export function recordAnswer<S extends z.ZodType>(
  request: Request,
  site: string,
  type: RecordType,
  id: string,
  schema: S,
  found: RecordLookup<z.input<S>>,
): Response {
  const html = `${site}${recordTypePaths[type]}/${id}`;
  const link = `<${html}>; rel="alternate"; type="text/html"`;
  if (found.kind === 'missing') return problem('not-found', site, found.detail);
  if (found.kind === 'gone') return problem('gone', site, found.detail, { id, ...found.fields }, { link });
  const { headers, notModified } = conditional(
    request,
    { etag: `W/"${id}-${Date.parse(found.updatedAt)}"`, lastModified: new Date(found.updatedAt) },
    { link, 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' },
  );
  return notModified ?? answer(schema, found.body(html), { headers });
}
