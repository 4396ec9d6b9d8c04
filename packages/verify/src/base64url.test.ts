import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from './base64url';

describe('base64url and UTF-8 without platform APIs', () => {
  it('round-trips every length and agrees with Buffer', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = base64urlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64urlDecode(text)).toEqual(bytes);
    }
  });

  it('refuses padding, other alphabets and non-canonical forms', () => {
    expect(base64urlDecode('YQ==')).toBeUndefined();
    expect(base64urlDecode('a+b/')).toBeUndefined();
    expect(base64urlDecode('YR')).toBeUndefined(); // 'YQ' is the canonical form of "a"
    expect(base64urlDecode('Y')).toBeUndefined();
  });

  it('encodes and decodes Chinese and astral characters like TextEncoder', () => {
    for (const s of ['电子检查证', 'a😀b', '']) {
      expect(utf8Encode(s)).toEqual(new TextEncoder().encode(s));
      expect(utf8Decode(new TextEncoder().encode(s))).toBe(s);
    }
    expect(utf8Decode(Uint8Array.from([0xc0, 0x80]))).toBeUndefined();
    expect(utf8Decode(Uint8Array.from([0xe7, 0x94]))).toBeUndefined();
  });
});
