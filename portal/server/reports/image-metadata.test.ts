import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stripImageMetadata } from './image-metadata';

const seg = (marker: number, payload: string | Uint8Array) => {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : Buffer.from(payload);
  return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
};
/** A JPEG as a phone writes it: JFIF, EXIF with a GPS position and the camera's serial, XMP, a comment. */
const phoneJpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    seg(0xe1, 'Exif\0\0MM\0*GPSLatitude=31.2304N GPSLongitude=121.4737E BodySerialNumber=CAM-998877'),
    seg(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>张三的手机</x:xmpmeta>'),
    seg(0xfe, 'shot by 13912345678'),
    seg(0xdb, new Uint8Array(65).fill(1)),
    seg(0xc0, new Uint8Array([8, 0, 16, 0, 32, 1, 1, 0x11, 0])),
    seg(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0xff, 0x00, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);

const chunk = (type: string, data: Uint8Array) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([head, typed, crc]);
};
const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const phonePng = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Author\0Zhang San 13912345678', 'latin1')),
    chunk('eXIf', Buffer.from('MM\0*GPS 31.23N 121.47E', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', new Uint8Array()),
  ]);

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('photo metadata', () => {
  it('a JPEG loses EXIF (GPS, camera serial), XMP and comments and keeps its frame and scan', () => {
    const r = stripImageMetadata(phoneJpeg());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.type).toBe('image/jpeg');
    const out = text(r.bytes);
    for (const secret of ['Exif', 'GPS', 'CAM-998877', 'xmpmeta', '13912345678']) expect(out).not.toContain(secret);
    expect(out).toContain('JFIF');
    // Frame header (16×32 px) and the compressed data up to the end marker survive byte for byte.
    expect(Buffer.from(r.bytes).indexOf(Buffer.from([0xff, 0xc0, 0, 11, 8, 0, 16, 0, 32]))).toBeGreaterThan(0);
    expect([...r.bytes.subarray(-8)]).toEqual([0x12, 0x34, 0x56, 0xff, 0x00, 0x78, 0xff, 0xd9]);
  });

  it('a PNG loses text and EXIF chunks and stays a valid PNG (every chunk CRC intact)', () => {
    const r = stripImageMetadata(phonePng());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.type).toBe('image/png');
    const out = Buffer.from(r.bytes);
    expect(text(out)).not.toMatch(/Zhang|13912345678|GPS/);
    const types: string[] = [];
    for (let pos = 8; pos < out.length;) {
      const length = out.readUInt32BE(pos);
      const typed = out.subarray(pos + 4, pos + 8 + length);
      expect(out.readUInt32BE(pos + 8 + length)).toBe(crc32(typed));
      types.push(typed.subarray(0, 4).toString('latin1'));
      pos += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('anything else, or a cut-off image, is refused rather than stored', () => {
    expect(stripImageMetadata(Buffer.from('<svg onload="alert(1)"/>'))).toMatchObject({ ok: false });
    expect(stripImageMetadata(Buffer.from('GIF89a……'))).toMatchObject({ ok: false });
    expect(stripImageMetadata(phoneJpeg().subarray(0, 40))).toMatchObject({ ok: false });
    expect(stripImageMetadata(phonePng().subarray(0, 60))).toMatchObject({ ok: false });
  });
});
