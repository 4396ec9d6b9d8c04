import { decodeQR } from 'qr/decode.js';

/** RGBA pixels, as a canvas's getImageData returns them. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/**
 * Finds and reads one QR code in an image; undefined when there is none or it cannot be read.
 * Never throws: a blurry frame or a picture of a cat is simply "nothing yet".
 * Decoder: `qr` (paulmillr, MIT/Apache-2.0, maintained, no dependencies).
 */
export function decodeQrPixels(img: Pixels, effort = 1): string | undefined {
  if (!img.width || !img.height || img.data.length < img.width * img.height * 4) return undefined;
  try {
    const text = decodeQR({ width: img.width, height: img.height, data: img.data }, { format: 'RGBA', effort });
    return typeof text === 'string' && text ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Largest side used for decoding camera frames and photos (enough for a QR filling part of the view). */
export const MAX_DECODE_SIDE = 800;

export function fitWithin(width: number, height: number, max = MAX_DECODE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
