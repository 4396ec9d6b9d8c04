/**
 * Chinese-aware tokenizer shared by indexing and querying. Han text is indexed as overlapping
 * character bigrams (the CJK approach Lucene's CJKAnalyzer takes): every two-character term —
 * 餐饮, 消防, 市监 — is found wherever it occurs, independent of how a dictionary would segment the
 * sentence. Latin letters and digits form whole tokens (codes, years, serial numbers).
 */

const HAN = /\p{Script=Han}/u;
const ALNUM = /[\p{L}\p{N}]/u;

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export interface Run {
  text: string;
  han: boolean;
}

/** Splits text into runs of Han characters and runs of other letters/digits; everything else separates. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  let current = '';
  let han = false;
  const flush = () => {
    if (current) out.push({ text: current, han });
    current = '';
  };
  for (const ch of normalise(text)) {
    const isHan = HAN.test(ch);
    if (isHan || ALNUM.test(ch)) {
      if (current && isHan !== han) flush();
      han = isHan;
      current += ch;
    } else flush();
  }
  flush();
  return out;
}

/** Index tokens of a text: bigrams of Han runs (unigrams too when `unigrams`), whole alnum runs. */
export function indexTokens(text: string, unigrams: boolean): string[] {
  const out: string[] = [];
  for (const run of runs(text)) {
    if (!run.han) {
      out.push(run.text);
      continue;
    }
    const chars = [...run.text];
    if (unigrams || chars.length === 1) for (const c of chars) out.push(c);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/**
 * Query terms: each whitespace-separated term becomes the tokens that must all occur.
 * A single Han character is looked up as a unigram (indexed for short fields only).
 */
export function queryTokens(q: string): string[] {
  const out = new Set<string>();
  for (const run of runs(q)) {
    if (!run.han) {
      out.add(run.text);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/** The literal strings to mark in highlights: each Han run and alnum run of the query. */
export function highlightNeedles(q: string): string[] {
  return [...new Set(runs(q).map((r) => r.text))].sort((a, b) => b.length - a.length);
}

/** A full credit code or decision number typed as the whole query, normalised for exact lookup. */
export function exactKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\[【［(（]/g, '〔')
    .replace(/[\]】］)）]/g, '〕')
    .toUpperCase();
}
