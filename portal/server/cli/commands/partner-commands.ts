import { CONFIG_DEFAULTS } from '../../config';
import { createPartner, listPartners, revokePartner } from '../../opendata/partners';
import type { Command } from '../command';

export const partnerCreateCommand: Command = {
  name: 'partner create',
  summary: '为信用平台等合作方创建开放数据密钥（只显示一次）/ create an open-data partner key (printed once)',
  usage: `sunlight partner create --name <名称> [--per-minute 每分钟请求数，默认 SUNLIGHT_RATE_LIMIT_PARTNER，未设置时 ${CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_PARTNER}]`,
  options: { name: { type: 'string' }, 'per-minute': { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const name = (args.values.name as string | undefined)?.trim();
    const perMinute = Number(args.values['per-minute'] ?? ctx.config.rateLimit.partnerPerMinute);
    if (!name || !Number.isInteger(perMinute) || perMinute < 1) {
      ctx.err(
        `用法：sunlight partner create --name "示例市信用平台" [--per-minute ${ctx.config.rateLimit.partnerPerMinute}]`,
      );
      return 2;
    }
    const p = await createPartner(ctx.db!, name, perMinute);
    ctx.err(
      `已为“${name}”创建合作方密钥 ${p.id}（每分钟 ${perMinute} 次）。密钥只显示这一次；请求时放在 X-API-Key 请求头中。`,
    );
    ctx.out(p.key);
    return 0;
  },
};

export const partnerRevokeCommand: Command = {
  name: 'partner revoke',
  summary: '吊销合作方密钥 / revoke a partner key',
  usage: 'sunlight partner revoke <密钥编号>',
  db: true,
  async run(ctx, args) {
    const id = args.positionals[0];
    if (!id) {
      ctx.err('请给出密钥编号（sunlight partner list 可查看）');
      return 2;
    }
    if (await revokePartner(ctx.db!, id)) {
      ctx.out(`合作方密钥 ${id} 已吊销（各门户进程最迟一分钟内生效）。`);
      return 0;
    }
    ctx.err(`没有有效的合作方密钥 ${id}`);
    return 1;
  },
};

export const partnerListCommand: Command = {
  name: 'partner list',
  summary: '列出合作方密钥（不含密钥本身）/ list partner keys',
  db: true,
  async run(ctx) {
    const rows = await listPartners(ctx.db!);
    if (!rows.length) ctx.out('没有合作方密钥。');
    for (const r of rows) {
      ctx.out(
        `${r.id}  ${r.name}  每分钟 ${r.per_minute} 次  ${r.revoked_at ? `已吊销 ${r.revoked_at.slice(0, 19)}` : '有效'}${r.last_used_at ? `  最近使用 ${r.last_used_at.slice(0, 19)}` : ''}`,
      );
    }
    return 0;
  },
};
