import { checkCreditCode } from '@sunlight/domain/validators/credit-code';
import { luhnValid } from '@sunlight/domain/validators/bank-card';
import { isRealDate } from '@sunlight/domain/validators/dates';

/**
 * Numbers and contact details in one public text, found on a normalised view (full-width → ASCII,
 * separators inside digit runs ignored, 0086/+86 stripped) and judged with the words around them.
 * Offsets are into the text as given (toHalfWidth maps one code unit to one).
 */

export type NumberKind =
  'id_number' | 'phone' | 'bank_card' | 'passport' | 'email' | 'wechat' | 'address' | 'plate' | 'unclassified';

export interface Span {
  start: number;
  end: number;
  replacement: string;
  kind: NumberKind | 'name';
  /** Set when the redactor is not sure: the record is held for review instead of published. */
  doubt?: string;
}

export const PLACEHOLDERS: Readonly<Record<NumberKind, string>> = {
  id_number: '〔证件号码已隐去〕',
  phone: '〔电话号码已隐去〕',
  bank_card: '〔银行账号已隐去〕',
  passport: '〔证件号码已隐去〕',
  email: '〔电子邮箱已隐去〕',
  wechat: '〔社交账号已隐去〕',
  address: '〔住址已隐去〕',
  plate: '*****',
  unclassified: '〔号码已隐去〕',
};

const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
);

/** Region code and birth date of a resident ID, checked without the check character: a typo is still an ID. */
export function looksLikeIdNumber(digits: string): boolean {
  if (/^\d{17}[\dX]$/.test(digits)) {
    const y = Number(digits.slice(6, 10));
    return (
      PROVINCES.has(digits.slice(0, 2)) &&
      y >= 1900 &&
      y <= 2099 &&
      isRealDate(y, Number(digits.slice(10, 12)), Number(digits.slice(12, 14)))
    );
  }
  if (/^\d{15}$/.test(digits)) {
    // 1st-generation IDs (before 1999): region, YYMMDD, 3-digit sequence.
    const y = 1900 + Number(digits.slice(6, 8));
    return (
      PROVINCES.has(digits.slice(0, 2)) && isRealDate(y, Number(digits.slice(8, 10)), Number(digits.slice(10, 12)))
    );
  }
  return false;
}

const ASCII_HALF = (text: string) =>
  text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** A digit run: digits with at most one separator (space, hyphen, dot, middle dot, slash, dash) between two digits. */
const DIGIT_RUN = /\+?\d(?:[ \u00a0]?[-.·•—–_/]?[ \u00a0]?\d)*(?:[ -]?[Xx])?/g;

const LABEL_WINDOW = 12;
const PHONE_LABEL = /(电话|手机|联系方式|联系号码|号码|tel|TEL|Tel|热线|座机|致电|拨打)[^。；;]{0,6}$/;
const ACCOUNT_LABEL = /(账号|帐号|账户|帐户|卡号|银行卡|存折|收款码|转账|转入|汇入|付款至)[^。；;]{0,6}$/;
const QQ_LABEL = /(QQ|qq|Qq)\s*[号码]{0,2}\s*[:：为是]?\s*$/;
/** Numbers the public record is meant to show: registration numbers, licence numbers, codes, case numbers. */
const PUBLIC_NUMBER_LABEL =
  /(注册号|许可证|编号|证号|文号|登记号|代码|批号|批准文号|备案号|案号|货号|型号|条码|条形码|订单号|运单号|单号|合同号|发票号|票号|检验报告|报告编号|样品|批次)[^。；;，,]{0,8}$/;

function labelBefore(t: string, at: number, re: RegExp): boolean {
  return re.test(t.slice(Math.max(0, at - LABEL_WINDOW), at));
}

function classifyRun(t: string, start: number, end: number): Span | null {
  const raw = t.slice(start, end);
  let digits = raw.replace(/[^\dXx]/g, '').toUpperCase();
  let international = false;
  if (raw.startsWith('+86') || digits.startsWith('0086')) {
    digits = digits.slice(raw.startsWith('+86') ? 2 : 4);
    international = true;
  } else if (raw.startsWith('+')) {
    international = true;
    digits = digits.replace(/^\d{1,3}(?=\d{8,})/, '');
  } else if (/^86 ?-?1[3-9]/.test(raw) && digits.length === 13) {
    digits = digits.slice(2);
  }
  const span = (kind: NumberKind, doubt?: string): Span => ({
    start,
    end,
    kind,
    replacement: PLACEHOLDERS[kind],
    ...(doubt ? { doubt } : {}),
  });
  const n = digits.length;
  if (/X/.test(digits.slice(0, -1))) return null;
  if (n === 18 || n === 15) {
    if (looksLikeIdNumber(digits)) return span('id_number');
    if (n === 18 && checkCreditCode(digits).ok) return null;
  }
  if (/^1[3-9]\d{9}$/.test(digits)) return span('phone');
  if (international && n >= 7) return span('phone');
  if (/^0\d{9,11}$/.test(digits) && /^0(10|2\d|[3-9]\d\d)/.test(digits)) return span('phone');
  if (/^[48]00\d{7}$/.test(digits) || /^12\d{3}$/.test(digits)) return null; // service hotlines are public
  if (n >= 16 && n <= 19 && !/X/.test(digits)) {
    // UnionPay (62), Visa (4), Mastercard (5) numbers, a valid Luhn digit or an account label: a card.
    if (/^(62|4|5)/.test(digits) || luhnValid(digits) || labelBefore(t, start, ACCOUNT_LABEL)) return span('bank_card');
    return span('unclassified', `${n}位数字无法判断是否为个人号码（证件、电话、账号）`);
  }
  if (n >= 5 && n <= 11 && labelBefore(t, start, QQ_LABEL)) return span('wechat');
  if (n >= 7 && n <= 8 && labelBefore(t, start, PHONE_LABEL)) return span('phone');
  if (n >= 8 && labelBefore(t, start, ACCOUNT_LABEL)) return span('bank_card');
  if (n >= 9 && labelBefore(t, start, PUBLIC_NUMBER_LABEL)) return null;
  if (n >= 9 && (n === 18 || n === 15 || n === 17)) {
    return span('unclassified', `${n}位数字既不是有效的统一社会信用代码，也不能排除是身份证号码`);
  }
  if (n >= 9 && raw !== digits && /\d[ .·-]\d/.test(raw) && n <= 12) {
    return span('unclassified', `“${raw}”是分段书写的${n}位数字，可能是电话或证件号码`);
  }
  if (n >= 9) return span('unclassified', `${n}位数字无法判断是否为个人号码（证件、电话、账号）`);
  return null;
}

const EMAIL = /[A-Za-z0-9._%+-]+\s?(?:@|＠|\(at\)|\[at\])\s?[A-Za-z0-9-]+(?:\s?\.\s?[A-Za-z0-9-]+)+/g;
const WECHAT =
  /(微信号?|微信账号|wechat|WeChat|vx|VX|wx|WX|QQ号?|qq号?)\s*(?:号码|账号)?\s*[:：为是（(]?\s*([A-Za-z][-_A-Za-z0-9]{4,19}|\d{5,11})/g;
const WXID = /wxid_[A-Za-z0-9]{4,}/g;
const PASSPORT_LABELLED =
  /(护照|通行证|居留证|旅行证|签证)\s*(?:号码|号|编号)?\s*[:：为是]?\s*([A-Za-z]{1,2}\s?\d{6,9}|\d{8,9})/g;
const PASSPORT_SHAPE = /(?<![A-Za-z0-9])(?:E[A-HJ-NP-Z]\d{7}|[EGDSP]\d{8})(?![A-Za-z0-9])/g;
/**
 * A home address after its label, up to the end of the clause. 住/住在 alone counts only when an
 * address word (路、街、号、村、室…) follows in the same clause; business premises (经营地址) are public.
 */
const ADDRESS_LABEL =
  /(?<![经营注册办公营业生产场所门店单位公司])(家庭住址|住址|住所地?|家住|居住在|居住于|居住地|现居住?|现住址?|户籍地|户籍所在地|暂住地?|(?<![居家现暂])住在?|地址)(\s*[:：为是在于]?\s*)([^，,。；;）)\n]{2,60})/g;
const ADDRESS_WORD = /(省|市|区|县|镇|乡|村|路|街|道|巷|弄|号|组|小区|苑|园|室|栋|幢|单元|楼|公寓|大厦|花园)/;
const NOT_A_HOME = /^(宿|房|建|院|户|宅|持|手|口|进|处理|了|所有|外)/;
/** Motor vehicle plates: province + letter + 5–6 characters. The serial is removed, the issuing place stays. */
const PLATE =
  /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-HJ-NP-Z])[·• ]?([A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]{1,2})(?![A-Za-z0-9])/g;

/** Every number or contact detail to hide in `text`, with doubts where the shape alone cannot decide. */
export function findNumberSpans(text: string): Span[] {
  const t = ASCII_HALF(text);
  const spans: Span[] = [];
  for (const m of t.matchAll(EMAIL)) {
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email', replacement: PLACEHOLDERS.email });
  }
  for (const m of t.matchAll(WXID)) {
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'wechat', replacement: PLACEHOLDERS.wechat });
  }
  for (const m of t.matchAll(WECHAT)) {
    const value = m[2]!;
    const start = m.index + m[0].length - value.length;
    spans.push({ start, end: m.index + m[0].length, kind: 'wechat', replacement: PLACEHOLDERS.wechat });
  }
  for (const m of t.matchAll(PASSPORT_LABELLED)) {
    const value = m[2]!;
    const start = m.index + m[0].length - value.length;
    spans.push({ start, end: m.index + m[0].length, kind: 'passport', replacement: PLACEHOLDERS.passport });
  }
  for (const m of t.matchAll(PASSPORT_SHAPE)) {
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'passport', replacement: PLACEHOLDERS.passport });
  }
  for (const m of t.matchAll(ADDRESS_LABEL)) {
    const [, label, sep, rest] = m as unknown as [string, string, string, string];
    if (NOT_A_HOME.test(rest)) continue;
    if (!/住址|住所|家住|居住|户籍|暂住|现住|现居/.test(label) && !ADDRESS_WORD.test(rest)) continue;
    const start = m.index + label.length + sep.length;
    spans.push({ start, end: start + rest.length, kind: 'address', replacement: PLACEHOLDERS.address });
  }
  for (const m of t.matchAll(PLATE)) {
    const start = m.index + m[1]!.length + m[2]!.length;
    spans.push({ start, end: m.index + m[0].length, kind: 'plate', replacement: PLACEHOLDERS.plate });
  }
  for (const m of t.matchAll(DIGIT_RUN)) {
    // A date (2024-03-05, 2024.3.5) at the start of a run is a date, whatever digits follow it.
    const date = /^(?:19|20)\d\d([-./])\d{1,2}\1\d{1,2}(?!\d)[ \u00a0]*/.exec(m[0]);
    const start = m.index + (date ? date[0].length : 0);
    const end = m.index + m[0].length;
    if (start >= end || !/^\+?\d/.test(t.slice(start, end))) continue;
    if (/[A-Za-z]/.test(t[start - 1] ?? '') || /[A-Za-z]/.test(t[end] ?? '')) continue;
    const span = classifyRun(t, start, end);
    if (span) spans.push(span);
  }
  return spans;
}
