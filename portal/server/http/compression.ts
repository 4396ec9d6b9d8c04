import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

/**
 * Compresses text answers (HTML, CSS, JS, JSON, problem+json, CSV, NDJSON, XML, SVG) with brotli or
 * gzip as the client's Accept-Encoding asks, and says so with `Vary: Accept-Encoding`. The `compression`
 * library decides per answer from its headers: it leaves alone already-compressed types (PNG, …),
 * bodies under 1 KB, HEAD, answers that already carry a Content-Encoding and `Cache-Control:
 * no-transform`; streamed bodies (exports, snapshots) are compressed chunk by chunk as they are written.
 * Brotli runs at quality 4 (the library's default), which costs about what gzip does.
 */
const middleware = compression({ threshold: 1024 });

/** Wraps `res` so that whatever is written to it afterwards is compressed when the client allows it. */
export function compressResponses(req: IncomingMessage, res: ServerResponse): void {
  middleware(req, res, () => {});
}
