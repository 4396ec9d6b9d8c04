import http from 'node:http';
import { loadConfigOrExit } from './config';
import { AnswerCache, cachedAnswers } from './http/answer-cache';
import { compressResponses } from './http/compression';
import { answerClientErrors, httpServerOptions, problemOnlyUnderApi, refuseMalformed } from './http/node-boundary';
import { certificateFastPath } from './inspections/verify-fast-path';
import { startProcessRuntime } from './process-runtime';

/**
 * Production entry, built with the pages into dist/server/main.mjs (see `serverEntry` in
 * astro.config.mjs), so the process loads each server module once. Boots the runtime (database,
 * migrations, content, admin socket), then serves the Astro app (the adapter's standalone handler),
 * with certificate verification answered just before it (`inspections/verify-fast-path.ts`), behind
 * the server's edge rules (`http/node-boundary.ts`: time limits, malformed requests, problem+json under
 * /api/), with text answers compressed as the client accepts (`http/compression.ts`; so every writer
 * is covered) and public record answers kept as sent and answered first (`http/answer-cache.ts`).
 */
export async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const runtime = await startProcessRuntime(config);
  // The adapter's entry starts a server of its own unless told not to; this process serves it.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const astro = await import('@astrojs/node/server.js');
  // The adapter's standalone handler (static files, then the app), behind the one fast path.
  const fast = certificateFastPath(runtime);
  const answers = new AnswerCache();
  runtime.search.onAdvance(() => answers.invalidate());
  const cached = cachedAnswers(runtime, answers);
  const site = config.siteUrl;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = http.createServer(httpServerOptions(), (req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) drained?.();
    });
    // While shutting down, each answer closes its connection, so keep-alive clients reconnect elsewhere.
    if (runtime.draining) res.setHeader('connection', 'close');
    if (cached(req, res)) return;
    compressResponses(req, res);
    if (refuseMalformed(req, res, site)) return;
    problemOnlyUnderApi(req, res, site);
    if (!fast(req, res)) astro.handler(req, res);
  });
  answerClientErrors(server, site);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  console.log(
    `[sunlight] 门户已启动 portal ready at http://localhost:${config.port} (${config.databaseKind}, data ${config.dataDir})`,
  );
  if (config.host === '0.0.0.0' || config.host === '::') {
    console.log(
      `[sunlight] 正在监听所有网络接口（HOST=${config.host}）：能访问本机的人都能打开门户，包括 /supervision 登录页。只在本机使用请设 HOST=127.0.0.1；正式部署请放在反向代理之后。`,
    );
  }
  // Graceful shutdown: /readyz answers 503, no new connections are accepted, idle ones are closed, and
  // the requests under way finish (up to SUNLIGHT_SHUTDOWN_GRACE_SECONDS) before the runtime stops
  // (releasing the jobs lease, so another process takes the jobs over at once).
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.draining = true;
    console.log(`[sunlight] ${signal}: shutting down, ${inFlight} request(s) under way`);
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const finished = new Promise<void>((resolve) => {
      drained = resolve;
      if (inFlight === 0) resolve();
    });
    const grace = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), config.shutdownGraceMs).unref());
    if ((await Promise.race([finished.then(() => true), grace])) === false) {
      console.log(`[sunlight] ${inFlight} request(s) still under way after the grace period: closing them`);
    }
    server.closeAllConnections();
    await closed;
    await runtime.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
