import { describe, expect, it } from 'vitest';
import { buildVerifyUrl, parseScan } from './url';

const token = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJKQ1oifQ.c2ln';

describe('parseScan', () => {
  it('reads the QR URL: number, token and origin', () => {
    const url = buildVerifyUrl('https://sunlight.example.org/', 'JCZ-2026-0000123-6', token);
    expect(url).toBe(`https://sunlight.example.org/verify/JCZ-2026-0000123-6?t=${token}`);
    expect(parseScan(url)).toEqual({
      ok: true,
      certificateNo: 'JCZ-2026-0000123-6',
      token,
      origin: 'https://sunlight.example.org',
    });
  });

  it('accepts a site under a path, extra parameters, a trailing slash and a bare number', () => {
    expect(parseScan(`http://127.0.0.1:4321/sunlight/verify/JCZ-2026-0000123-6/?x=1&t=${token}#top`)).toMatchObject({
      ok: true,
      token,
      origin: 'http://127.0.0.1:4321',
    });
    expect(parseScan('  jcz-2026-0000123-6 ')).toEqual({ ok: true, certificateNo: 'JCZ-2026-0000123-6' });
    expect(parseScan('https://sunlight.example.org/verify/JCZ-2026-0000123-6')).toMatchObject({ ok: true });
  });

  it('catches a mistyped number by its check digit, and things that are not certificates', () => {
    expect(parseScan('JCZ-2026-0000123-7')).toMatchObject({ ok: false, reason: 'bad_number' });
    expect(parseScan('https://sunlight.example.org/verify/JCZ-2026-0000123-7')).toMatchObject({
      ok: false,
      reason: 'bad_number',
    });
    expect(parseScan('https://example.com/pay?to=1')).toMatchObject({ ok: false, reason: 'not_a_certificate' });
    expect(parseScan('')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('flags a URL of another site when the allowed origins are given', () => {
    const r = parseScan(`https://evil.example/verify/JCZ-2026-0000123-6?t=${token}`, {
      allowedOrigins: ['https://sunlight.example.org'],
    });
    expect(r).toMatchObject({ ok: false, reason: 'foreign_origin' });
  });
});
