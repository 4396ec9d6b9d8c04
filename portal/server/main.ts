import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from './config';
import { boot, setRuntime } from './runtime';

/**
 * Production entry: boots the runtime (database, migrations, content, admin socket), then starts
 * the built Astro standalone server in the same process.
 */
export async function main(): Promise<void> {
  const config = loadConfig();
  const entry = path.join(config.rootDir, 'dist/server/entry.mjs');
  if (!fs.existsSync(entry)) {
    console.error(`未找到构建产物 ${entry}。请先运行 npm run build（npm start 会自动构建）。`);
    process.exit(1);
  }
  const runtime = await boot(config);
  setRuntime(runtime);
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  process.env.PORT = String(config.port);
  process.env.HOST = config.host;
  const astro = (await import(pathToFileURL(entry).href)) as {
    startServer: () => { server: { stop(): Promise<void> }; done: Promise<void> };
  };
  const { server } = astro.startServer();
  console.log(
    `[sunlight] 门户已启动 portal ready at http://localhost:${config.port} (${config.databaseKind}, data ${config.dataDir})`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[sunlight] ${signal}: shutting down`);
    await server.stop().catch(() => {});
    await runtime.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
