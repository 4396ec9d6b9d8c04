// The few parts of the `compression` package (expressjs/compression) that the portal uses.
declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface CompressionOptions {
    threshold?: number | string;
    filter?: (req: IncomingMessage, res: ServerResponse) => boolean;
  }
  function compression(
    options?: CompressionOptions,
  ): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  export default compression;
}
