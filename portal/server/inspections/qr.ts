import QRCode from 'qrcode';

/**
 * QR codes with the `qrcode` package (npm, MIT, the usual choice: pure JavaScript, SVG and PNG
 * without native dependencies). Error correction level M (15 %) keeps a ~330-character verify URL at
 * version 10–11, readable by phone cameras from a printed A6 card.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** An SVG document; `title` becomes its accessible name. */
export async function qrSvg(text: string, title = '电子检查证二维码'): Promise<string> {
  const svg = await QRCode.toString(text, { ...OPTIONS, type: 'svg', color: { dark: '#000000', light: '#ffffff' } });
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return svg.replace(/<svg([^>]*)>/, `<svg$1 role="img" aria-label="${escaped}"><title>${escaped}</title>`);
}

export async function qrPng(text: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width });
}
