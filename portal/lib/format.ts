/** Formatting shared by pages: money, dates and labels in plain Chinese. */

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

export const statusLabels: Record<string, { text: string; tag: string }> = {
  published: { text: '公示中', tag: 'tag--green' },
  corrected: { text: '已更正', tag: 'tag--blue' },
  withdrawn: { text: '已撤回', tag: 'tag--red' },
  expired: { text: '公示期已满', tag: 'tag--grey' },
};
