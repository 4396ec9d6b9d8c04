/** Result of a single-value check: `ok`, or a machine-readable reason plus a Chinese message. */
export type CheckResult<Reason extends string, Extra extends object = object> =
  ({ ok: true } & Extra) | { ok: false; reason: Reason; message: string };

/** A match of a sensitive value inside free text; `start`/`end` are UTF-16 offsets into the original text. */
export interface TextMatch {
  start: number;
  end: number;
  value: string;
}

/**
 * Maps full-width digits, letters and spaces to ASCII one code unit for one code unit,
 * so offsets found in the result are valid offsets in the original text.
 */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Runs a global regex over `text`, retrying one character later after a rejected candidate so overlapping candidates are not missed. */
export function scan(text: string, pattern: RegExp, accept: (match: RegExpExecArray) => string | null): TextMatch[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  const found: TextMatch[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const value = accept(m);
    if (value !== null) {
      found.push({ start: m.index, end: m.index + m[0].length, value });
    } else {
      re.lastIndex = m.index + 1;
    }
  }
  return found;
}
