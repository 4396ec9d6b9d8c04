import http from 'node:http';
import type net from 'node:net';

export interface Proxy {
  url: string;
  /** Which target answered each request, in order (index into targets). */
  answeredBy: number[];
  close(): Promise<void>;
}

/**
 * A small load balancer for tests: each request goes to the next target in turn; a target that refuses
 * the connection is skipped (nginx's passive health check, `proxy_next_upstream error`). The client's
 * address is passed on in X-Forwarded-For unless the request already carries one (a test standing for
 * several clients sets it); the Host header as the client sent it, like the reference nginx configuration.
 */
export async function startRoundRobinProxy(targets: readonly string[], port = 0): Promise<Proxy> {
  let next = 0;
  const answeredBy: number[] = [];
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tries: number) => {
    const i = next++ % targets.length;
    const target = new URL(req.url ?? '/', targets[i]);
    // The Host header is passed on as the client sent it (nginx: `proxy_set_header Host $host`).
    const headers: http.OutgoingHttpHeaders = {
      ...req.headers,
      'x-forwarded-for': req.headers['x-forwarded-for'] ?? (req.socket as net.Socket).remoteAddress ?? '127.0.0.1',
    };
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      answeredBy.push(i);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (tries < targets.length) forward(req, res, body, tries + 1);
      else if (!res.headersSent) res.writeHead(502).end();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 1));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    answeredBy,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
