import { z } from 'zod';
import { lintCreditCode, type CreditCodeWarning } from '../validators/credit-code';
import {
  chineseEnum,
  CreditCodeFlagSchema,
  creditCodeLenient,
  isoDate,
  refineCreditCodeFlag,
  text,
  type FieldLabels,
} from './common';

export const ENTERPRISE_TYPES = ['企业', '个体工商户', '农民专业合作社', '社会组织', '事业单位', '其他组织'] as const;
export const EnterpriseTypeSchema = chineseEnum(ENTERPRISE_TYPES);
export type EnterpriseType = z.infer<typeof EnterpriseTypeSchema>;

export const EnterpriseSchema = z
  .strictObject({
    creditCode: creditCodeLenient(),
    /** Set when a real legacy code fails the check character: kept and shown, flagged for review. */
    creditCodeFlag: CreditCodeFlagSchema.optional(),
    name: text(),
    type: EnterpriseTypeSchema,
    legalRepresentative: text(),
    address: text(),
    industry: text(),
    region: text(),
    registeredDate: isoDate().optional(),
  })
  .superRefine((e, ctx) => refineCreditCodeFlag(e.creditCode, e.creditCodeFlag, ctx, ['creditCodeFlag']));
export type Enterprise = z.infer<typeof EnterpriseSchema>;

export const enterpriseFieldLabels: FieldLabels<Enterprise> = {
  creditCode: '统一社会信用代码',
  creditCodeFlag: '代码校验标记',
  name: '名称',
  type: '主体类型',
  legalRepresentative: '法定代表人（负责人、经营者）',
  address: '住所（经营场所）',
  industry: '行业',
  region: '所属街道（镇）',
  registeredDate: '成立日期',
};

export interface RecordWarning {
  path: (string | number)[];
  code: 'checksum_mismatch';
  message: string;
}

/** Warnings that do not make the record invalid: an unflagged credit code failing its check character. */
export function lintEnterprise(e: Pick<Enterprise, 'creditCode' | 'creditCodeFlag'>): RecordWarning[] {
  const w: CreditCodeWarning | null = lintCreditCode(e.creditCode);
  if (w === null || e.creditCodeFlag === 'checksum_mismatch') return [];
  return [
    {
      path: ['creditCode'],
      code: w.flag,
      message: `${w.message}；如确为历史代码，请加上 creditCodeFlag: "checksum_mismatch"`,
    },
  ];
}
