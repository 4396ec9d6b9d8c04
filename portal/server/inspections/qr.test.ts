import { describe, expect, it } from 'vitest';
import { SVG_PIXELS_PER_MODULE, qrSvg } from './qr';

describe('the QR code SVG', () => {
  const url = `https://sunlight.example.gov.cn/verify/JCZ-2026-0004321-5?t=${'a'.repeat(300)}`;

  it('carries a width and height of whole pixels per module besides its viewBox', async () => {
    const svg = await qrSvg(url, '电子检查证二维码', SVG_PIXELS_PER_MODULE);
    const modules = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
    expect(modules).toBeGreaterThan(40);
    const size = modules * SVG_PIXELS_PER_MODULE;
    expect(svg).toMatch(new RegExp(`^<svg[^>]* width="${size}" height="${size}" role="img"`));
    expect(size).toBeGreaterThanOrEqual(400);
  });

  it('inline on a page leaves the size to CSS', async () => {
    const svg = await qrSvg(url);
    expect(svg).not.toMatch(/^<svg[^>]* width=/);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  });
});
