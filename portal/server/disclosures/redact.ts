import { findNameSpans, maskPersonName, type NameContext } from './redact-names';
import { findNumberSpans } from './redact-numbers';

export { maskPersonName };

/**
 * The one redaction pipeline for every public text (record fields, correction notes, withdrawal reasons;
 * search, exports, snapshots, feeds and tombstones only ever read what it produced).
 *
 * 1. Normalise for detection: full-width → ASCII, separators inside digit runs ignored, 0086/+86 stripped.
 * 2. Detect with context: number shapes with or without a valid check digit, labels (身份证、电话、微信、
 *    邮箱、护照、住址/居住在/住/地址), known persons' names in any fragment or spacing, names after role
 *    words and before tell-tale verbs, surname lists with two-character surnames.
 * 3. Mask: 姓+某 for names, numbers and addresses replaced by a bracketed note.
 * 4. What it cannot decide is a doubt: the record is held for review, never published by default.
 */
export interface RedactionContext {
  /** Full names known to be natural persons: the party (if a person), legal representatives, operators. */
  personNames: readonly string[];
  /** Organisation names to keep untouched (company and authority names). */
  protect?: readonly string[];
}

export interface Redaction {
  text: string;
  /** Why the result may still hold personal data; non-empty means "hold for review". */
  doubts: string[];
}

/**
 * `keepDoubtful`: a reviewer has read this text and vouched for what the redactor doubted, so doubtful
 * spans stay as written; everything the redactor is sure about is still masked.
 */
export function redact(text: string, ctx: RedactionContext, keepDoubtful = false): Redaction {
  const nameCtx: NameContext = { personNames: ctx.personNames, protect: ctx.protect ?? [] };
  const found = [...findNumberSpans(text), ...findNameSpans(text, nameCtx)];
  const spans = (keepDoubtful ? found.filter((s) => !s.doubt) : found).sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const doubts: string[] = [];
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.doubt && !doubts.includes(s.doubt)) doubts.push(s.doubt);
    if (s.start < pos) {
      // Overlaps the previous mask: widen it rather than leave part of this one visible.
      pos = Math.max(pos, s.end);
      continue;
    }
    out += text.slice(pos, s.start) + s.replacement;
    pos = s.end;
  }
  out += text.slice(pos);
  return { text: out, doubts };
}

/** The redacted text alone, for callers that publish regardless (doubts are handled by the record's review). */
export function redactText(text: string, ctx: RedactionContext): string {
  return redact(text, ctx).text;
}
