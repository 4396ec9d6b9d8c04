import { isAsciiDigit, scan, toHalfWidth, type CheckResult, type TextMatch } from './text';

export type PhoneKind = 'mobile' | 'landline' | 'service';

export const PHONE_DESCRIPTION =
  '电话号码应为11位手机号（1开头，第二位为3–9，可带+86，可写作3-4-4分段），或带区号的固定电话（如022-12345678，区号以0开头共3–4位，号码7–8位，可加“转”或“-”分机号），或12345等政务服务热线、400/800客服号';

export type PhoneResult = CheckResult<'format', { kind: PhoneKind; normalised: string }>;

const MOBILE = /^(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})$/;
const LANDLINE =
  /^(?:\+?86[ -]?)?(?:\((0\d{2,3})\)|（(0\d{2,3})）|(0\d{2,3}))[ -]?([2-9]\d{6,7})(?:(?:-|转|ext\.?|EXT\.?|分机)(\d{1,6}))?$/;
const SERVICE = /^(?:(12\d{3})|([48]00)[ -]?(\d{3})[ -]?(\d{4}))$/;

/** Validates a public or personal phone number and returns its kind and a normalised form. */
export function checkPhone(value: string): PhoneResult {
  const v = toHalfWidth(value).trim();
  const mobile = MOBILE.exec(v);
  if (mobile) return { ok: true, kind: 'mobile', normalised: `${mobile[1]}${mobile[2]}${mobile[3]}` };
  const landline = LANDLINE.exec(v);
  if (landline) {
    const area = landline[1] ?? landline[2] ?? landline[3] ?? '';
    const local = landline[4] ?? '';
    const ext = landline[5];
    if (!validLandlineLength(area, local)) {
      return { ok: false, reason: 'format', message: `${PHONE_DESCRIPTION}；区号${area}后的号码位数不对` };
    }
    return { ok: true, kind: 'landline', normalised: `${area}-${local}${ext ? `-${ext}` : ''}` };
  }
  const service = SERVICE.exec(v);
  if (service) {
    return { ok: true, kind: 'service', normalised: service[1] ?? `${service[2]}-${service[3]}-${service[4]}` };
  }
  return { ok: false, reason: 'format', message: `${PHONE_DESCRIPTION}；当前为“${value}”` };
}

/** Three-digit area codes (010, 02x) take 8-digit numbers; four-digit area codes take 7 or 8. */
function validLandlineLength(area: string, local: string): boolean {
  return area.length === 3 ? local.length === 8 : local.length === 7 || local.length === 8;
}

export interface PhoneMatch extends TextMatch {
  kind: 'mobile' | 'landline';
}

const MOBILE_IN_TEXT = /(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}/g;
const LANDLINE_IN_TEXT = /(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[ -]?[2-9]\d{6,7}/g;

/** Finds mobile numbers and landlines with an area code inside free text (for redaction). */
export function findPhones(text: string): PhoneMatch[] {
  const t = toHalfWidth(text);
  const bounded = (m: RegExpExecArray) => !isAsciiDigit(t[m.index - 1]) && !isAsciiDigit(t[m.index + m[0].length]);
  const mobiles = scan(t, MOBILE_IN_TEXT, (m) => {
    if (!bounded(m)) return null;
    const r = checkPhone(m[0]);
    return r.ok && r.kind === 'mobile' ? r.normalised : null;
  }).map((x): PhoneMatch => ({ ...x, kind: 'mobile' }));
  const landlines = scan(t, LANDLINE_IN_TEXT, (m) => {
    if (!bounded(m)) return null;
    if (mobiles.some((x) => x.start < m.index + m[0].length && m.index < x.end)) return null;
    const r = checkPhone(m[0]);
    return r.ok && r.kind === 'landline' ? r.normalised : null;
  }).map((x): PhoneMatch => ({ ...x, kind: 'landline' }));
  return [...mobiles, ...landlines].sort((a, b) => a.start - b.start);
}
