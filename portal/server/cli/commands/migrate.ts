import { migrate } from '../../db/migrate';
import type { Command } from '../command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: '应用数据库迁移（幂等）/ apply pending database migrations',
  db: true,
  async run(ctx) {
    const result = await migrate(ctx.db!);
    if (result.applied.length === 0)
      ctx.out(`数据库已是最新：${result.alreadyApplied} 个迁移均已应用（${ctx.db!.kind}, ${ctx.route}）。`);
    else
      ctx.out(
        `已应用 ${result.applied.length} 个迁移：${result.applied.join(', ')}（${ctx.db!.kind}, ${ctx.route}）。`,
      );
    return 0;
  },
};
