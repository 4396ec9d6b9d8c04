import fs from 'node:fs';
import encodeQR from 'qr';

/**
 * Writes a YUV4MPEG2 (y4m) video showing one QR code, for Chromium's fake camera
 * (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>`): the end-to-end
 * test scans a real certificate's QR code through getUserMedia exactly as a phone camera would.
 */
export function writeQrY4m(
  file: string,
  text: string,
  opts: { width?: number; height?: number; frames?: number } = {},
) {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const frames = opts.frames ?? 10;
  const grid = encodeQR(text, 'raw', { ecc: 'medium' });
  const quiet = 4;
  const modules = grid.length + quiet * 2;
  const scale = Math.floor((Math.min(width, height) * 0.92) / modules);
  if (scale < 2) throw new Error(`QR code of ${grid.length} modules does not fit a ${width}x${height} frame`);
  const x0 = Math.floor((width - modules * scale) / 2) + quiet * scale;
  const y0 = Math.floor((height - modules * scale) / 2) + quiet * scale;
  const luma = Buffer.alloc(width * height, 235); // video white
  grid.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        luma.fill(
          16,
          (y0 + y * scale + dy) * width + x0 + x * scale,
          (y0 + y * scale + dy) * width + x0 + (x + 1) * scale,
        );
    }),
  );
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** The same QR code as a GIF picture, for 从相册选择. */
export function qrGif(text: string): Buffer {
  return Buffer.from(encodeQR(text, 'gif', { scale: 6, ecc: 'medium' }));
}
