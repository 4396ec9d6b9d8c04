import { z } from 'zod';
import { isoDateTime, req, slugId, text, type FieldLabels } from './common';

/** 反映问题: what a business or citizen reports about an inspection, with or without a certificate. */
export const REPORT_KINDS = ['no_code', 'repeated', 'multi_agency', 'arbitrary', 'conduct', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const reportKindLabels: Readonly<Record<ReportKind, string>> = {
  no_code: '入企未亮码/未亮证',
  repeated: '重复检查',
  multi_agency: '多头检查',
  arbitrary: '随意检查',
  conduct: '作风问题',
  other: '其他',
};

/** Progress the reporter sees: 受理 → 核查中 → 已办结 (or closed as not founded, still counted). */
export const REPORT_STATUSES = ['received', 'verifying', 'closed', 'unfounded'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const reportStatusLabels: Readonly<Record<ReportStatus, string>> = {
  received: '已受理',
  verifying: '核查中',
  closed: '已办结',
  unfounded: '已办结（经核查反映情况不属实）',
};

/** The agency field when the reporter does not know which body came. */
export const UNKNOWN_AGENCY = 'unknown';

export const MAX_REPORT_DESCRIPTION = 2000;
export const MIN_REPORT_DESCRIPTION = 10;
/** Photos one report may carry (the portal refuses more; the mini-program and the form offer no more). */
export const MAX_REPORT_PHOTOS = 3;
/** Bytes one photo may have, as the phone sends it (before its metadata is stripped). */
export const MAX_REPORT_PHOTO_BYTES = 5 * 1024 * 1024;
/** The photo types the portal takes (the body of POST /api/v1/reports/{receipt}/photos). */
export const REPORT_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type ReportPhotoType = (typeof REPORT_PHOTO_TYPES)[number];
/** How far back an inspection may be reported. */
export const REPORT_LOOKBACK_DAYS = 365;

const bounded = (max: number, what: string) => text().max(max, `${what}不超过${max}个字`);

export const ReportInputSchema = z.strictObject({
  clientId: z.uuid({ error: req('应为客户端生成的UUID，如3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f') }),
  kind: z.enum(REPORT_KINDS, {
    error: req(`应为以下之一：${REPORT_KINDS.map((k) => `${k}（${reportKindLabels[k]}）`).join('、')}`),
  }),
  agencyId: z.union([z.literal(UNKNOWN_AGENCY), slugId()], {
    error: req('应为公开名单中执法主体的编号，不清楚时填unknown'),
  }),
  occurredAt: isoDateTime(),
  place: bounded(200, '地点'),
  description: text()
    .min(MIN_REPORT_DESCRIPTION, `请至少用${MIN_REPORT_DESCRIPTION}个字说明发生了什么`)
    .max(MAX_REPORT_DESCRIPTION, `情况说明不超过${MAX_REPORT_DESCRIPTION}个字`),
  officer: bounded(100, '执法人员姓名或执法证号').optional(),
  certificateNo: bounded(64, '电子检查证编号').optional(),
  /** Only supervisors ever read it, to send the reply another way than the receipt. */
  contact: bounded(100, '联系方式').optional(),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const reportFieldLabels: FieldLabels<ReportInput> = {
  clientId: '提交编号',
  kind: '问题类型',
  agencyId: '执法主体',
  occurredAt: '发生时间',
  place: '地点',
  description: '情况说明',
  officer: '执法人员',
  certificateNo: '电子检查证编号',
  contact: '联系方式',
};

/** What anyone holding the receipt sees: progress and the reply, never who reported or how to reach them. */
export const ReportReceiptSchema = z.object({
  receipt: z.string().describe('回执编号：凭此查询办理进度和回告'),
  kind: z.enum(REPORT_KINDS),
  kindLabel: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable().describe('被反映的执法主体；不清楚时为 null'),
  receivedAt: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  deadline: z.string().nullable().describe('办理期限（中国日期）'),
  reply: z.string().nullable().describe('监督机关的回告'),
  repliedAt: z.string().nullable(),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

export const ReportPhotoResultSchema = z.object({
  seq: z.number().int().describe('这张照片的序号'),
  photos: z.number().int().describe(`这份反映已有的照片数（最多${MAX_REPORT_PHOTOS}张）`),
});
