import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The portal process (for CPU readings in benchmarks). */
  pid: number;
  env: NodeJS.ProcessEnv;
  output: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * A data dir a stopped portal left behind: the new portal starts from a copy of it instead of an empty one,
   * and skips loading the content again when the content is unchanged.
   */
  copyOf?: string;
  /** Leave the data dir in place when the portal stops (to copy it). */
  keepDataDir?: boolean;
  /** How long the first start (migrations and the whole sample) may take; 120 s unless said. */
  startTimeoutMs?: number;
}

/** Starts the built portal (bin/serve.mjs) on a free port with its own data dir. */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}, opts: StartOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist/server/main.mjs'))) {
    throw new Error('dist/server/main.mjs is missing: run `npm run build` first (npm test does this).');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-test-'));
  if (opts.copyOf) fs.cpSync(opts.copyOf, dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    SUNLIGHT_DATA_DIR: dataDir,
    SUNLIGHT_SITE_URL: `http://127.0.0.1:${port}`,
    SUNLIGHT_RATE_LIMIT_ANON: '100000',
    ...extraEnv,
  };
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/serve.mjs'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const startTimeoutMs = opts.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`portal did not become healthy in ${startTimeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    dataDir,
    pid: child.pid!,
    env,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!opts.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A copy of the sample content (content/sample) to change for one portal; remove it when done. */
export function copySampleContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-content-'));
  fs.cpSync(path.join(ROOT, 'content/sample'), dir, { recursive: true });
  return dir;
}
