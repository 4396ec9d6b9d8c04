import { createToken, listTokens, revokeToken } from '../../ingest/tokens';
import type { Command } from '../command';

export const tokenCreateCommand: Command = {
  name: 'token create',
  summary: '为执法机关创建接口令牌（只显示一次）/ create an ingest token for an agency (printed once)',
  usage: 'sunlight token create --agency <机关编号> [--label 说明]',
  options: { agency: { type: 'string' }, label: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const agency = args.values.agency as string | undefined;
    if (!agency) {
      ctx.err('请用 --agency 指定执法机关编号，例如：sunlight token create --agency scjgj');
      return 2;
    }
    const issued = await createToken(ctx.db!, agency, args.values.label as string | undefined);
    ctx.err(
      `已为机关 ${issued.agencyId} 创建令牌 ${issued.id}。令牌只显示这一次，请妥善保存；遗失后请吊销并重新创建。`,
    );
    ctx.out(issued.token);
    return 0;
  },
};

export const tokenRevokeCommand: Command = {
  name: 'token revoke',
  summary: '吊销接口令牌 / revoke an ingest token',
  usage: 'sunlight token revoke <令牌编号>',
  db: true,
  async run(ctx, args) {
    const id = args.positionals[0];
    if (!id) {
      ctx.err('请给出令牌编号（sunlight token list 可查看），例如：sunlight token revoke 3f9a0c1b2d4e');
      return 2;
    }
    if (await revokeToken(ctx.db!, id)) {
      ctx.out(`令牌 ${id} 已吊销，使用它的请求将被拒绝（401）。`);
      return 0;
    }
    ctx.err(`没有有效的令牌 ${id}（可能已吊销或不存在）。`);
    return 1;
  },
};

export const tokenListCommand: Command = {
  name: 'token list',
  summary: '列出接口令牌（不含密钥）/ list ingest tokens (no secrets)',
  usage: 'sunlight token list [--agency <机关编号>]',
  options: { agency: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const tokens = await listTokens(ctx.db!, args.values.agency as string | undefined);
    if (!tokens.length) ctx.out('没有令牌。');
    for (const t of tokens) {
      ctx.out(
        `${t.id}  ${t.agency_id}  ${t.revoked_at ? `已吊销 ${t.revoked_at.slice(0, 19)}` : '有效'}  创建 ${t.created_at.slice(0, 19)}` +
          `${t.last_used_at ? `  最近使用 ${t.last_used_at.slice(0, 19)}` : ''}${t.label ? `  ${t.label}` : ''}`,
      );
    }
    return 0;
  },
};
