import fs from 'node:fs';
import { redactUrl, type Config } from '../../config';
import { describeSearchEngine } from '../../search-engine';
import { businessIdentity } from '../../business-identity/port';
import type { Command } from '../command';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: '检查运行环境 / print Node version, database kind and reachability, search engine, data dir',
  db: true,
  toleratesDbFailure: true,
  async run(ctx) {
    const { config } = ctx;
    let ok = true;
    const major = Number(process.versions.node.split('.')[0]);
    ctx.out(`Node.js        ${process.version}${major === 22 ? '' : '  ⚠ 项目目标为 Node 22 LTS'}`);
    if (major !== 22) ok = false;
    ctx.out(`数据库 database ${config.databaseKind}`);
    ctx.out(
      config.databaseUrl
        ? `  连接 url       ${redactUrl(config.databaseUrl)}`
        : `  数据目录 dir   ${config.dataDir}/pglite`,
    );
    try {
      if (!ctx.db) throw ctx.dbError ?? new Error('数据库未打开');
      const started = performance.now();
      const rows = await ctx.db!.query<{ version: string; migrations: number }>(
        `SELECT version() AS version,
                (SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations')::int AS migrations`,
      );
      const ms = (performance.now() - started).toFixed(1);
      ctx.out(`  可达 reachable 是 yes (${ms} ms, ${ctx.route})`);
      ctx.out(`  服务器 server  ${rows[0]?.version.split(',')[0] ?? '?'}`);
      if (rows[0]?.migrations) {
        const applied = await ctx.db!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        ctx.out(`  迁移 migrations ${applied[0]?.n ?? 0} 个已应用`);
      } else ctx.out('  迁移 migrations 尚未应用（运行 sunlight migrate 或启动门户）');
    } catch (err) {
      ok = false;
      ctx.out(`  可达 reachable 否 no: ${(err as Error).message}`);
    }
    ctx.out(`搜索 search     ${describeSearchEngine(config)}`);
    ctx.out(`数据目录 data   ${config.dataDir}${fs.existsSync(config.dataDir) ? '' : '（尚不存在，首次启动时创建）'}`);
    ctx.out(`内容 content    ${config.contentDir}`);
    ctx.out(`站点 site       ${config.siteUrl}`);
    ctx.out(`企业身份 identity ${describeIdentityAdapter(config)}`);
    return ok ? 0 : 1;
  },
};

/** Which adapter proves a business is the inspected one, and whether it is the manual (local) one. */
function describeIdentityAdapter(config: Config): string {
  try {
    const identity = businessIdentity(config);
    return identity.manual
      ? `${identity.adapter}（本地登记码：由运营方线下核验后发放；正式部署请接入微信+电子营业执照适配器）`
      : identity.adapter;
  } catch (err) {
    return `⚠ ${(err as Error).message}`;
  }
}
