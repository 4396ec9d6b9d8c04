import { findSensitive, type SensitiveKind } from '@sunlight/domain/validators/sensitive';

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '澹台',
  '万俟',
  '闻人',
  '赫连',
  '申屠',
  '太史',
  '第五',
];

/** 张三 → 张某, 欧阳小明 → 欧阳某. Text that is not a plausible Chinese personal name is fully masked. */
export function maskPersonName(name: string): string {
  const n = name.trim();
  if (!/^[\u4e00-\u9fff·]{2,6}$/.test(n)) return '某某';
  if (/某$/.test(n) && n.length <= 3) return n;
  const compound = COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length);
  return `${compound ?? n[0]}某`;
}

const PLACEHOLDER: Record<SensitiveKind, string> = {
  id_number: '〔证件号码已隐去〕',
  phone: '〔电话号码已隐去〕',
  bank_card: '〔银行账号已隐去〕',
};

// A role word followed by a name: 当事人张三, 经营者李四, 员工王小明. Where the name ends is a guess:
// two characters when the third starts a common verb or particle, otherwise three.
const ROLE_NAME =
  /(当事人|经营者|负责人|法定代表人|实际控制人|员工|职工|雇员|股东|证人|受害人|消费者|投诉人|举报人|驾驶员|司机|业主|店主|厨师|工人|患者)([:：]?)([\u4e00-\u9fff]{2,3})/g;
const AFTER_NAME = new Set([...'销经未于在等因将称的对向与和是系使从擅无拒违私利故为被以已把所驾出购生，。、；：（']);
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
]);

// 住址/家住/户籍地 … up to the next punctuation.
const HOME_ADDRESS =
  /(住址|住所地?|家住|家庭住址|户籍地|户籍所在地|现住址?|居住地|居住于)([:：为是在]?)[^，,。；;）)\n]{2,60}/g;
// Bank accounts written with a label but not Luhn-valid (organisations' and persons' accounts alike).
const LABELLED_ACCOUNT = /(账号|帐号|银行账户|开户账号|卡号)([:：为是]?)\s*\d[\d\s-]{7,30}\d/g;

export interface RedactionContext {
  /** Full names known to be natural persons: the party (if a person) and legal representatives. */
  personNames: string[];
}

/** Removes personal data from a public text field, never changing anything else in it. */
export function redactText(text: string, ctx: RedactionContext): string {
  let out = text;
  for (const name of ctx.personNames) {
    const n = name.trim();
    if (n.length >= 2 && !/某/.test(n)) out = out.split(n).join(maskPersonName(n));
  }
  out = out.replace(HOME_ADDRESS, (_m, label: string, sep: string) => `${label}${sep}〔住址已隐去〕`);
  out = out.replace(LABELLED_ACCOUNT, (_m, label: string) => `${label}〔银行账号已隐去〕`);
  const found = findSensitive(out);
  if (found.length) {
    let rebuilt = '';
    let pos = 0;
    for (const m of found) {
      if (m.start < pos) continue;
      rebuilt += out.slice(pos, m.start) + PLACEHOLDER[m.kind];
      pos = m.end;
    }
    out = rebuilt + out.slice(pos);
  }
  out = out.replace(ROLE_NAME, (m, role: string, sep: string, run: string) => {
    if (!SURNAMES.has(run[0]!) || /某/.test(run)) return m;
    const name = run.length === 3 && AFTER_NAME.has(run[2]!) ? run.slice(0, 2) : run;
    return `${role}${sep}${maskPersonName(name)}${run.slice(name.length)}`;
  });
  return out;
}
