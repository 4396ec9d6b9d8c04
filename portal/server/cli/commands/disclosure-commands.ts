import { todayInChina } from '@sunlight/domain/validators/dates';
import { listHeld, releaseHeld } from '../../disclosures/review';
import { expireDue } from '../../disclosures/store';
import { refreshSnapshots, writeDailySnapshot } from '../../opendata/snapshots';
import type { Command } from '../command';

export const disclosuresExpireCommand: Command = {
  name: 'disclosures expire',
  summary:
    '将公示期已满的处罚决定移出所有公开渠道 / move decisions whose publication period ended off every public surface',
  db: true,
  async run(ctx) {
    const ids = await expireDue(ctx.db!, todayInChina());
    await ctx.search?.sync();
    ctx.out(
      ids.length
        ? `${ids.length} 条处罚决定公示期已满，已移出公开渠道：${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ' …' : ''}`
        : '没有到期的公示。',
    );
    return 0;
  },
};

export const reviewListCommand: Command = {
  name: 'review list',
  summary: '列出因脱敏存疑而暂不公开的处罚决定 / list decisions held for redaction review',
  usage: 'sunlight review list [--agency 机关编号]',
  options: { agency: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const held = await listHeld(ctx.db!, args.values.agency as string | undefined);
    if (!held.length) {
      ctx.out('没有待审核的处罚决定。');
      return 0;
    }
    for (const h of held) {
      ctx.out(`${h.id}  ${h.decisionNo}  ${h.agencyId}  暂存于 ${h.heldAt}`);
      for (const d of h.doubts) ctx.out(`  - ${d.label}（${d.field}）：${d.reason}`);
    }
    return 0;
  },
};

export const reviewReleaseCommand: Command = {
  name: 'review release',
  summary: '司法局审核后发布暂不公开的处罚决定 / a supervisor releases a held decision with corrected text',
  usage: `sunlight review release <记录编号> --fields '{"violationFacts":"更正后的文本"}'`,
  options: { fields: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const id = args.positionals[0];
    const raw = args.values.fields as string | undefined;
    if (!id || raw === undefined) {
      ctx.err(`用法：${reviewReleaseCommand.usage}（sunlight review list 可查看记录编号和待审核字段）`);
      return 2;
    }
    let fields: unknown;
    try {
      fields = JSON.parse(raw);
    } catch (err) {
      ctx.err(`--fields 不是有效的 JSON：${(err as Error).message}`);
      return 2;
    }
    const r = await releaseHeld(ctx.db!, id, fields, {});
    if (!r.ok) {
      ctx.err(r.detail);
      return 1;
    }
    await ctx.search?.sync();
    ctx.out(
      r.outcome.outcome === 'held'
        ? `仍有存疑内容，记录继续暂不公开：${r.outcome.reason}`
        : `已发布：${id}（${r.outcome.outcome}）`,
    );
    return r.outcome.outcome === 'held' ? 1 : 0;
  },
};

export const snapshotWriteCommand: Command = {
  name: 'snapshots write',
  summary: '立即重写当天的全量快照 / rewrite today’s full export snapshot now',
  db: true,
  async run(ctx) {
    const s = await writeDailySnapshot(ctx.db!, ctx.config.dataDir, ctx.config.siteUrl, todayInChina(), true);
    const r = await refreshSnapshots(ctx.db!, ctx.config.dataDir, ctx.config.siteUrl);
    ctx.out(`${s.file}：${s.records} 条，sha256 ${s.sha256}`);
    if (r.withdrawn.length) ctx.out(`已撤下含已撤回或到期记录的旧快照：${r.withdrawn.join('、')}`);
    return 0;
  },
};
