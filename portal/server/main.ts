import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit } from './config';
import { compressResponses } from './http/compression';
import { answerClientErrors, httpServerOptions, problemOnlyUnderApi, refuseMalformed } from './http/node-boundary';
import { certificateFastPath } from './inspections/verify-fast-path';
import { boot, setRuntime } from './runtime';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Production entry: boots the runtime (database, migrations, content, admin socket), then serves the
 * built Astro app (the adapter's standalone handler) in the same process, with certificate
 * verification answered just before it (`inspections/verify-fast-path.ts`), behind the server's edge
 * rules (`http/node-boundary.ts`: time limits, malformed requests, problem+json under /api/), with text
 * answers compressed as the client accepts (`http/compression.ts`; outermost, so every writer is covered).
 */
export async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const entry = path.join(config.rootDir, 'dist/server/entry.mjs');
  if (!fs.existsSync(entry)) {
    console.error(`未找到构建产物 ${entry}。请先运行 npm run build（npm start 会自动构建）。`);
    process.exit(1);
  }
  const runtime = await boot(config);
  setRuntime(runtime);
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const astro = (await import(pathToFileURL(entry).href)) as { handler: NodeHandler };
  // The adapter's standalone handler (static files, then the app), behind the one fast path.
  const fast = certificateFastPath(runtime);
  const site = config.siteUrl;
  const server = http.createServer(httpServerOptions(), (req, res) => {
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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[sunlight] ${signal}: shutting down`);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
