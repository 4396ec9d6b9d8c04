/** True when the client's cached copy (If-None-Match / If-Modified-Since) is still current. */
export function notModified(request: Request, etag: string, lastModified?: Date): boolean {
  const inm = request.headers.get('if-none-match');
  if (inm) return inm.split(',').some((t) => t.trim() === etag || t.trim() === '*');
  const ims = request.headers.get('if-modified-since');
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

export function validators(etag: string, lastModified?: Date): Record<string, string> {
  return { etag, ...(lastModified ? { 'last-modified': lastModified.toUTCString() } : {}) };
}
