import fs from 'node:fs';
import { verifyHeadsConsistent, verifyTreeHead, type Jwks, type SignedTreeHead } from '@sunlight/verify';
import { SignedTreeHeadSchema } from '../../transparency/schemas';
import type { Command } from '../command';

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} 回答 HTTP ${res.status}：${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

const USAGE = 'sunlight log verify --from <保存的树头.json> [--portal https://门户地址] [--save <新树头.json>]';

/**
 * A partner's check that the portal's log only grew since a head it saved: the new head's signature, and the
 * consistency proof from the saved head to it. Talks to the portal over HTTP only, as any outsider would.
 */
export const logVerifyCommand: Command = {
  name: 'log verify',
  summary: '核对公开日志自保存的树头以来只增未改（一致性证明）/ check the public log only grew since a saved tree head',
  usage: USAGE,
  options: { from: { type: 'string' }, portal: { type: 'string' }, save: { type: 'string' } },
  db: false,
  async run(ctx, args) {
    const from = args.values.from as string | undefined;
    const portal = ((args.values.portal as string | undefined) ?? ctx.config.siteUrl).replace(/\/+$/, '');
    if (!from) {
      ctx.err(`用法：${USAGE}（树头即 ${portal}/api/v1/log/sth 的回答，请保存为文件）`);
      return 2;
    }
    let older: SignedTreeHead;
    try {
      const parsed = SignedTreeHeadSchema.safeParse(JSON.parse(fs.readFileSync(from, 'utf8')));
      if (!parsed.success) throw new Error('不是签名树头（应有 tree_size、timestamp、sha256_root_hash、signature）');
      older = parsed.data;
    } catch (err) {
      ctx.err(`无法读取保存的树头 ${from}：${(err as Error).message}`);
      return 2;
    }
    try {
      const [newer, jwks] = await Promise.all([
        get<SignedTreeHead>(`${portal}/api/v1/log/sth`),
        get<Jwks>(`${portal}/.well-known/jwks.json`),
      ]);
      const head = await verifyTreeHead(newer, jwks);
      if (!head.ok) {
        ctx.err(`✕ 门户现在的树头不可信：${head.message}`);
        return 1;
      }
      const saved = await verifyTreeHead(older, jwks);
      if (!saved.ok && saved.failure !== 'unknown_key') {
        ctx.err(`✕ 保存的树头不是门户签发的：${saved.message}`);
        return 1;
      }
      if (newer.tree_size < older.tree_size) {
        ctx.err(
          `✕ 日志变小了：保存的树头有 ${older.tree_size} 条，门户现在只有 ${newer.tree_size} 条。日志被截短或重建过。`,
        );
        return 1;
      }
      const path =
        older.tree_size === 0 || older.tree_size === newer.tree_size
          ? []
          : (
              await get<{ consistency_path: string[] }>(
                `${portal}/api/v1/log/consistency?first=${older.tree_size}&second=${newer.tree_size}`,
              )
            ).consistency_path;
      const check = await verifyHeadsConsistent({ older, newer, consistencyPath: path, jwks });
      if (!check.ok) {
        ctx.err(`✕ 一致性核对未通过：${check.message}。保存的树头之后，日志中已有的条目被改动或删除过。`);
        return 1;
      }
      if (args.values.save) fs.writeFileSync(args.values.save as string, `${JSON.stringify(newer, null, 2)}\n`);
      ctx.out(
        `✓ 一致：门户的日志从 ${older.tree_size} 条增长到 ${newer.tree_size} 条，原有条目一条未改。新树头签名于 ${new Date(newer.timestamp).toISOString()}${args.values.save ? `，已保存到 ${args.values.save as string}` : ''}。`,
      );
      if (!saved.ok) ctx.err('（保存的树头所用的密钥已不在公钥集中，未能再次核对其签名。）');
      return 0;
    } catch (err) {
      ctx.err(`无法从 ${portal} 取得日志：${(err as Error).message}`);
      return 1;
    }
  },
};
