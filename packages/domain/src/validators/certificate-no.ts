import { computeLuhnCheckDigit, luhnValid } from './bank-card';
import { toHalfWidth, type CheckResult } from './text';

/**
 * 电子检查证编号: `JCZ-YYYY-NNNNNNN-C` — year of issue, 7-digit serial, and a Luhn check digit over the
 * 11 digits so a mistyped number entered by hand is caught before any lookup.
 */
export const CERTIFICATE_NO_DESCRIPTION =
  '电子检查证编号应为“JCZ-年份-7位序号-校验位”，如“JCZ-2025-0001234-1”，末位为校验位';

export type CertificateNoResult = CheckResult<
  'format' | 'checksum',
  { normalised: string; year: number; serial: number }
>;

export function makeCertificateNo(year: number, serial: number): string {
  const body = `${String(year).padStart(4, '0')}${String(serial).padStart(7, '0')}`;
  return `JCZ-${body.slice(0, 4)}-${body.slice(4)}-${computeLuhnCheckDigit(body)}`;
}

/** Accepts lowercase, full-width characters and missing hyphens; returns the canonical form. */
export function checkCertificateNo(value: string): CertificateNoResult {
  const v = toHalfWidth(value)
    .trim()
    .toUpperCase()
    .replace(/[\s—–]/g, '');
  const m = /^JCZ-?(\d{4})-?(\d{7})-?(\d)$/.exec(v);
  if (!m) return { ok: false, reason: 'format', message: `${CERTIFICATE_NO_DESCRIPTION}；当前为“${value}”` };
  const year = m[1] ?? '';
  const serial = m[2] ?? '';
  const check = m[3] ?? '';
  if (!luhnValid(year + serial + check)) {
    return { ok: false, reason: 'checksum', message: `${CERTIFICATE_NO_DESCRIPTION}；校验位不符，请核对编号` };
  }
  return { ok: true, normalised: `JCZ-${year}-${serial}-${check}`, year: Number(year), serial: Number(serial) };
}

/**
 * 行政执法证号 (officer's enforcement certificate): `ZF` + 6-digit administrative division code
 * + 2-digit agency sequence + 6-digit serial, e.g. `ZF99010101000123` (99xxxx is not a real province: sample data).
 */
export const ENFORCEMENT_CERTIFICATE_DESCRIPTION =
  '执法证号应为“ZF”加14位数字（6位行政区划代码+2位单位序号+6位个人序号），如“ZF99010101000123”';
export const ENFORCEMENT_CERTIFICATE_PATTERN = /^ZF\d{14}$/;
