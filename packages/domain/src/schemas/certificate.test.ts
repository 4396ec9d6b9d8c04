import { describe, expect, it } from 'vitest';
import { makeCertificateNo } from '../validators/certificate-no';
import { CertificateSchema, type Certificate } from './certificate';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('CertificateSchema', () => {
  const cert: Certificate = {
    certificateNo: makeCertificateNo(2025, 42),
    inspectionId: 'jc-2025-000001',
    agencyId: 'scjgj',
    status: 'valid',
    issuedAt: '2025-03-17T10:00:00+08:00',
    validFrom: '2025-03-18T09:00:00+08:00',
    validUntil: '2025-03-18T17:00:00+08:00',
    kid: 'k-2025-01',
  };
  it('accepts a certificate and canonicalises a hand-typed number', () => {
    expect(CertificateSchema.parse({ ...cert, certificateNo: cert.certificateNo.toLowerCase() }).certificateNo).toBe(
      cert.certificateNo,
    );
  });
  it('rejects a mistyped number, inverted validity and unexplained revocation', () => {
    const typo = cert.certificateNo.replace('0000042', '0000024');
    expect(paths(CertificateSchema.safeParse({ ...cert, certificateNo: typo }))).toEqual(['certificateNo']);
    expect(paths(CertificateSchema.safeParse({ ...cert, validUntil: cert.validFrom }))).toEqual(['validUntil']);
    expect(paths(CertificateSchema.safeParse({ ...cert, status: 'revoked' }))).toEqual(['revocationReason']);
    expect(paths(CertificateSchema.safeParse({ ...cert, certificateNo: makeCertificateNo(2024, 42) }))).toEqual([
      'certificateNo',
    ]);
  });
});
