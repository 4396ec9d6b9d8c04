const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** Chinese numeral for 1–9999 as written in article numbers: 12 → 十二, 105 → 一百零五, 1010 → 一千零一十. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`仅支持1–9999的整数：${n}`);
  const digits = String(n).split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i] ?? '';
    if (d === 0) {
      pendingZero = out !== '';
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d] + unit;
  });
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** 第N条 label for an article number. */
export function articleLabel(n: number): string {
  return `第${toChineseNumeral(n)}条`;
}
