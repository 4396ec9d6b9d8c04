import { chinaDate } from '@sunlight/domain/china-time';
import type { PermitTombstone } from '@sunlight/domain/schemas/permit';

/** What `permits.tombstone` holds: the public tombstone without the id (the row has it). */
export type PermitTombstoneData = Omit<PermitTombstone, 'id'>;

/**
 * The one place a permit's tombstone is made: document number, date, reason (already redacted) and
 * withdrawal type, nothing of the content. An expired permit's date is its 有效期至.
 */
export function buildPermitTombstone(input: {
  decisionNo: string;
  status: PermitTombstone['status'];
  reason: string;
  at: Date;
  validUntil: string;
  withdrawalType?: PermitTombstone['withdrawalType'];
}): PermitTombstoneData {
  return {
    decisionNo: input.decisionNo,
    status: input.status,
    date: input.status === 'expired' ? input.validUntil : chinaDate(input.at),
    reason: input.reason,
    ...(input.withdrawalType ? { withdrawalType: input.withdrawalType } : {}),
  };
}

/** The words every surface uses for a permit's tombstone: the page and the API's 410 answer. */
export function permitTombstoneWords(t: Pick<PermitTombstoneData, 'status' | 'withdrawalType' | 'reason'>) {
  return t.status === 'withdrawn'
    ? {
        title: `该行政许可已${t.withdrawalType ?? '撤回'}，不再公示`,
        explanation:
          '许可机关已依法撤销、撤回、注销或变更这项行政许可。按照规定，这里只保留决定文书号、日期和理由，不再显示原许可的内容。',
        dateLabel: '日期',
        reasonLabel: '理由',
      }
    : {
        title: '该行政许可有效期已届满，不再公示',
        explanation: '这项行政许可已过有效期，按照规定不再公示其内容。',
        dateLabel: '有效期至',
        reasonLabel: '说明',
      };
}

/** One sentence with the date, for the API's problem detail. */
export function permitTombstoneDetail(t: PermitTombstoneData): string {
  return t.status === 'withdrawn'
    ? `该行政许可已于 ${t.date} ${t.withdrawalType ?? '撤回'}：${t.reason}`
    : `该行政许可的有效期已于 ${t.date} 届满，已停止公示。`;
}
