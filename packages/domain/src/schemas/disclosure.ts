import { z } from 'zod';
import { lintCreditCode } from '../validators/credit-code';
import { todayInChina } from '../validators/dates';
import { checkDecisionNumber, normaliseDecisionNumber } from '../validators/decision-number';
import { checkIdNumber } from '../validators/id-number';
import { findSensitive, sensitiveKindLabels } from '../validators/sensitive';
import {
  amountWan,
  basisList,
  chineseEnum,
  CreditCodeFlagSchema,
  creditCodeLenient,
  FieldSchema,
  IdTypeSchema,
  isoDate,
  isoDateTime,
  optionalText,
  PartyTypeSchema,
  PenaltyCategorySchema,
  ProcedureSchema,
  recordId,
  refineCreditCodeFlag,
  req,
  slugId,
  text,
  uniqueList,
  wanToYuan,
  type FieldLabels,
  type PenaltyCategory,
} from './common';
import { discretionItemId } from './discretion-item';
import type { RecordWarning } from './enterprise';

export const decisionNumber = () =>
  z
    .string({ error: req('应为行政处罚决定书文号文本') })
    .overwrite(normaliseDecisionNumber)
    .superRefine((v, ctx) => {
      const r = checkDecisionNumber(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    });

const legacyNo = (pattern: RegExp, message: string) =>
  z.string({ error: message }).trim().regex(pattern, message).optional();

/** Fields an agency's case system pushes (双公示 items plus Sunlight's own). */
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
  decisionNo: decisionNumber(),
  violationType: text(),
  violationFacts: text(),
  penaltyBasis: text(),
  penaltyCategories: uniqueList(PenaltyCategorySchema),
  penaltyContent: text(),
  fineAmount: amountWan().optional(),
  confiscatedAmount: amountWan().optional(),
  licenceSuspended: optionalText(),
  decisionDate: isoDate(),
  penaltyValidUntil: isoDate(),
  publicityEndDate: isoDate().optional(),
  authorityName: text(),
  authorityCreditCode: creditCodeLenient(),
  dataSourceName: text(),
  dataSourceCreditCode: creditCodeLenient(),
  remarks: optionalText(),
  agencyId: slugId(),
  field: FieldSchema,
  region: optionalText(),
  procedure: ProcedureSchema,
  basisRefs: basisList().optional(),
  discretionItemId: discretionItemId().optional(),
  /** Length of a 限制从业 / 限制开展生产经营活动 / 责令停产停业 ban, in months. */
  banMonths: z
    .number({ error: req('应为禁止期限月数（正整数）') })
    .int('禁止期限应为整数月')
    .min(1, '禁止期限至少1个月')
    .max(1200, '禁止期限不超过1200个月')
    .optional(),
  involvesMinor: z.boolean({ error: req('应为true或false：是否涉及未成年人') }),
  confidential: z.boolean({ error: req('应为true或false：是否涉及国家秘密、商业秘密或个人隐私') }),
  publicText: optionalText(),
};

export const WITHDRAWAL_TYPES = ['变更', '撤销', '确认违法', '确认无效'] as const;
export const WithdrawalSchema = z.strictObject({
  type: chineseEnum(WITHDRAWAL_TYPES),
  reason: text(),
  at: isoDateTime(),
});
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

export const DISCLOSURE_STATUSES = ['published', 'corrected', 'withdrawn', 'expired'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
/** The statuses every public surface (pages, API, search, exports, feeds) shows. */
export const PUBLIC_DISCLOSURE_STATUSES = ['published', 'corrected'] as const satisfies readonly DisclosureStatus[];
/** The statuses of a record that has left the public surfaces: only its tombstone is shown. */
export const ENDED_DISCLOSURE_STATUSES = ['withdrawn', 'expired'] as const satisfies readonly DisclosureStatus[];
/** Decisions that were public at some time and count in statistics (a withdrawn decision never counts). */
export const COUNTED_DISCLOSURE_STATUSES = [
  'published',
  'corrected',
  'expired',
] as const satisfies readonly DisclosureStatus[];
export const isPublicDisclosureStatus = (s: string): s is (typeof PUBLIC_DISCLOSURE_STATUSES)[number] =>
  (PUBLIC_DISCLOSURE_STATUSES as readonly string[]).includes(s);
export const isEndedDisclosureStatus = (s: string): s is (typeof ENDED_DISCLOSURE_STATUSES)[number] =>
  (ENDED_DISCLOSURE_STATUSES as readonly string[]).includes(s);

export const disclosureStatusLabels = {
  published: '公示中',
  corrected: '已更正',
  withdrawn: '已撤回',
  expired: '公示期已满',
} as const satisfies Record<DisclosureStatus, string>;

export const statusChoices = (statuses: readonly DisclosureStatus[]) =>
  statuses.map((s) => `${s}（${disclosureStatusLabels[s]}）`).join('、');

export const DisclosureStatusSchema = z.enum(DISCLOSURE_STATUSES, {
  error: req(`应为以下之一：${statusChoices(DISCLOSURE_STATUSES)}`),
});

const recordShape = {
  ...inputShape,
  id: recordId(),
  status: DisclosureStatusSchema,
  publishedOn: isoDate(),
  publicationEndDate: isoDate(),
  publicationRuleId: optionalText(),
  createdAt: isoDateTime(),
  updatedAt: isoDateTime(),
  withdrawal: WithdrawalSchema.optional(),
  correctionNote: optionalText(),
};

/** Fields that never leave restricted storage. */
export const RESTRICTED_DISCLOSURE_FIELDS = [
  'partyIdType',
  'partyIdNumber',
  'legalRepIdType',
  'legalRepIdNumber',
  'involvesMinor',
  'confidential',
] as const;

type InputLike = z.infer<z.ZodObject<typeof inputShape>>;

const FINE_LIMIT_SUMMARY_YUAN = { 自然人: 200, 个体工商户: 3000, 法人及非法人组织: 3000 } as const;
const SUMMARY_CATEGORIES: readonly PenaltyCategory[] = ['警告', '罚款'];
const BAN_CATEGORIES: readonly PenaltyCategory[] = ['限制从业', '限制开展生产经营活动', '责令停产停业'];

function refineInput(d: InputLike, ctx: z.RefinementCtx, today: string): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const has = (c: PenaltyCategory) => d.penaltyCategories.includes(c);

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

  checkIdPair(d.partyIdType, d.partyIdNumber, 'partyIdType', 'partyIdNumber', '证件', issue, today);
  checkIdPair(
    d.legalRepIdType,
    d.legalRepIdNumber,
    'legalRepIdType',
    'legalRepIdNumber',
    '法定代表人证件',
    issue,
    today,
  );

  if (has('罚款')) {
    if (d.fineAmount === undefined || d.fineAmount <= 0)
      issue('fineAmount', '处罚类别含“罚款”时必须填写大于0的罚款金额（万元）');
  } else if (d.fineAmount !== undefined && d.fineAmount > 0) {
    issue('fineAmount', '处罚类别不含“罚款”时罚款金额应为空或0；如有罚款，请在处罚类别中加入“罚款”');
  }
  if (d.confiscatedAmount !== undefined && d.confiscatedAmount > 0 && !has('没收违法所得') && !has('没收非法财物')) {
    issue('confiscatedAmount', '处罚类别不含“没收违法所得”或“没收非法财物”时没收金额应为空或0');
  }
  if ((has('暂扣许可证件') || has('吊销许可证件')) && d.licenceSuspended === undefined) {
    issue('licenceSuspended', '处罚类别含暂扣或吊销许可证件时必须填写证照名称及编号');
  }
  if (d.banMonths !== undefined && !BAN_CATEGORIES.some(has)) {
    issue('banMonths', `只有处罚类别含${BAN_CATEGORIES.join('、')}时才填写禁止期限`);
  }

  if (d.procedure === '简易程序') {
    const extra = d.penaltyCategories.filter((c) => !SUMMARY_CATEGORIES.includes(c));
    if (extra.length > 0) {
      issue(
        'procedure',
        `简易程序只能作出警告或小额罚款（行政处罚法第五十一条），不能作出${extra.join('、')}；请改为普通程序`,
      );
    }
    const limit = FINE_LIMIT_SUMMARY_YUAN[d.partyType];
    if (d.fineAmount !== undefined && wanToYuan(d.fineAmount) > limit) {
      issue(
        'procedure',
        `简易程序对${d.partyType}的罚款不超过${limit}元（行政处罚法第五十一条），当前为${wanToYuan(d.fineAmount)}元；请改为普通程序`,
      );
    }
  }

  if (d.decisionDate > today) issue('decisionDate', `处罚决定日期不能晚于今天（${today}）`);
  if (d.penaltyValidUntil < d.decisionDate)
    issue('penaltyValidUntil', `处罚有效期应不早于处罚决定日期（${d.decisionDate}）`);
  if (d.publicityEndDate !== undefined && d.publicityEndDate < d.decisionDate) {
    issue('publicityEndDate', `公示截止期应不早于处罚决定日期（${d.decisionDate}）`);
  }
  const decisionYear = checkDecisionNumber(d.decisionNo);
  if (decisionYear.ok && decisionYear.parts.year > Number(d.decisionDate.slice(0, 4))) {
    issue('decisionNo', `文号年份${decisionYear.parts.year}晚于处罚决定日期所在年份`);
  }
}

function checkIdPair(
  type: string | undefined,
  number: string | undefined,
  typePath: string,
  numberPath: string,
  label: string,
  issue: (path: string, message: string) => void,
  today: string,
): void {
  if (type !== undefined && number === undefined) issue(numberPath, `填写了${label}类型时必须填写${label}号码`);
  if (type === undefined && number !== undefined)
    issue(typePath, `填写了${label}号码时必须填写${label}类型，如“身份证”`);
  if (type === '身份证' && number !== undefined) {
    const r = checkIdNumber(number, today);
    if (!r.ok) issue(numberPath, r.message);
  }
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
  if (d.publicationEndDate < d.publishedOn) {
    ctx.addIssue({
      code: 'custom',
      path: ['publicationEndDate'],
      message: `公示结束日期应不早于公示日期（${d.publishedOn}）`,
    });
  }
  if (d.publishedOn < d.decisionDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['publishedOn'],
      message: `公示日期应不早于处罚决定日期（${d.decisionDate}）`,
    });
  }
}

/** What an agency's case system pushes. Includes the restricted ID fields; no id or status. */
export const DisclosureInputSchema = z
  .strictObject(inputShape)
  .superRefine((d, ctx) => refineInput(d, ctx, todayInChina()));
export type DisclosureInput = z.infer<typeof DisclosureInputSchema>;

/** What is stored: the input plus id, status, publication dates, timestamps and withdrawal. */
/** The record schema checked against a given "today" (the seed validates sample records on its injected clock). */
export const disclosureRecordSchemaAt = (today: () => string) =>
  z.strictObject(recordShape).superRefine((d, ctx) => {
    refineInput(d, ctx, today());
    refineRecord(d, ctx);
  });
export const DisclosureRecordSchema = disclosureRecordSchemaAt(() => todayInChina());
export type DisclosureRecord = z.infer<typeof DisclosureRecordSchema>;

/** Text fields that must be free of ID, phone and bank card numbers on public surfaces. */
const PUBLIC_FREE_TEXT = [
  'partyName',
  'violationFacts',
  'penaltyContent',
  'penaltyBasis',
  'licenceSuspended',
  'remarks',
  'publicText',
  'correctionNote',
] as const;

const publicShape = z
  .strictObject(recordShape)
  .omit({
    partyIdType: true,
    partyIdNumber: true,
    legalRepIdType: true,
    legalRepIdNumber: true,
    involvesMinor: true,
    confidential: true,
    withdrawal: true,
  })
  .extend({
    status: z.enum(PUBLIC_DISCLOSURE_STATUSES, {
      error: req(`公开记录的状态应为以下之一：${statusChoices(PUBLIC_DISCLOSURE_STATUSES)}`),
    }),
  }).shape;

/**
 * What any public surface (pages, API, search, exports, feeds) may show: no ID fields, no minor/confidential
 * flags, only published or corrected records. Also a last line against leaks: a natural person's name must be
 * redacted to 姓+某, and no text field may contain an ID, phone or bank card number.
 */
export const PublicDisclosureSchema = z.strictObject(publicShape).superRefine((d, ctx) => {
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
export type PublicDisclosure = z.infer<typeof PublicDisclosureSchema>;

/** What the public sees instead of a withdrawn or expired record: the number, date and reason, nothing else. */
export const DisclosureTombstoneSchema = z.strictObject({
  id: recordId(),
  decisionNo: decisionNumber(),
  status: z.enum(ENDED_DISCLOSURE_STATUSES, {
    error: req(`应为以下之一：${statusChoices(ENDED_DISCLOSURE_STATUSES)}`),
  }),
  date: isoDate(),
  withdrawalType: chineseEnum(WITHDRAWAL_TYPES).optional(),
  reason: text(),
});
export type DisclosureTombstone = z.infer<typeof DisclosureTombstoneSchema>;

/** Copies only the public fields of a stored record (does not redact text; see PublicDisclosureSchema). */
export function toPublicDisclosure(
  record: DisclosureRecord,
): Omit<DisclosureRecord, (typeof RESTRICTED_DISCLOSURE_FIELDS)[number] | 'withdrawal'> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(publicShape)) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Omit<DisclosureRecord, (typeof RESTRICTED_DISCLOSURE_FIELDS)[number] | 'withdrawal'>;
}

/** Warnings that do not reject a record: credit codes whose check character fails and that are not flagged. */
export function lintDisclosure(
  d: Pick<DisclosureInput, 'partyCreditCode' | 'partyCreditCodeFlag' | 'authorityCreditCode' | 'dataSourceCreditCode'>,
): RecordWarning[] {
  const warnings: RecordWarning[] = [];
  const check = (path: string, code: string | undefined, flagged: boolean) => {
    if (code === undefined || flagged) return;
    const w = lintCreditCode(code);
    if (w) warnings.push({ path: [path], code: w.flag, message: w.message });
  };
  check('partyCreditCode', d.partyCreditCode, d.partyCreditCodeFlag === 'checksum_mismatch');
  check('authorityCreditCode', d.authorityCreditCode, false);
  check('dataSourceCreditCode', d.dataSourceCreditCode, false);
  return warnings;
}

/** National 双公示 data item codes for each field (current standard). */
export const disclosureCfCodes = {
  partyName: 'CF_XDR_MC',
  partyType: 'CF_XDR_LB',
  partyCreditCode: 'CF_XDR_SHXYM',
  partyRegNo: 'CF_XDR_GSZC',
  partyOrgCode: 'CF_XDR_ZZJG',
  partyTaxNo: 'CF_XDR_SWDJ',
  partyInstitutionNo: 'CF_XDR_SYDW',
  partySocialOrgNo: 'CF_XDR_SHZZ',
  legalRepresentative: 'CF_FRDB',
  legalRepIdType: 'CF_FR_ZJLX',
  legalRepIdNumber: 'CF_FR_ZJHM',
  partyIdType: 'CF_XDR_ZJLX',
  partyIdNumber: 'CF_XDR_ZJHM',
  decisionNo: 'CF_WSH',
  violationType: 'CF_WFXW',
  violationFacts: 'CF_SY',
  penaltyBasis: 'CF_YJ',
  penaltyCategories: 'CF_CFLB',
  penaltyContent: 'CF_NR',
  fineAmount: 'CF_NR_FK',
  confiscatedAmount: 'CF_NR_WFFF',
  licenceSuspended: 'CF_NR_ZKDX',
  decisionDate: 'CF_JDRQ',
  penaltyValidUntil: 'CF_YXQ',
  publicityEndDate: 'CF_GSJZQ',
  authorityName: 'CF_CFJG',
  authorityCreditCode: 'CF_CFJGDM',
  dataSourceName: 'CF_SJLY',
  dataSourceCreditCode: 'CF_SJLYDM',
  remarks: 'BZ',
} as const satisfies Partial<Record<keyof DisclosureInput, string>>;
export type DisclosureCfField = keyof typeof disclosureCfCodes;

/**
 * Older (2016-style) exports used another CF_* shape. Maps each old code to the field it fills; `null` means the
 * old item has no counterpart (e.g. CF_ZT 当前状态 is replaced by Sunlight's own status) and is kept in 备注 by importers.
 */
export const legacyDisclosureCfCodes: Readonly<Record<string, DisclosureCfField | null>> = {
  CF_WSH: 'decisionNo',
  CF_CFMC: 'violationType',
  CF_CFLB1: 'penaltyCategories',
  CF_CFLB2: 'penaltyCategories',
  CF_SY: 'violationFacts',
  CF_YJ: 'penaltyBasis',
  CF_XDR_MC: 'partyName',
  CF_XDR_SHXYM: 'partyCreditCode',
  CF_XDR_ZDM: 'partyOrgCode',
  CF_XDR_GSDJ: 'partyRegNo',
  CF_XDR_SWDJ: 'partyTaxNo',
  CF_XDR_SFZ: 'partyIdNumber',
  CF_FR: 'legalRepresentative',
  CF_JG: 'penaltyContent',
  CF_JDRQ: 'decisionDate',
  CF_XZJG: 'authorityName',
  CF_ZT: null,
  DFBM: null,
  SJC: null,
  BZ: 'remarks',
};

export const disclosureFieldLabels: FieldLabels<DisclosureRecord> = {
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
  decisionNo: '行政处罚决定书文号',
  violationType: '违法行为类型',
  violationFacts: '违法事实',
  penaltyBasis: '处罚依据',
  penaltyCategories: '处罚类别',
  penaltyContent: '处罚内容',
  fineAmount: '罚款金额（万元）',
  confiscatedAmount: '没收违法所得、没收非法财物的金额（万元）',
  licenceSuspended: '暂扣或吊销证照名称及编号',
  decisionDate: '处罚决定日期',
  penaltyValidUntil: '处罚有效期',
  publicityEndDate: '公示截止期',
  authorityName: '处罚机关',
  authorityCreditCode: '处罚机关统一社会信用代码',
  dataSourceName: '数据来源单位',
  dataSourceCreditCode: '数据来源单位统一社会信用代码',
  remarks: '备注',
  agencyId: '执法主体标识',
  field: '执法领域',
  region: '所属街道（镇）',
  procedure: '程序类型',
  basisRefs: '法律依据条款',
  'basisRefs.lawCode': '法律法规编码',
  'basisRefs.article': '条',
  'basisRefs.paragraph': '款',
  'basisRefs.item': '项',
  discretionItemId: '适用的四张清单事项',
  banMonths: '禁止期限（月）',
  involvesMinor: '是否涉及未成年人',
  confidential: '是否涉密或涉及隐私',
  publicText: '公开文本',
  id: '记录编号',
  status: '公示状态',
  publishedOn: '公示日期',
  publicationEndDate: '公示结束日期',
  publicationRuleId: '公示期规则',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  withdrawal: '撤回信息',
  'withdrawal.type': '撤回类型',
  'withdrawal.reason': '撤回理由',
  'withdrawal.at': '撤回时间',
  correctionNote: '更正说明',
};
