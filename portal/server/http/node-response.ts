import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** Writes a web `Response` (a problem, a 429) to a Node response, for paths answered before Astro. */
export async function sendResponse(res: ServerResponse, r: Response): Promise<void> {
  const body = await r.text();
  res.writeHead(r.status, Object.fromEntries(r.headers));
  res.end(body);
}

/** A Node request's headers as `Headers.get` reads them (the first value of a repeated header). */
export function headerReader(headers: IncomingHttpHeaders): { get(name: string): string | null } {
  return {
    get: (name: string) => {
      const v = headers[name];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    },
  };
}
