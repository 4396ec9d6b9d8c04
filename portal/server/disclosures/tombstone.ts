import type { DisclosureTombstone } from '@sunlight/domain/schemas/disclosure';
import { chinaDate } from '@sunlight/domain/china-time';

/** What `disclosures.tombstone` holds: the public tombstone without the id (the row has it). */
export type Tombstone = Omit<DisclosureTombstone, 'id'>;

/**
 * The one place a tombstone is made: decision number, date, reason (already redacted) and withdrawal type,
 * nothing of the content. The date is the last day of publication for an expired record, else the
 * China day of the withdrawal.
 */
export function buildTombstone(input: {
  decisionNo: string;
  status: Tombstone['status'];
  reason: string;
  at: Date;
  publicationEnd: string | null;
  withdrawalType?: Tombstone['withdrawalType'];
}): Tombstone {
  return {
    decisionNo: input.decisionNo,
    status: input.status,
    date: input.status === 'expired' && input.publicationEnd ? input.publicationEnd : chinaDate(input.at),
    reason: input.reason,
    ...(input.withdrawalType ? { withdrawalType: input.withdrawalType } : {}),
  };
}

/** The words every surface uses for a tombstone: the page, the API's 410 answer and the feed. */
export function tombstoneWords(t: Pick<Tombstone, 'status' | 'reason'> & { withdrawalType?: string | undefined }) {
  const type = t.withdrawalType ?? '撤回';
  return t.status === 'withdrawn'
    ? {
        title: '该处罚决定已撤回',
        explanation:
          '作出决定的机关已依法撤回这份处罚决定的公示。按照规定，这里只保留决定书文号、撤回日期和理由，不再显示原决定的内容。',
        dateLabel: '撤回日期',
        reasonLabel: '撤回理由',
        summary: `已撤回（${type}）：${t.reason}`,
      }
    : {
        title: '该处罚决定已停止公示',
        explanation: '这份处罚决定的公示期已经届满，按照规定不再公示其内容。',
        dateLabel: '公示截止日期',
        reasonLabel: '说明',
        summary: '公示期已满，停止公示。',
      };
}

/** One sentence with the date, for the API's problem detail. */
export function tombstoneDetail(t: Tombstone): string {
  return t.status === 'withdrawn'
    ? `该处罚决定已于 ${t.date} 撤回（${t.withdrawalType ?? '撤回'}）：${t.reason}`
    : `该处罚决定的公示期已于 ${t.date} 届满，已停止公示。`;
}
