import { beaconSeed } from '@sunlight/verify/draw';
import { createDraw, revealDraw, type PublicDraw } from '../../inspections/draws';
import { formatEvaluation, listEvaluations } from '../../inspections/evaluations';
import { listKeys, openKeyRing, retireKey, rotateKeys } from '../../inspections/keys';
import { toChinaIso } from '../../inspections/time';
import type { Command, CommandContext } from '../command';

export const keysRotateCommand: Command = {
  name: 'keys rotate',
  summary: '轮换电子检查证签名密钥（旧公钥保留到其检查证到期）/ rotate the certificate signing key',
  usage: 'sunlight keys rotate',
  db: true,
  async run(ctx) {
    await openKeyRing(ctx.config, ctx.db!);
    const r = await rotateKeys(ctx.config, ctx.db!);
    ctx.out(
      `新的签名密钥 ${r.kid} 已启用；旧密钥 ${r.previous} 不再签发，其公钥保留在 /.well-known/jwks.json 中，直到它签发的检查证全部到期。`,
    );
    return 0;
  },
};

export const keysListCommand: Command = {
  name: 'keys list',
  summary: '列出签名密钥（仅公钥信息）/ list signing keys (public information only)',
  db: true,
  async run(ctx) {
    await openKeyRing(ctx.config, ctx.db!);
    for (const k of await listKeys(ctx.db!)) {
      ctx.out(
        `${k.kid}  ${k.retired_at ? `已停用 ${toChinaIso(k.retired_at).slice(0, 16)}` : '使用中'}  来源 ${k.source === 'config' ? 'SUNLIGHT_SIGNING_KEY' : '数据目录'}` +
          `  创建 ${toChinaIso(k.created_at).slice(0, 16)}  有效检查证 ${k.live_certificates}  ${k.published ? '在 JWKS 中公布' : '已不公布'}`,
      );
    }
    return 0;
  },
};

export const keysRetireCommand: Command = {
  name: 'keys retire',
  summary: '停用一个签名密钥（如已替换的 SUNLIGHT_SIGNING_KEY）/ retire a signing key',
  usage: 'sunlight keys retire <kid>',
  db: true,
  async run(ctx, args) {
    const kid = args.positionals[0];
    if (!kid) {
      ctx.err('请给出密钥标识（sunlight keys list 可查看）');
      return 2;
    }
    const ring = await openKeyRing(ctx.config, ctx.db!);
    if (ring.active().kid === kid) {
      ctx.err(`${kid} 是当前使用的密钥；请先轮换（sunlight keys rotate）或更换 SUNLIGHT_SIGNING_KEY。`);
      return 1;
    }
    if (!(await retireKey(ctx.db!, kid))) {
      ctx.err(`没有使用中的密钥 ${kid}。`);
      return 1;
    }
    ctx.out(`密钥 ${kid} 已停用；它签发的检查证到期前，其公钥仍在 JWKS 中公布。`);
    return 0;
  },
};

function printDraw(ctx: CommandContext, d: PublicDraw): void {
  ctx.out(`抽取记录 ${d.id}（${d.agencyName}）  ${d.status === 'revealed' ? '已公开结果' : '已公布承诺，待揭晓'}`);
  ctx.out(`  页面     ${ctx.config.siteUrl}/draws/${d.id}`);
  ctx.out(`  算法     ${d.algorithm}`);
  const v2 = d.logIndex !== undefined;
  ctx.out(`  承诺     SHA-256(${v2 ? '秘密值' : '种子'}) = ${d.commitment}`);
  if (v2) ctx.out(`  日志     承诺为公开日志第 ${d.logIndex! + 1} 条`);
  ctx.out(
    `  输入摘要 ${d.inputsHash}（对象库 ${d.inputs.enterprisePool.length} 家，人员库 ${d.inputs.inspectorPool.length} 人）`,
  );
  if (d.seed && d.result) {
    if (d.beacon) {
      ctx.out(`  秘密值   ${d.seed}`);
      ctx.out(`  信标     共 ${d.beacon.tree_size} 条的签名树头，根哈希 ${d.beacon.sha256_root_hash}`);
      ctx.out(`  种子     SHA-256(秘密值 ‖ 信标根哈希) = ${beaconSeed(d.seed, d.beacon.sha256_root_hash)}`);
    } else {
      ctx.out(`  种子     ${d.seed}`);
    }
    for (const a of d.result.assignments) {
      const names = a.inspectorIds.map((id) => d.names?.inspectors[id] ?? id).join('、');
      ctx.out(`  ${a.enterpriseCreditCode}  ${d.names?.enterprises[a.enterpriseCreditCode] ?? ''}  检查人员：${names}`);
    }
  }
}

export const drawCommand: Command = {
  name: 'draw',
  summary: '双随机抽取：先公布种子的承诺，揭晓后公开种子和结果 / 双随机 draw with a published commitment',
  usage:
    'sunlight draw --agency <机关> --items JCSX-000001,JCSX-000002 --enterprises N [--inspectors 2] [--region 街道] [--type 企业] [--reveal]',
  options: {
    agency: { type: 'string' },
    items: { type: 'string' },
    enterprises: { type: 'string' },
    inspectors: { type: 'string' },
    region: { type: 'string' },
    type: { type: 'string' },
    reveal: { type: 'boolean' },
  },
  db: true,
  async run(ctx, args) {
    const v = args.values as Record<string, string | boolean | undefined>;
    if (typeof v.agency !== 'string' || typeof v.items !== 'string' || typeof v.enterprises !== 'string') {
      ctx.err(`请给出 --agency、--items 和 --enterprises。\n${this.usage}`);
      return 2;
    }
    const created = await createDraw(ctx.db!, v.agency, {
      itemCodes: v.items.split(/[,，\s]+/).filter(Boolean),
      enterpriseCount: Number(v.enterprises),
      ...(typeof v.inspectors === 'string' ? { inspectorsPerEnterprise: Number(v.inspectors) } : {}),
      ...(typeof v.region === 'string' ? { region: v.region } : {}),
      ...(typeof v.type === 'string' ? { enterpriseType: v.type } : {}),
    });
    if (!created.ok) {
      ctx.err(`抽取未创建：${created.detail}`);
      return 1;
    }
    let draw = created.draw;
    if (v.reveal) {
      const revealed = await revealDraw(ctx.db!, draw.id, undefined);
      if (!revealed.ok) {
        ctx.err(revealed.detail);
        return 1;
      }
      draw = revealed.draw;
    } else {
      ctx.err(`承诺已公布。揭晓种子和结果：sunlight draw reveal ${draw.id}`);
    }
    printDraw(ctx, draw);
    return 0;
  },
};

export const drawRevealCommand: Command = {
  name: 'draw reveal',
  summary: '揭晓双随机抽取的种子和结果 / reveal a draw’s seed and result',
  usage: 'sunlight draw reveal <抽取编号>',
  db: true,
  async run(ctx, args) {
    const id = args.positionals[0];
    if (!id) {
      ctx.err(this.usage!);
      return 2;
    }
    const r = await revealDraw(ctx.db!, id, undefined);
    if (!r.ok) {
      ctx.err(r.detail);
      return 1;
    }
    printDraw(ctx, r.draw);
    return 0;
  },
};

export const evaluationsListCommand: Command = {
  name: 'evaluations list',
  summary: '监督机关查看事后评价（执法机关无权读取）/ evaluations, for supervisors only',
  usage: 'sunlight evaluations list [--agency <机关>] [--limit 200]',
  options: { agency: { type: 'string' }, limit: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const rows = await listEvaluations(
      ctx.db!,
      args.values.agency as string | undefined,
      Number(args.values.limit ?? 200) || 200,
    );
    if (!rows.length) ctx.out('没有评价。');
    for (const e of rows) ctx.out(formatEvaluation(e));
    return 0;
  },
};

export const inspectionsFlaggedCommand: Command = {
  name: 'inspections flagged',
  summary: '超出年度检查上限而被标记的检查任务（供监督机关关注）/ tasks accepted over the annual cap',
  db: true,
  async run(ctx) {
    const rows = await ctx.db!.query<{
      id: string;
      agency_id: string;
      source: string;
      reason: string | null;
      window_start: Date;
      certificate_no: string | null;
    }>(
      `SELECT i.id, i.agency_id, i.source, i.data->>'reason' AS reason, i.window_start, c.certificate_no
       FROM inspections i LEFT JOIN certificates c ON c.inspection_id = i.id
       WHERE i.flagged ORDER BY i.window_start DESC LIMIT 500`,
    );
    if (!rows.length) ctx.out('没有超出上限的检查任务。');
    for (const r of rows) {
      ctx.out(
        `${r.id}  ${r.agency_id}  ${r.source}  ${toChinaIso(r.window_start).slice(0, 16)}  ${r.certificate_no ?? ''}  理由：${r.reason ?? ''}`,
      );
    }
    return 0;
  },
};
