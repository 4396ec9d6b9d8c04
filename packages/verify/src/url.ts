import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';

/**
 * The QR code on an electronic inspection certificate encodes
 * `https://<site>/verify/<certificateNo>?t=<jws>`: any phone camera opens the portal, and the
 * mini-program parses the same text. Parsing here uses no `URL` (missing in some mini-program runtimes).
 */
export interface ScannedCertificate {
  certificateNo: string;
  /** The signed token, when the text carried one. */
  token?: string;
  /** `https://host[:port]` of the site that issued it, when the text was a URL. */
  origin?: string;
}

export type ParseScanResult =
  | ({ ok: true } & ScannedCertificate)
  | { ok: false; reason: 'empty' | 'not_a_certificate' | 'bad_number' | 'foreign_origin'; message: string };

export interface ParseScanOptions {
  /** Only URLs of these origins are accepted (e.g. the deployment's site URL); others are `foreign_origin`. */
  allowedOrigins?: readonly string[];
}

const URL_RE = /^(https?:\/\/[^/?#\s]+)(\/[^?#\s]*)?(\?[^#\s]*)?(#\S*)?$/i;

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (key === name) return decode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return undefined;
}

const normaliseOrigin = (o: string) => o.replace(/\/+$/, '').toLowerCase();

/**
 * Reads what a scanner returned: a verify URL (with or without token), or a certificate number typed
 * or scanned on its own. The number is checked (format and Luhn check digit) before any lookup.
 */
export function parseScan(text: string, options: ParseScanOptions = {}): ParseScanResult {
  const input = (text ?? '').trim();
  if (!input) return { ok: false, reason: 'empty', message: '请扫描检查证二维码，或输入检查证编号' };
  const m = URL_RE.exec(input);
  if (!m) {
    const no = checkCertificateNo(input);
    if (no.ok) return { ok: true, certificateNo: no.normalised };
    return /JCZ/i.test(input)
      ? { ok: false, reason: 'bad_number', message: no.message }
      : { ok: false, reason: 'not_a_certificate', message: '这不是电子检查证的二维码或编号' };
  }
  const origin = normaliseOrigin(m[1]!);
  if (options.allowedOrigins && !options.allowedOrigins.map(normaliseOrigin).includes(origin)) {
    return { ok: false, reason: 'foreign_origin', message: `二维码指向 ${origin}，不是本系统的核验地址，请谨慎` };
  }
  const path = (m[2] ?? '').replace(/\/+$/, '');
  const segs = path.split('/');
  const at = segs.lastIndexOf('verify');
  const raw = at >= 0 && at === segs.length - 2 ? decode(segs[at + 1]!) : undefined;
  if (raw === undefined) return { ok: false, reason: 'not_a_certificate', message: '这不是电子检查证的核验地址' };
  const no = checkCertificateNo(raw);
  if (!no.ok) return { ok: false, reason: 'bad_number', message: no.message };
  const token = m[3] ? queryParam(m[3], 't') : undefined;
  return { ok: true, certificateNo: no.normalised, origin, ...(token ? { token } : {}) };
}

/** The URL a certificate's QR code encodes. */
export function buildVerifyUrl(siteUrl: string, certificateNo: string, token?: string): string {
  const base = `${siteUrl.replace(/\/+$/, '')}/verify/${certificateNo}`;
  return token ? `${base}?t=${token}` : base;
}
