import { z } from 'zod';
import { todayInChina } from '../validators/dates';
import { normaliseDecisionNumber } from '../validators/decision-number';
import { checkIdNumber } from '../validators/id-number';
import { findSensitive, sensitiveKindLabels } from '../validators/sensitive';
import {
  chineseEnum,
  CreditCodeFlagSchema,
  creditCodeLenient,
  FieldSchema,
  IdTypeSchema,
  isoDate,
  isoDateTime,
  optionalText,
  PartyTypeSchema,
  recordId,
  refineCreditCodeFlag,
  req,
  slugId,
  text,
  type FieldLabels,
} from './common';
import {
  DISCLOSURE_STATUSES,
  disclosureStatusLabels,
  ENDED_DISCLOSURE_STATUSES,
  PUBLIC_DISCLOSURE_STATUSES,
  type DisclosureStatus,
} from './disclosure';

/**
 * 行政许可 (permit decisions), the other half of 双公示: the national credit data item set for
 * administrative permits (XK_* codes) plus Sunlight's own fields. A permit is public while it is valid
 * (until 有效期至); it shares the status vocabulary, redaction and tombstones of penalties.
 */

/** 许可类别 in the national data standard. */
export const PERMIT_CATEGORIES = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;
export const PermitCategorySchema = chineseEnum(PERMIT_CATEGORIES);
export type PermitCategory = z.infer<typeof PermitCategorySchema>;

/** 当前状态 as the source system reports it; Sunlight publishes only 有效 permits. */
export const PERMIT_STATES = ['有效', '无效'] as const;

/** Why a published permit leaves the public set before 有效期至 (行政许可法 Art. 69–70 and changes). */
export const PERMIT_WITHDRAWAL_TYPES = ['撤销', '撤回', '注销', '吊销', '变更', '确认无效'] as const;
export type PermitWithdrawalType = (typeof PERMIT_WITHDRAWAL_TYPES)[number];

/** A permit document number: free-form (agencies number permits in many ways), brackets normalised. */
export const permitNumber = (label: string) =>
  z
    .string({ error: req(`应为${label}文本`) })
    .overwrite(normaliseDecisionNumber)
    .pipe(
      z
        .string()
        .min(2, `${label}至少2个字符`)
        .max(64, `${label}最多64个字符`)
        .regex(/^[\u4e00-\u9fffA-Za-z0-9〔〕()（）\-－_/·.第号字]+$/, `${label}只能含汉字、字母、数字和〔〕-/等符号`),
    );

const legacyNo = (pattern: RegExp, message: string) =>
  z.string({ error: message }).trim().regex(pattern, message).optional();

const inputShape = {
  partyName: text(),
  partyType: PartyTypeSchema,
  partyCreditCode: creditCodeLenient().optional(),
  partyCreditCodeFlag: CreditCodeFlagSchema.optional(),
  partyRegNo: legacyNo(/^(\d{13}|\d{15})$/, '工商注册号应为13位或15位数字'),
  partyOrgCode: legacyNo(/^[0-9A-Z]{8}-?[0-9X]$/, '组织机构代码应为9位（8位本体代码+1位校验码，可写作XXXXXXXX-X）'),
  partyTaxNo: legacyNo(/^([0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20})$/, '税务登记号应为15、18或20位数字和大写字母'),
  partyInstitutionNo: optionalText(),
  partySocialOrgNo: optionalText(),
  legalRepresentative: optionalText(),
  legalRepIdType: IdTypeSchema.optional(),
  legalRepIdNumber: optionalText(),
  partyIdType: IdTypeSchema.optional(),
  partyIdNumber: optionalText(),
  decisionDocName: text(),
  decisionNo: permitNumber('行政许可决定文书号'),
  permitCategory: PermitCategorySchema,
  licenceName: text(),
  licenceNo: permitNumber('许可编号').optional(),
  permitContent: text(),
  decisionDate: isoDate(),
  validFrom: isoDate(),
  validUntil: isoDate(),
  authorityName: text(),
  authorityCreditCode: creditCodeLenient(),
  currentState: chineseEnum(PERMIT_STATES).default('有效'),
  dataSourceName: text(),
  dataSourceCreditCode: creditCodeLenient(),
  remarks: optionalText(),
  agencyId: slugId(),
  field: FieldSchema,
  region: optionalText(),
};

export const PermitWithdrawalSchema = z.strictObject({
  type: chineseEnum(PERMIT_WITHDRAWAL_TYPES),
  reason: text(),
  at: isoDateTime(),
});
export type PermitWithdrawal = z.infer<typeof PermitWithdrawalSchema>;

const statusChoices = (statuses: readonly DisclosureStatus[]) =>
  statuses.map((s) => `${s}（${permitStatusLabels[s]}）`).join('、');

/** The shared status vocabulary, in a permit's words. */
export const permitStatusLabels = {
  ...disclosureStatusLabels,
  published: '有效',
  expired: '有效期届满',
} as const satisfies Record<DisclosureStatus, string>;

const recordShape = {
  ...inputShape,
  id: recordId(),
  status: z.enum(DISCLOSURE_STATUSES, { error: req(`应为以下之一：${statusChoices(DISCLOSURE_STATUSES)}`) }),
  publishedOn: isoDate(),
  createdAt: isoDateTime(),
  updatedAt: isoDateTime(),
  withdrawal: PermitWithdrawalSchema.optional(),
  correctionNote: optionalText(),
};

/** Fields that never leave restricted storage. */
export const RESTRICTED_PERMIT_FIELDS = ['partyIdType', 'partyIdNumber', 'legalRepIdType', 'legalRepIdNumber'] as const;

type InputLike = z.infer<z.ZodObject<typeof inputShape>>;

function refineInput(d: InputLike, ctx: z.RefinementCtx, today: string): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (d.partyType === '自然人') {
    if (d.partyIdType === undefined) issue('partyIdType', '行政相对人为自然人时必须填写证件类型，如“身份证”');
    if (d.partyIdNumber === undefined) issue('partyIdNumber', '行政相对人为自然人时必须填写证件号码（仅共享，不公开）');
  } else if (d.partyType === '法人及非法人组织') {
    if (d.partyCreditCode === undefined)
      issue('partyCreditCode', '行政相对人为法人及非法人组织时必须填写18位统一社会信用代码');
    if (d.legalRepresentative === undefined)
      issue('legalRepresentative', '行政相对人为法人及非法人组织时必须填写法定代表人（负责人）');
  } else if (d.partyCreditCode === undefined && d.partyRegNo === undefined) {
    issue('partyCreditCode', '行政相对人为个体工商户时应填写统一社会信用代码，没有的填写工商注册号');
  }
  refineCreditCodeFlag(d.partyCreditCode, d.partyCreditCodeFlag, ctx, ['partyCreditCodeFlag']);
  if (d.partyCreditCodeFlag !== undefined && d.partyCreditCode === undefined) {
    issue('partyCreditCodeFlag', '未填写统一社会信用代码时不应填写代码校验标记');
  }
  const pair = (
    type: string | undefined,
    num: string | undefined,
    typePath: string,
    numPath: string,
    label: string,
  ) => {
    if (type !== undefined && num === undefined) issue(numPath, `填写了${label}类型时必须填写${label}号码`);
    if (type === undefined && num !== undefined)
      issue(typePath, `填写了${label}号码时必须填写${label}类型，如“身份证”`);
    if (type === '身份证' && num !== undefined) {
      const r = checkIdNumber(num, today);
      if (!r.ok) issue(numPath, r.message);
    }
  };
  pair(d.partyIdType, d.partyIdNumber, 'partyIdType', 'partyIdNumber', '证件');
  pair(d.legalRepIdType, d.legalRepIdNumber, 'legalRepIdType', 'legalRepIdNumber', '法定代表人证件');
  // Numbers are published as written: one that is really a person's ID or phone number is refused.
  for (const key of ['decisionNo', 'licenceNo'] as const) {
    const v = d[key];
    if (v === undefined) continue;
    const found = findSensitive(v, today).filter((f) => f.kind === 'id_number' || f.start === 0);
    if (found.length) {
      const kinds = [...new Set(found.map((f) => sensitiveKindLabels[f.kind]))].join('、');
      issue(key, `${permitFieldLabels[key]}中不得含有${kinds}；请填写许可机关编制的号码`);
    }
  }
  if (d.decisionDate > today) issue('decisionDate', `许可决定日期不能晚于今天（${today}）`);
  if (d.validFrom < d.decisionDate) issue('validFrom', `有效期自应不早于许可决定日期（${d.decisionDate}）`);
  if (d.validUntil < d.validFrom) issue('validUntil', `有效期至应不早于有效期自（${d.validFrom}）`);
}

function refineRecord(d: z.infer<z.ZodObject<typeof recordShape>>, ctx: z.RefinementCtx): void {
  if (d.status === 'withdrawn' && d.withdrawal === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['withdrawal'],
      message: '状态为已撤回时必须填写撤回信息（类型、理由、时间）',
    });
  }
  if (d.status !== 'withdrawn' && d.withdrawal !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['withdrawal'], message: '只有状态为已撤回（withdrawn）的记录才有撤回信息' });
  }
  if (d.publishedOn < d.decisionDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['publishedOn'],
      message: `公示日期应不早于许可决定日期（${d.decisionDate}）`,
    });
  }
}

/** What an agency's permit system pushes (camelCase). Includes the restricted ID fields; no id or status. */
export const PermitInputSchema = z
  .strictObject(inputShape)
  .superRefine((d, ctx) => refineInput(d, ctx, todayInChina()));
export type PermitInput = z.infer<typeof PermitInputSchema>;
export type PermitInputFields = z.input<typeof PermitInputSchema>;

/** The stored (content) record checked against a given "today" (the seed validates sample records on its clock). */
export const permitRecordSchemaAt = (today: () => string) =>
  z.strictObject(recordShape).superRefine((d, ctx) => {
    refineInput(d, ctx, today());
    refineRecord(d, ctx);
  });
export const PermitRecordSchema = permitRecordSchemaAt(() => todayInChina());
export type PermitRecord = z.infer<typeof PermitRecordSchema>;

/** Text fields that must be free of ID, phone and bank card numbers on public surfaces. */
const PUBLIC_FREE_TEXT = [
  'partyName',
  'decisionDocName',
  'licenceName',
  'permitContent',
  'remarks',
  'correctionNote',
] as const;

const publicShape = z
  .strictObject(recordShape)
  .omit({ partyIdType: true, partyIdNumber: true, legalRepIdType: true, legalRepIdNumber: true, withdrawal: true })
  .extend({
    status: z.enum(PUBLIC_DISCLOSURE_STATUSES, {
      error: req(`公开记录的状态应为以下之一：${statusChoices(PUBLIC_DISCLOSURE_STATUSES)}`),
    }),
    currentState: z.literal('有效'),
  }).shape;

/**
 * What any public surface may show of a permit: no ID fields, only valid (published or corrected) permits,
 * a natural person's name as 姓+某, and no ID, phone or bank card number in any text.
 */
export const PublicPermitSchema = z.strictObject(publicShape).superRefine((d, ctx) => {
  if (d.partyType === '自然人' && !/^[\u4e00-\u9fff]{1,2}某{1,2}$/.test(d.partyName)) {
    ctx.addIssue({ code: 'custom', path: ['partyName'], message: '公开时自然人姓名应显示为“姓+某”，如“张某”' });
  }
  for (const key of PUBLIC_FREE_TEXT) {
    const value = d[key];
    if (value === undefined) continue;
    const found = findSensitive(value);
    if (found.length > 0) {
      const kinds = [...new Set(found.map((f) => sensitiveKindLabels[f.kind]))].join('、');
      ctx.addIssue({ code: 'custom', path: [key], message: `公开文本中不得含有${kinds}，请脱敏后再公开` });
    }
  }
});
export type PublicPermit = z.infer<typeof PublicPermitSchema>;

/** What the public sees instead of a withdrawn or expired permit: the number, date and reason only. */
export const PermitTombstoneSchema = z.strictObject({
  id: recordId(),
  decisionNo: z.string(),
  status: z.enum(ENDED_DISCLOSURE_STATUSES, {
    error: req(`应为以下之一：${statusChoices(ENDED_DISCLOSURE_STATUSES)}`),
  }),
  date: isoDate(),
  withdrawalType: chineseEnum(PERMIT_WITHDRAWAL_TYPES).optional(),
  reason: text(),
});
export type PermitTombstone = z.infer<typeof PermitTombstoneSchema>;

/** Copies only the public fields of a stored record (does not redact text; see PublicPermitSchema). */
export function toPublicPermit(record: PermitRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(publicShape)) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** National 双公示 data item codes of a permit (行政许可信息数据项). */
export const permitXkCodes = {
  partyName: 'XK_XDR_MC',
  partyType: 'XK_XDR_LB',
  partyCreditCode: 'XK_XDR_SHXYM',
  partyRegNo: 'XK_XDR_GSZC',
  partyOrgCode: 'XK_XDR_ZZJG',
  partyTaxNo: 'XK_XDR_SWDJ',
  partyInstitutionNo: 'XK_XDR_SYDW',
  partySocialOrgNo: 'XK_XDR_SHZZ',
  legalRepresentative: 'XK_FRDB',
  legalRepIdType: 'XK_FR_ZJLX',
  legalRepIdNumber: 'XK_FR_ZJHM',
  partyIdType: 'XK_XDR_ZJLX',
  partyIdNumber: 'XK_XDR_ZJHM',
  decisionDocName: 'XK_XKWS',
  decisionNo: 'XK_WSH',
  permitCategory: 'XK_XKLB',
  licenceName: 'XK_XKZS',
  licenceNo: 'XK_XKBH',
  permitContent: 'XK_NR',
  decisionDate: 'XK_JDRQ',
  validFrom: 'XK_YXQZ',
  validUntil: 'XK_YXQZI',
  authorityName: 'XK_XKJG',
  authorityCreditCode: 'XK_XKJGDM',
  currentState: 'XK_ZT',
  dataSourceName: 'XK_LYDW',
  dataSourceCreditCode: 'XK_LYDWDM',
  remarks: 'BZ',
} as const satisfies Partial<Record<keyof PermitInput, string>>;
export type PermitXkField = keyof typeof permitXkCodes;

const fieldOfXkCode: ReadonlyMap<string, string> = new Map(Object.entries(permitXkCodes).map(([k, v]) => [v, k]));

/**
 * A record written with XK_* item codes (as credit platforms exchange them) in Sunlight's field names.
 * Keys that are not XK_* codes (agencyId, field, region, …) pass unchanged; an object without any XK_* key
 * is returned as it is. 当前状态 may be given as the standard's code (1 有效, 2 无效).
 */
export function fromXkCodes(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.some(([k]) => k.startsWith('XK_'))) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const field = fieldOfXkCode.get(k) ?? k;
    if (v === '' || v === null) continue;
    out[field] = field === 'currentState' && (v === '1' || v === '2') ? (v === '1' ? '有效' : '无效') : v;
  }
  return out;
}

export const permitFieldLabels: FieldLabels<PermitRecord> = {
  partyName: '行政相对人名称',
  partyType: '行政相对人类别',
  partyCreditCode: '统一社会信用代码',
  partyCreditCodeFlag: '代码校验标记',
  partyRegNo: '工商注册号',
  partyOrgCode: '组织机构代码',
  partyTaxNo: '税务登记号',
  partyInstitutionNo: '事业单位证书号',
  partySocialOrgNo: '社会组织登记证号',
  legalRepresentative: '法定代表人',
  legalRepIdType: '法定代表人证件类型',
  legalRepIdNumber: '法定代表人证件号码',
  partyIdType: '证件类型',
  partyIdNumber: '证件号码',
  decisionDocName: '行政许可决定文书名称',
  decisionNo: '行政许可决定文书号',
  permitCategory: '许可类别',
  licenceName: '许可证书名称',
  licenceNo: '许可编号',
  permitContent: '许可内容',
  decisionDate: '许可决定日期',
  validFrom: '有效期自',
  validUntil: '有效期至',
  authorityName: '许可机关',
  authorityCreditCode: '许可机关统一社会信用代码',
  currentState: '当前状态',
  dataSourceName: '数据来源单位',
  dataSourceCreditCode: '数据来源单位统一社会信用代码',
  remarks: '备注',
  agencyId: '执法主体标识',
  field: '执法领域',
  region: '所属街道（镇）',
  id: '记录编号',
  status: '公示状态',
  publishedOn: '公示日期',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  withdrawal: '撤回信息',
  'withdrawal.type': '撤回类型',
  'withdrawal.reason': '撤回理由',
  'withdrawal.at': '撤回时间',
  correctionNote: '更正说明',
};
