import { todayInChina } from '@sunlight/domain/validators/dates';
import { listHeld, releaseHeld } from '../../disclosures/review';
import { isRealIsoDate } from '@sunlight/domain/validators/dates';
import { expireDue } from '../../disclosures/store';
import { expirePermitsDue } from '../../permits/store';
import { refreshSnapshots, writeDailySnapshot } from '../../opendata/snapshots';
import type { Command } from '../command';

export const disclosuresExpireCommand: Command = {
  name: 'disclosures expire',
  summary:
    '将公示期已满的处罚决定和有效期届满的行政许可移出所有公开渠道 / move decisions whose publication period ended and permits past their validity off every public surface',
  usage: 'sunlight disclosures expire [--today YYYY-MM-DD]（默认为北京时间今天；可指定日期补做或预演到期处理）',
  options: { today: { type: 'string' } },
  db: true,
  async run(ctx, args) {
    const given = args.values.today as string | undefined;
    if (given !== undefined && !isRealIsoDate(given)) {
      ctx.err(`--today 应为YYYY-MM-DD格式的真实日期，如2026-03-18；当前为“${given}”`);
      return 2;
    }
    const today = given ?? todayInChina();
    const ids = await expireDue(ctx.db!, today);
    const permits = await expirePermitsDue(ctx.db!, today);
    await ctx.search?.sync();
    const list = (xs: string[]) => `${xs.slice(0, 20).join(', ')}${xs.length > 20 ? ' …' : ''}`;
    ctx.out(
      ids.length ? `${ids.length} 条处罚决定公示期已满，已移出公开渠道：${list(ids)}` : '没有到期的处罚决定公示。',
    );
    ctx.out(
      permits.length
        ? `${permits.length} 项行政许可有效期届满，已移出公开渠道：${list(permits)}`
        : '没有到期的行政许可。',
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
