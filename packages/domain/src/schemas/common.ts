import { z } from 'zod';
import { checkCreditCode, checkCreditCodeFormat, lintCreditCode, normaliseCreditCode } from '../validators/credit-code';
import { isRealIsoDate } from '../validators/dates';
import { checkPhone } from '../validators/phone';

/** Maps every field of a record (and dotted paths of nested fields) to its Chinese label. */
export type FieldLabels<T> = { [K in keyof Required<T> & string]: string } & Record<string, string>;

const oneOf = (values: readonly string[]) => `应为以下之一：${values.join('、')}`;

/** Error for a field's type issue that says "required" when the field is missing. */
export const req =
  (message: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? `必填，不能缺少；${message}` : message;

/** A z.enum whose error lists the allowed values in Chinese. */
export function chineseEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: req(oneOf(values)) });
}

/** Trimmed, non-empty text. */
export const text = () =>
  z
    .string({ error: req('应为文本') })
    .trim()
    .min(1, '不能为空');

export const optionalText = () => text().optional();

/** Non-empty array of distinct values. */
export function uniqueList<T extends z.ZodType>(item: T, min = 1) {
  return z
    .array(item, { error: req('应为列表') })
    .min(min, min === 1 ? '至少填写1项' : `至少填写${min}项`)
    .refine((xs) => new Set(xs.map((x) => JSON.stringify(x))).size === xs.length, '列表中有重复项');
}

export const isoDate = () =>
  z
    .string({ error: req('应为日期文本，如2025-03-18') })
    .refine(isRealIsoDate, '应为YYYY-MM-DD格式的真实日期，如2025-03-18');

export const isoDateTime = () =>
  z.iso.datetime({ offset: true, error: req('应为带时区的ISO 8601时间，如2025-03-18T09:30:00+08:00') });

/** Lower-case ASCII slug used for stable ids of agencies and similar (e.g. `scjgj`). */
export const slugId = () =>
  z
    .string({ error: req('应为文本') })
    .regex(/^[a-z][a-z0-9-]{1,39}$/, '应为2–40位小写字母、数字或连字符，以字母开头，如“scjgj”');

/** Opaque record id: ASCII letters, digits, `_` and `-`, 1–64 characters. */
export const recordId = () =>
  z
    .string({ error: req('应为文本') })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '应为1–64位字母、数字、下划线或连字符');

/** Unified social credit code, fully checked (length, charset and check character). Spaces removed, upper-cased. */
export const creditCode = () =>
  z
    .string({ error: req('应为文本：18位统一社会信用代码') })
    .overwrite(normaliseCreditCode)
    .superRefine((v, ctx) => {
      const r = checkCreditCode(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { reason: r.reason } });
    });

/**
 * Unified social credit code whose length and charset must be right but whose check character may be wrong
 * (real legacy codes). Use `lintCreditCode` / the record's lint function to report those as warnings.
 */
export const creditCodeLenient = () =>
  z
    .string({ error: req('应为文本：18位统一社会信用代码') })
    .overwrite(normaliseCreditCode)
    .superRefine((v, ctx) => {
      const r = checkCreditCodeFormat(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { reason: r.reason } });
    });

/** Acknowledges a legacy code that fails the check character. */
export const CreditCodeFlagSchema = z.enum(['checksum_mismatch'], {
  error: req('应为“checksum_mismatch”（历史代码校验位不符）'),
});
export type CreditCodeFlag = z.infer<typeof CreditCodeFlagSchema>;

/** A flag must describe the code: flagged codes must really fail the check, and vice versa is only a warning. */
export function refineCreditCodeFlag(
  code: string | undefined,
  flag: CreditCodeFlag | undefined,
  ctx: z.RefinementCtx,
  path: (string | number)[],
): void {
  if (code === undefined || flag === undefined) return;
  if (checkCreditCodeFormat(code).ok && lintCreditCode(code) === null) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: '统一社会信用代码校验通过，不应标记“checksum_mismatch”，请删除该标记',
    });
  }
}

export const phone = () =>
  z.string({ error: req('应为电话号码文本') }).superRefine((v, ctx) => {
    const r = checkPhone(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const url = () =>
  z.url({ protocol: /^https?$/, error: req('应为以http://或https://开头的网址，如https://example.org/') });

/** Amount in 万元 (10,000 yuan) with at most 6 decimals (i.e. whole fen). */
export const amountWan = () =>
  z
    .number({ error: req('应为数字（单位：万元），如0.5表示5000元') })
    .min(0, '金额不能为负数')
    .max(10_000_000, '金额过大，请确认单位为万元')
    .refine((n) => Math.abs(Math.round(n * 1e6) - n * 1e6) < 1e-6, '金额最多保留6位小数（精确到分）');

export const wanToYuan = (wan: number): number => Math.round(wan * 1_000_000) / 100;

// ---------- Enumerations shown to citizens (Chinese values) ----------

export const POWER_TYPES = [
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政征收',
  '行政给付',
  '行政检查',
  '行政确认',
  '行政奖励',
  '行政裁决',
  '其他',
] as const;
export const PowerTypeSchema = chineseEnum(POWER_TYPES);
export type PowerType = z.infer<typeof PowerTypeSchema>;

/** Two-letter code prefix of each power type, used in power item codes (e.g. CF-000123). */
export const POWER_TYPE_CODES: Readonly<Record<PowerType, string>> = {
  行政许可: 'XK',
  行政处罚: 'CF',
  行政强制: 'QZ',
  行政征收: 'ZS',
  行政给付: 'GF',
  行政检查: 'JC',
  行政确认: 'QR',
  行政奖励: 'JL',
  行政裁决: 'CJ',
  其他: 'QT',
};

export const PENALTY_CATEGORIES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const;
export const PenaltyCategorySchema = chineseEnum(PENALTY_CATEGORIES);
export type PenaltyCategory = z.infer<typeof PenaltyCategorySchema>;

export const PARTY_TYPES = ['法人及非法人组织', '自然人', '个体工商户'] as const;
export const PartyTypeSchema = chineseEnum(PARTY_TYPES);
export type PartyType = z.infer<typeof PartyTypeSchema>;

/** 证件类型 values of the national 双公示 standard. */
export const ID_TYPES = [
  '身份证',
  '护照号',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '外国人永久居留身份证',
] as const;
export const IdTypeSchema = chineseEnum(ID_TYPES);
export type IdType = z.infer<typeof IdTypeSchema>;

export const PROCEDURES = ['简易程序', '普通程序'] as const;
export const ProcedureSchema = chineseEnum(PROCEDURES);
export type Procedure = z.infer<typeof ProcedureSchema>;

/** 执法领域. 综合执法 covers street/town comprehensive enforcement teams. */
export const FIELDS = [
  '市场监管',
  '生态环境',
  '安全生产',
  '城市管理',
  '交通运输',
  '文化旅游',
  '农业农村',
  '卫生健康',
  '自然资源',
  '住房城乡建设',
  '水务',
  '人力资源社会保障',
  '商务',
  '教育',
  '民政',
  '消防',
  '统计',
  '综合执法',
] as const;
export const FieldSchema = chineseEnum(FIELDS);
export type Field = z.infer<typeof FieldSchema>;

export const LAW_LEVELS = ['法律', '行政法规', '部门规章', '地方性法规', '地方政府规章'] as const;
export const LawLevelSchema = chineseEnum(LAW_LEVELS);
export type LawLevel = z.infer<typeof LawLevelSchema>;

/**
 * Coded law library scheme: `<level prefix>-<4–5 digits>`, the prefix naming the level:
 * FL 法律, XZFG 行政法规, BMGZ 部门规章, DFFG 地方性法规, ZFGZ 地方政府规章 (e.g. FL-0001, BMGZ-0123).
 */
export const LAW_LEVEL_CODES: Readonly<Record<LawLevel, string>> = {
  法律: 'FL',
  行政法规: 'XZFG',
  部门规章: 'BMGZ',
  地方性法规: 'DFFG',
  地方政府规章: 'ZFGZ',
};
export const LAW_CODE_PATTERN = /^(FL|XZFG|BMGZ|DFFG|ZFGZ)-\d{4,5}$/;
export const lawCode = () =>
  z
    .string({ error: req('应为法律法规编码文本，如FL-0001') })
    .regex(
      LAW_CODE_PATTERN,
      '法律法规编码应为“级别前缀-4至5位数字”，前缀为FL（法律）、XZFG（行政法规）、BMGZ（部门规章）、DFFG（地方性法规）、ZFGZ（地方政府规章），如FL-0001',
    );

/** Reference to one article (条), optionally a paragraph (款) and item (项), of a coded law. */
export const BasisRefSchema = z.strictObject({
  lawCode: lawCode(),
  article: z
    .number({ error: req('应为条号（正整数），如12表示第十二条') })
    .int('条号应为正整数')
    .min(1, '条号应为正整数'),
  paragraph: z
    .number({ error: req('应为款号（正整数）') })
    .int('款号应为正整数')
    .min(1, '款号应为正整数')
    .optional(),
  item: z
    .number({ error: req('应为项号（正整数）') })
    .int('项号应为正整数')
    .min(1, '项号应为正整数')
    .optional(),
});
export type BasisRef = z.infer<typeof BasisRefSchema>;
export const basisRefLabels = { lawCode: '法律法规编码', article: '条', paragraph: '款', item: '项' } as const;

export const basisList = () => uniqueList(BasisRefSchema);
