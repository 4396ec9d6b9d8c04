import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Command } from '../cli/command';
import type { Config } from '../config';
import type { Db } from '../db/types';
import type { SearchService } from '../search/service';
import type { AdminRequest, AdminResponse } from './protocol';

/**
 * Serves `commands` (the CLI's, passed by the process entry) for other processes while this process
 * holds the PGlite data dir. A Unix socket with mode 0600: only the user running the portal can reach it.
 */
export async function startAdminSocket(
  socketPath: string,
  runtime: { config: Config; db: Db; search: SearchService },
  commands: readonly Command[],
): Promise<() => Promise<void>> {
  const { config, db, search } = runtime;
  fs.mkdirSync(path.dirname(socketPath), { recursive: true });
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer(async (req, res) => {
    const reply = (status: number, body: AdminResponse) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/run') return reply(404, { code: 2, lines: [] });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const lines: AdminResponse['lines'] = [];
    try {
      const { command: name, args } = JSON.parse(raw) as AdminRequest;
      const command = commands.find((c) => c.name === name);
      if (!command) return reply(400, { code: 2, lines: [{ stream: 'err', text: `未知命令 ${name}` }] });
      const code = await command.run(
        {
          config,
          db: command.db ? db : undefined,
          search,
          out: (text) => lines.push({ stream: 'out', text }),
          err: (text) => lines.push({ stream: 'err', text }),
          route: `via portal pid ${process.pid}`,
        },
        args,
      );
      reply(200, { code, lines });
    } catch (err) {
      lines.push({ stream: 'err', text: `命令执行失败：${(err as Error).message}` });
      reply(500, { code: 1, lines });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(socketPath, { force: true });
    });
}

export async function forwardCommand(socketPath: string, request: AdminRequest): Promise<AdminResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, path: '/run', method: 'POST', headers: { 'content-type': 'application/json' } },
      async (res) => {
        let raw = '';
        for await (const chunk of res) raw += chunk;
        try {
          resolve(JSON.parse(raw) as AdminResponse);
        } catch (err) {
          reject(err);
        }
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(request));
  });
}
