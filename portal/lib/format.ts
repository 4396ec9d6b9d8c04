/** Formatting shared by pages: money, dates and labels in plain Chinese. */
import {
  DISCLOSURE_STATUSES,
  disclosureStatusLabels,
  type DisclosureStatus,
} from '@sunlight/domain/schemas/disclosure';

export function yuan(n: number): string {
  return `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}

/** 万元 amounts from the national item set, shown in 元 with the original figure. */
export function wanYuan(wan: number | undefined | null): string | undefined {
  if (wan === undefined || wan === null) return undefined;
  const y = Math.round(wan * 1_000_000) / 100;
  return `${yuan(y)}（${wan} 万元）`;
}

export function chineseDate(iso: string | undefined | null): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const statusTags: Readonly<Record<DisclosureStatus, string>> = {
  published: 'tag--green',
  corrected: 'tag--blue',
  withdrawn: 'tag--red',
  expired: 'tag--grey',
};

/** A disclosure status as a tag: the domain's label, a colour. */
export const statusLabels = Object.fromEntries(
  DISCLOSURE_STATUSES.map((s) => [s, { text: disclosureStatusLabels[s], tag: statusTags[s] }]),
) as Readonly<Record<DisclosureStatus, { text: string; tag: string }>>;
