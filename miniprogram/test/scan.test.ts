import encodeQR from 'qr';
import { describe, expect, it } from 'vitest';
import { decodeQrPixels, fitWithin } from '../src/lib/qr-image';
import { interpretScan, launchLink, looksLikeLink } from '../src/lib/scan';
import { NO } from './helpers';

const SITE = 'https://sunlight.example.gov.cn';
const ORIGINS = [SITE];
const TOKEN = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJKQ1oifQ.c2ln';

/** Renders a QR code to RGBA pixels the way a camera frame or photo arrives (with a quiet zone). */
function qrPixels(text: string, scale = 4, margin = 4) {
  const grid = encodeQR(text, 'raw');
  const n = grid.length + margin * 2;
  const size = n * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  grid.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * size + (x + margin) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }),
  );
  return { width: size, height: size, data };
}

describe('interpretScan: what a scanned text means', () => {
  it('reads a verify URL with its token', () => {
    expect(interpretScan(`${SITE}/verify/${NO}?t=${TOKEN}`, ORIGINS)).toEqual({
      kind: 'certificate',
      certificateNo: NO,
      token: TOKEN,
      origin: SITE,
    });
  });

  it('reads a verify URL without token and a bare number (any spelling)', () => {
    expect(interpretScan(`${SITE}/verify/${NO}`, ORIGINS)).toMatchObject({ kind: 'certificate', certificateNo: NO });
    expect(interpretScan(`  ${NO.toLowerCase().replace(/-/g, '')} `, ORIGINS)).toEqual({
      kind: 'certificate',
      certificateNo: NO,
    });
    const fullWidth = NO.replace(/[A-Z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(interpretScan(fullWidth, ORIGINS)).toMatchObject({ kind: 'certificate', certificateNo: NO });
  });

  it('accepts the origin case-insensitively and with a trailing slash in the configuration', () => {
    expect(interpretScan(`HTTPS://SUNLIGHT.example.gov.cn/verify/${NO}?t=${TOKEN}`, [`${SITE}/`])).toMatchObject({
      kind: 'certificate',
    });
  });

  it('refuses a number whose check digit is wrong, saying so', () => {
    const bad = NO.slice(0, -1) + String((Number(NO.slice(-1)) + 1) % 10);
    const r = interpretScan(bad, ORIGINS);
    expect(r).toMatchObject({ kind: 'rejected', reason: 'bad_number' });
    expect(r.kind === 'rejected' && r.message).toContain('校验位');
  });

  it('refuses a verify URL of another site, with a warning not to follow it', () => {
    const r = interpretScan(`https://evil.example.com/verify/${NO}?t=${TOKEN}`, ORIGINS);
    expect(r).toMatchObject({ kind: 'rejected', reason: 'foreign_site' });
    expect(r.kind === 'rejected' && r.message).toContain('evil.example.com');
  });

  it.each([
    ['a web page', 'https://www.example.com/'],
    ['a payment code', 'wxp://f2f0abcdefghijklmnop'],
    ['plain text', '欢迎光临本店'],
    ['a vCard', 'BEGIN:VCARD\nVERSION:3.0\nFN:张三\nEND:VCARD'],
    ['our site but another page', `${SITE}/disclosures/cf-market-2025-00041`],
    ['control characters', '\u0000\u0001\u0002'],
    ['a broken escape', `${SITE}/verify/%E0%A4%A?t=x`],
  ])('refuses %s as "not ours" without throwing', (_what, text) => {
    const r = interpretScan(text, ORIGINS);
    expect(r.kind).toBe('rejected');
    expect(r.kind === 'rejected' && r.message.length).toBeGreaterThan(5);
  });

  it('handles empty, huge and non-string input', () => {
    expect(interpretScan('', ORIGINS)).toMatchObject({ kind: 'rejected', reason: 'empty' });
    expect(interpretScan(undefined, ORIGINS)).toMatchObject({ kind: 'rejected', reason: 'empty' });
    expect(interpretScan({ result: 'x' }, ORIGINS)).toMatchObject({ kind: 'rejected' });
    expect(interpretScan('x'.repeat(100_000), ORIGINS)).toMatchObject({ kind: 'rejected', reason: 'not_ours' });
  });
});

describe('decodeQrPixels: camera frames and album photos', () => {
  it('reads a certificate QR code from pixels, end to end with interpretScan', () => {
    const url = `${SITE}/verify/${NO}?t=${TOKEN}`;
    const text = decodeQrPixels(qrPixels(url));
    expect(text).toBe(url);
    expect(interpretScan(text, ORIGINS)).toMatchObject({ kind: 'certificate', certificateNo: NO, token: TOKEN });
  });

  it('returns undefined for an image without a QR code, and for malformed input', () => {
    const blank = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(255) };
    expect(decodeQrPixels(blank)).toBeUndefined();
    const noise = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).map((_, i) => (i * 7919) % 256) };
    expect(decodeQrPixels(noise)).toBeUndefined();
    expect(decodeQrPixels({ width: 10, height: 10, data: new Uint8ClampedArray(4) })).toBeUndefined();
    expect(decodeQrPixels({ width: 0, height: 0, data: new Uint8ClampedArray(0) })).toBeUndefined();
  });

  it('scales large frames down to the decoding size', () => {
    expect(fitWithin(1920, 1080)).toEqual({ width: 800, height: 450 });
    expect(fitWithin(320, 240)).toEqual({ width: 320, height: 240 });
  });
});

describe('WeChat launch by its own scanner (扫普通链接二维码打开小程序)', () => {
  const link = `${SITE}/verify/${NO}?t=${TOKEN}`;

  it('decodes the link WeChat hands over in `q`, URL-encoded, and it verifies like a scan', () => {
    const got = launchLink({ q: encodeURIComponent(link), scancode_time: '1764990000' });
    expect(got).toBe(link);
    expect(interpretScan(got, ORIGINS)).toEqual({ kind: 'certificate', certificateNo: NO, token: TOKEN, origin: SITE });
  });

  it('is nothing for an ordinary launch, and keeps a `q` that is not percent-encoding', () => {
    expect(launchLink({})).toBeUndefined();
    expect(launchLink(undefined)).toBeUndefined();
    expect(launchLink({ q: '' })).toBeUndefined();
    expect(launchLink({ q: '%E0%A4%A' })).toBe('%E0%A4%A');
  });

  it('tells a pasted link from a typed number', () => {
    expect(looksLikeLink(` ${link}`)).toBe(true);
    expect(looksLikeLink('sunlight.example.gov.cn/verify/JCZ-2026-0004321-5')).toBe(true);
    expect(looksLikeLink(NO)).toBe(false);
  });
});
