import { parseScan } from '@sunlight/verify/url';

/**
 * What the app does with the text a scanner (camera, album image, WeChat scanCode) or a person
 * returned. Never throws: anything that is not one of our certificates is a message to show.
 */
export type ScanOutcome =
  | { kind: 'certificate'; certificateNo: string; token?: string; origin?: string }
  | { kind: 'rejected'; reason: 'empty' | 'not_ours' | 'bad_number' | 'foreign_site'; message: string };

const MAX_SCAN_LENGTH = 8192;

/** A short, printable excerpt of what was scanned, to show with the message. */
export function excerpt(text: string, max = 60): string {
  const clean = String(text ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function interpretScan(raw: unknown, siteOrigins: readonly string[]): ScanOutcome {
  if (typeof raw !== 'string') {
    return { kind: 'rejected', reason: 'empty', message: '没有读到二维码内容，请重新扫描' };
  }
  if (raw.length > MAX_SCAN_LENGTH) {
    return { kind: 'rejected', reason: 'not_ours', message: '这个二维码不是电子检查证：内容过长' };
  }
  let r: ReturnType<typeof parseScan>;
  try {
    r = parseScan(raw, { allowedOrigins: siteOrigins });
  } catch {
    return { kind: 'rejected', reason: 'not_ours', message: '这个二维码不是电子检查证，无法识别' };
  }
  if (r.ok) {
    return {
      kind: 'certificate',
      certificateNo: r.certificateNo,
      ...(r.token ? { token: r.token } : {}),
      ...(r.origin ? { origin: r.origin } : {}),
    };
  }
  switch (r.reason) {
    case 'empty':
      return { kind: 'rejected', reason: 'empty', message: r.message };
    case 'bad_number':
      return { kind: 'rejected', reason: 'bad_number', message: r.message };
    case 'foreign_origin':
      return {
        kind: 'rejected',
        reason: 'foreign_site',
        message: `这个二维码不是本系统签发的电子检查证（指向 ${excerpt(r.message.replace(/^二维码指向\s*/, '').split('，')[0] ?? '', 80)}）。请勿按其中的网址操作；如对方自称执法人员，可拒绝检查并拨打 12345。`,
      };
    default:
      return {
        kind: 'rejected',
        reason: 'not_ours',
        message: `这不是电子检查证的二维码（内容：“${excerpt(raw)}”）。请扫描检查人员出示的电子检查证二维码。`,
      };
  }
}
