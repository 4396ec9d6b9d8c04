import { todayInChina } from '@sunlight/domain/validators/dates';
import { expireDue } from '../../disclosures/store';
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
