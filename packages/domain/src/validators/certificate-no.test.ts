import { describe, expect, it } from 'vitest';
import { checkCertificateNo, ENFORCEMENT_CERTIFICATE_PATTERN, makeCertificateNo } from './certificate-no';

describe('electronic inspection certificate numbers', () => {
  const no = makeCertificateNo(2025, 1234);

  it('have the documented shape and verify', () => {
    expect(no).toMatch(/^JCZ-2025-0001234-\d$/);
    expect(checkCertificateNo(no)).toEqual({ ok: true, normalised: no, year: 2025, serial: 1234 });
  });
  it('accept hand-typed variants', () => {
    expect(checkCertificateNo(no.toLowerCase().replace(/-/g, ''))).toMatchObject({ ok: true, normalised: no });
  });
  it('catch single-digit typos and transpositions', () => {
    const digits = no.replace(/\D/g, '');
    for (let pos = 0; pos < digits.length; pos++) {
      const d = (Number(digits[pos]) + 3) % 10;
      const typo = digits.slice(0, pos) + d + digits.slice(pos + 1);
      expect(checkCertificateNo(`JCZ${typo}`)).toMatchObject({ ok: false, reason: 'checksum' });
    }
    expect(checkCertificateNo('JCZ-2025-0001243-' + no.slice(-1)).ok).toBe(false);
  });
  it('reject malformed numbers with a description', () => {
    const r = checkCertificateNo('JC-2025-1');
    expect(r).toMatchObject({ ok: false, reason: 'format' });
    if (!r.ok) expect(r.message).toContain('JCZ-年份-7位序号-校验位');
  });
});

describe('enforcement certificate numbers', () => {
  it('are ZF plus 14 digits', () => {
    expect(ENFORCEMENT_CERTIFICATE_PATTERN.test('ZF99010101000123')).toBe(true);
    expect(ENFORCEMENT_CERTIFICATE_PATTERN.test('ZF9901010100012')).toBe(false);
    expect(ENFORCEMENT_CERTIFICATE_PATTERN.test('zf99010101000123')).toBe(false);
  });
});

describe('documented example', () => {
  it('JCZ-2025-0001234-1 is valid', () => expect(checkCertificateNo('JCZ-2025-0001234-1').ok).toBe(true));
});
