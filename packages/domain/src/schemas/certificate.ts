import { z } from 'zod';
import { checkCertificateNo } from '../validators/certificate-no';
import { parseIsoDateTime } from '../validators/dates';
import { isoDateTime, optionalText, recordId, req, slugId, text, type FieldLabels } from './common';

/** 电子检查证编号 `JCZ-YYYY-NNNNNNN-C` (Luhn check digit), normalised to canonical form. */
export const certificateNo = () =>
  z
    .string({ error: req('应为电子检查证编号文本') })
    .overwrite((v) => {
      const r = checkCertificateNo(v);
      return r.ok ? r.normalised : v;
    })
    .superRefine((v, ctx) => {
      const r = checkCertificateNo(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    });

export const CERTIFICATE_STATUSES = ['valid', 'used', 'expired', 'revoked'] as const;
export const certificateStatusLabels = { valid: '有效', used: '已使用', expired: '已过期', revoked: '已撤销' } as const;

export const CertificateSchema = z
  .strictObject({
    certificateNo: certificateNo(),
    inspectionId: recordId(),
    agencyId: slugId(),
    status: z.enum(CERTIFICATE_STATUSES, {
      error: req('应为valid（有效）、used（已使用）、expired（已过期）或revoked（已撤销）'),
    }),
    issuedAt: isoDateTime(),
    validFrom: isoDateTime(),
    validUntil: isoDateTime(),
    /** Id of the signing key in the published JWKS. */
    kid: text(),
    revokedAt: isoDateTime().optional(),
    revocationReason: optionalText(),
  })
  .superRefine((c, ctx) => {
    if (parseIsoDateTime(c.validUntil) <= parseIsoDateTime(c.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期截止时间应晚于生效时间' });
    }
    if (c.status === 'revoked' && c.revocationReason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['revocationReason'], message: '已撤销的检查证必须说明撤销理由' });
    }
    const year = checkCertificateNo(c.certificateNo);
    if (year.ok && String(year.year) !== c.issuedAt.slice(0, 4)) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificateNo'],
        message: `编号中的年份应为签发年份${c.issuedAt.slice(0, 4)}`,
      });
    }
  });
export type Certificate = z.infer<typeof CertificateSchema>;

export const certificateFieldLabels: FieldLabels<Certificate> = {
  certificateNo: '电子检查证编号',
  inspectionId: '检查任务编号',
  agencyId: '检查主体',
  status: '状态',
  issuedAt: '签发时间',
  validFrom: '生效时间',
  validUntil: '有效期至',
  kid: '签名密钥标识',
  revokedAt: '撤销时间',
  revocationReason: '撤销理由',
};
