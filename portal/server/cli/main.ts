import { parseArgs } from 'node:util';
import { forwardCommand } from '../admin/socket';
import { loadConfigOrExit } from '../config';
import { Lease } from '../cluster/lease';
import { acquireLock, DataDirLockedError, livePortalSockets, readLock } from '../db/lock';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open';
import type { Db } from '../db/types';
import { SearchService } from '../search/service';
import type { Command, CommandArgs } from './command';
import { commands, findCommand } from './registry';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    '用法 usage: sunlight <命令> [选项]',
    '',
    ...commands.map(
      (c) => `  ${c.name.padEnd(width)}  ${c.summary}${c.usage ? `\n  ${' '.repeat(width)}  ${c.usage}` : ''}`,
    ),
    '',
    '环境变量: SUNLIGHT_DATA_DIR（默认 ./data）, DATABASE_URL（设置后使用 PostgreSQL）, MEILI_HOST, MEILI_API_KEY, PORT',
    '门户运行时（PGlite），需要数据库的命令会通过门户的管理套接字执行。',
  ].join('\n');
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data;
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv.filter((a) => !a.startsWith('-')).slice(0, 2));
  if (!found) {
    console.error(`未知命令：${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  const { command } = found;
  const words = command.name.split(' ').length;
  let args: CommandArgs;
  try {
    const parsed = parseArgs({
      args: argv.slice(words),
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
    args = { values: parsed.values as CommandArgs['values'], positionals: parsed.positionals };
  } catch (err) {
    console.error(`参数错误：${(err as Error).message}\n${command.usage ?? ''}`);
    return 2;
  }
  if (command.readsStdin) args.stdin = await readStdin();
  return execute(command, args);
}

async function execute(command: Command, args: CommandArgs): Promise<number> {
  const config = loadConfigOrExit();
  const out = (line: string) => console.log(line);
  const err = (line: string) => console.error(line);
  if (!command.db) return command.run({ config, db: undefined, out, err, route: 'direct' }, args);

  if (command.inPortal) {
    const portals = livePortalSockets(config.dataDir);
    let worst = 0;
    for (const portal of portals) {
      if (portals.length > 1) out(`── 门户进程 portal pid ${portal.pid}`);
      const res = await forwardCommand(portal.socket, { command: command.name, args });
      for (const line of res.lines) (line.stream === 'out' ? out : err)(line.text);
      worst = Math.max(worst, res.code);
    }
    if (portals.length) return worst;
  }
  if (!config.databaseUrl) {
    const owner = readLock(config.dataDir);
    if (owner && owner.pid !== process.pid) {
      const res = await forwardCommand(owner.socket, { command: command.name, args }).catch((e: Error) => {
        throw new DataDirLockedError(owner, `${config.dataDir}（管理套接字无法连接：${e.message}）`);
      });
      for (const line of res.lines) (line.stream === 'out' ? out : err)(line.text);
      return res.code;
    }
  }
  const release = config.databaseUrl ? () => {} : acquireLock(config.dataDir);
  let db: Db | undefined;
  try {
    try {
      db = await openDatabase(config);
    } catch (error) {
      if (!command.toleratesDbFailure) throw error;
      return await command.run({ config, db: undefined, dbError: error as Error, out, err, route: 'direct' }, args);
    }
    if (command.name !== 'migrate' && command.name !== 'doctor') await migrate(db);
    // Meilisearch has one writer, the holder of the jobs lease: this command writes only if it can hold it.
    const lease = command.search && config.meiliHost ? new Lease(db, 'jobs', { log: err }) : undefined;
    if (lease && (await lease.confirm())) lease.start();
    const search = command.search ? await SearchService.start(db, config, err, () => lease?.isHeld ?? true) : undefined;
    try {
      return await command.run({ config, db, search, out, err, route: 'direct' }, args);
    } finally {
      await search?.stop();
      await lease?.stop();
    }
  } finally {
    await db?.close();
    release();
  }
}
