/**
 * Removes what a photo says besides its pixels: a JPEG's APP1–APP15 segments (EXIF with GPS position and
 * camera serial, XMP, IPTC) and comments; a PNG's text, time and EXIF chunks. Anything that is not a
 * well-formed JPEG or PNG is refused rather than passed on.
 */
export type ImageType = 'image/jpeg' | 'image/png';

export type Stripped = { ok: true; type: ImageType; bytes: Uint8Array } | { ok: false; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Chunks a PNG needs to draw; everything else (tEXt, zTXt, iTXt, eXIf, tIME …) is dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs']);

export function stripImageMetadata(input: Uint8Array): Stripped {
  if (input[0] === 0xff && input[1] === 0xd8) return stripJpeg(input);
  if (PNG_SIGNATURE.every((b, i) => input[i] === b)) return stripPng(input);
  return { ok: false, message: '照片应为 JPEG 或 PNG 图片' };
}

function stripJpeg(input: Uint8Array): Stripped {
  const out: Uint8Array[] = [input.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= input.length) {
    if (input[pos] !== 0xff) return { ok: false, message: 'JPEG 图片已损坏' };
    const marker = input[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xda) {
      // Start of scan: the compressed image and the end marker follow; keep the rest as it is.
      out.push(input.subarray(pos));
      return { ok: true, type: 'image/jpeg', bytes: concat(out) };
    }
    if (marker === 0xd9) break;
    const length = (input[pos + 2]! << 8) | input[pos + 3]!;
    if (length < 2 || pos + 2 + length > input.length) return { ok: false, message: 'JPEG 图片已损坏' };
    const drop = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!drop) out.push(input.subarray(pos, pos + 2 + length));
    pos += 2 + length;
  }
  return { ok: false, message: 'JPEG 图片不完整' };
}

function stripPng(input: Uint8Array): Stripped {
  const out: Uint8Array[] = [input.subarray(0, 8)];
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let pos = 8;
  while (pos + 12 <= input.length) {
    const length = view.getUint32(pos);
    const end = pos + 12 + length;
    if (end > input.length) return { ok: false, message: 'PNG 图片已损坏' };
    const type = String.fromCharCode(...input.subarray(pos + 4, pos + 8));
    if (PNG_KEEP.has(type)) out.push(input.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return { ok: true, type: 'image/png', bytes: concat(out) };
  }
  return { ok: false, message: 'PNG 图片不完整' };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
