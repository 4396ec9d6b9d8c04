import cliProgress from 'cli-progress';
import type { Command, CommandContext } from '../command';

const engineLine = (ctx: CommandContext) => {
  const s = ctx.search!;
  return `${s.engine.name === 'embedded' ? '嵌入式引擎 embedded' : 'Meilisearch'}（${ctx.route}）`;
};

function progressBar(ctx: CommandContext): ((done: number, total: number) => void) & { stop(): void } {
  if (ctx.route !== 'direct' || !process.stderr.isTTY) {
    let lastTenth = -1;
    const fn = (done: number, total: number) => {
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth !== lastTenth) ctx.err(`索引中 indexing ${done}/${total}`);
      lastTenth = tenth;
    };
    return Object.assign(fn, { stop() {} });
  }
  const bar = new cliProgress.SingleBar(
    { format: '索引 indexing [{bar}] {percentage}% | {value}/{total} | {eta_formatted}', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const fn = (done: number, total: number) => {
    if (!started) bar.start(total, done);
    started = true;
    bar.update(done);
  };
  return Object.assign(fn, { stop: () => started && bar.stop() });
}

export const indexRebuildCommand: Command = {
  name: 'index rebuild',
  summary: '从数据库全量重建搜索索引 / rebuild the search index from the database',
  db: true,
  search: true,
  inPortal: true,
  async run(ctx) {
    const bar = progressBar(ctx);
    const res = await ctx.search!.rebuild(bar);
    bar.stop();
    const stats = await ctx.search!.engine.stats();
    ctx.out(
      `已重建 ${engineLine(ctx)}：${res.documents} 条公开记录，用时 ${res.seconds.toFixed(1)} 秒，` +
        `变更日志位置 ${res.seq}${stats.bytes ? `，索引约 ${(stats.bytes / 1048576).toFixed(1)} MB` : ''}。`,
    );
    return 0;
  },
};

export const indexSyncCommand: Command = {
  name: 'index sync',
  summary: '把变更日志中尚未应用的变化写入索引 / apply pending changes from the change log',
  db: true,
  search: true,
  inPortal: true,
  async run(ctx) {
    const applied = await ctx.search!.sync();
    ctx.out(`${engineLine(ctx)}：应用了 ${applied} 条记录的变化，当前位置 ${ctx.search!.position}。`);
    return 0;
  },
};

export const indexVerifyCommand: Command = {
  name: 'index verify',
  summary: '比对数据库与索引，报告偏差 / compare database and index and report drift (exit 1 on drift)',
  db: true,
  search: true,
  inPortal: true,
  async run(ctx) {
    if (ctx.route === 'direct' && ctx.search!.engine.name === 'embedded') {
      ctx.err('注意：没有运行中的门户进程；嵌入式索引只存在于门户进程内，此处比对的是为本命令新建的索引。');
    }
    const d = await ctx.search!.verify();
    const sample = (ids: string[]) =>
      ids.length ? `：${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ' …' : ''}` : '';
    ctx.out(`${engineLine(ctx)}：数据库公开记录 ${d.database} 条，索引 ${d.index} 条。`);
    ctx.out(`  缺失 missing（应公开但不在索引中） ${d.missing.length}${sample(d.missing)}`);
    ctx.out(`  多余 extra（已撤回/到期/未知但仍在索引中） ${d.extra.length}${sample(d.extra)}`);
    ctx.out(`  过期 stale（索引中的版本较旧） ${d.stale.length}${sample(d.stale)}`);
    const drift = d.missing.length + d.extra.length + d.stale.length;
    ctx.out(
      drift
        ? `发现 ${drift} 处偏差。运行 sunlight index sync（或 index rebuild）修复。`
        : '索引与数据库一致，没有偏差。',
    );
    return drift ? 1 : 0;
  },
};

export const indexStatusCommand: Command = {
  name: 'index status',
  summary: '显示搜索引擎、文档数和同步位置 / show engine, documents and change-log position',
  db: true,
  search: true,
  inPortal: true,
  async run(ctx) {
    const s = ctx.search!;
    const stats = await s.engine.stats();
    ctx.out(
      `${engineLine(ctx)}：${stats.documents} 条文档，变更日志位置 ${s.position}` +
        (s.lastSyncAt ? `，最近同步 ${s.lastSyncAt.toISOString()}` : ''),
    );
    return 0;
  },
};
