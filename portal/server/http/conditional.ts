/**
 * Conditional GET (RFC 9110 §13) for every cacheable public answer: records, the change feed, both Atom
 * feeds, the exports, the snapshot list and the snapshot files all go through `conditional`, so each one
 * sends ETag AND Last-Modified and answers 304 to If-None-Match or (when there is none) If-Modified-Since.
 */

export interface Validators {
  /** Weak or strong; compared weakly, as RFC 9110 asks for If-None-Match. */
  etag: string;
  /** When the answer last changed; sent as an HTTP date (whole seconds). */
  lastModified: Date;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** True when the client's cached copy (If-None-Match, else If-Modified-Since) is still current. */
export function notModified(
  request: { headers: { get(name: string): string | null } },
  etag: string,
  lastModified?: Date,
): boolean {
  const inm = request.headers.get('if-none-match');
  if (inm) return inm.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
  const ims = request.headers.get('if-modified-since');
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

export function validators(etag: string, lastModified: Date): Record<string, string> {
  return { etag, 'last-modified': lastModified.toUTCString() };
}

/**
 * The validator headers (with the answer's own `headers`) and, when the client's copy is current, the
 * 304 to send instead of the body. A 304 carries the same ETag, Last-Modified and Cache-Control.
 */
export function conditional(
  request: Request,
  v: Validators,
  headers: Record<string, string> = {},
): { headers: Record<string, string>; notModified: Response | null } {
  const all = { ...headers, ...validators(v.etag, v.lastModified) };
  const fresh = notModified(request, v.etag, v.lastModified);
  return { headers: all, notModified: fresh ? new Response(null, { status: 304, headers: all }) : null };
}
