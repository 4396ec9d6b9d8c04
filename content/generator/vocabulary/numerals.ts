/** Chinese numerals as used in statute article numbers (第三十四条) and money (一万元). */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (for n < 10000). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100_000) throw new RangeError(`chineseNumber(${n})`);
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return '十' + (n === 10 ? '' : (DIGITS[n - 10] as string));
  const units: [number, string][] = [
    [10000, '万'],
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let out = '';
  let zero = false;
  let started = false;
  for (const [u, name] of units) {
    const d = Math.floor(n / u) % 10;
    if (d === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    started = true;
    out += (DIGITS[d] as string) + name;
  }
  return out;
}

/** 第三十四条 */
export function articleLabel(n: number): string {
  return `第${chineseNumber(n)}条`;
}

/** 第一章 */
export function chapterLabel(n: number): string {
  return `第${chineseNumber(n)}章`;
}

/** （三） */
export function itemLabel(n: number): string {
  return `（${chineseNumber(n)}）`;
}

/**
 * Money in yuan as statutes write it: 2000 → 二千元, 10000 → 一万元, 50000 → 五万元,
 * 1000000 → 一百万元, 5000 → 五千元, 500 → 五百元.
 */
export function chineseYuan(amount: number): string {
  if (amount >= 10000 && amount % 10000 === 0) return `${chineseNumber(amount / 10000)}万元`;
  return `${chineseNumber(amount)}元`;
}
