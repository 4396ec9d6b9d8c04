import QRCode from 'qrcode';

/**
 * QR codes with the `qrcode` package (npm, MIT, the usual choice: pure JavaScript, SVG and PNG
 * without native dependencies). Error correction level M (15 %) keeps a ~330-character verify URL at
 * version 10–11, readable by phone cameras from a printed A6 card.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/**
 * An SVG document; `title` becomes its accessible name. With `pixelsPerModule`, the SVG also carries a
 * width and height of that many pixels per module (margin included), so a viewer or decoder that renders
 * it at its native size gets whole-pixel modules (a bare viewBox renders at one pixel per module, too small
 * to decode). Inline on a page the size is left to the page's CSS.
 */
export async function qrSvg(text: string, title = '电子检查证二维码', pixelsPerModule?: number): Promise<string> {
  const svg = await QRCode.toString(text, { ...OPTIONS, type: 'svg', color: { dark: '#000000', light: '#ffffff' } });
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const modules = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1] ?? 0);
  const size =
    pixelsPerModule && modules ? ` width="${modules * pixelsPerModule}" height="${modules * pixelsPerModule}"` : '';
  return svg.replace(/<svg([^>]*)>/, `<svg$1${size} role="img" aria-label="${escaped}"><title>${escaped}</title>`);
}

/** Pixels per module of the served SVG: a version-10 code (57 modules + margins) is 616 px, like the PNG. */
export const SVG_PIXELS_PER_MODULE = 8;

export async function qrPng(text: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width });
}
