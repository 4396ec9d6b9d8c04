import type { Highlight } from '../types';
import { highlightNeedles, normalise } from '../tokenize';

/**
 * Marks every occurrence of the query's runs in text. Long text is cropped to a window around
 * the first match so result lists stay short.
 */
export function highlight(text: string, q: string, crop?: number): Highlight | undefined {
  const needles = highlightNeedles(q);
  if (!needles.length || !text) return undefined;
  const lower = normalise(text);
  // NFKC may change lengths (full-width forms); fall back to no highlight rather than misalign.
  if (lower.length !== text.length) return undefined;
  const marks: [number, number][] = [];
  for (const needle of needles) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      marks.push([at, at + needle.length]);
      from = at + needle.length;
    }
  }
  if (!marks.length) return undefined;
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else merged.push([m[0], m[1]]);
  }
  let start = 0;
  let end = text.length;
  if (crop && text.length > crop) {
    start = Math.max(0, merged[0]![0] - Math.floor(crop / 3));
    end = Math.min(text.length, start + crop);
  }
  const out: Highlight = [];
  if (start > 0) out.push({ text: '…', match: false });
  let pos = start;
  for (const [a, b] of merged) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (s > pos) out.push({ text: text.slice(pos, s), match: false });
    out.push({ text: text.slice(s, e), match: true });
    pos = e;
  }
  if (pos < end) out.push({ text: text.slice(pos, end), match: false });
  if (end < text.length) out.push({ text: '…', match: false });
  return out;
}
