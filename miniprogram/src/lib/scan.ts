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

/**
 * 扫普通链接二维码打开小程序: when WeChat's own camera (not the app) scans a verify link that the
 * mini-program's admin settings route to the app, the page opens with `q` = the link, URL-encoded
 * (and `scancode_time`). Returns the link, or undefined when the page was opened otherwise.
 */
export function launchLink(query: Record<string, unknown> | undefined): string | undefined {
  const q = query?.q;
  if (typeof q !== 'string' || !q) return undefined;
  try {
    return decodeURIComponent(q);
  } catch {
    return q;
  }
}

/** Text typed or pasted into the number field that is a link rather than a number. */
export const looksLikeLink = (text: string) => /^\s*https?:\/\//i.test(text) || /\/verify\//.test(text);
