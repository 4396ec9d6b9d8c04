#!/usr/bin/env node
// A tiny static file server for the mini-program's h5 build, for trying it locally (`npm run mp:serve`)
// and for the end-to-end tests:
//   node scripts/serve-h5.mjs <dir> <port> [apiBase] [siteUrl,siteUrl…]
// Serves <dir> on 127.0.0.1:<port>. When apiBase is given, index.html gets
// `window.__SUNLIGHT__ = { apiBase, siteUrls }` before the app script, the run-time override the app
// reads (how a deployment points one h5 build at its portal without rebuilding).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [dirArg, portArg, apiBase, siteUrls] = process.argv.slice(2);
if (!dirArg || !portArg) {
  console.error('usage: serve-h5.mjs <dir> <port> [apiBase] [siteUrls]');
  process.exit(2);
}
const root = path.resolve(dirArg);
const port = Number(portArg);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

function indexHtml() {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  if (!apiBase) return html;
  const config = { apiBase, ...(siteUrls ? { siteUrls: siteUrls.split(',') } : {}) };
  const inject = `<script>window.__SUNLIGHT__=${JSON.stringify(config)};</script>`;
  return html.replace('<head>', `<head>${inject}`);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/healthz') {
    // Healthy even before a build: the tests that need the build say so themselves.
    res.writeHead(200).end();
    return;
  }
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('h5 build missing: run `npm run mp:h5`');
    return;
  }
  let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (file === path.join(root, 'index.html')) {
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(indexHtml());
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': 'public, max-age=3600',
  });
  fs.createReadStream(file).pipe(res);
});
server.listen(port, '127.0.0.1', () => console.log(`h5 static server: http://127.0.0.1:${port} → ${root}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
