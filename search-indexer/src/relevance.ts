/**
 * Query-side relevance rules both engines share: how strongly a query names an agency, and the
 * one-character corrections tried when a query finds nothing (“您是不是要找：…”).
 */

const HAN = /^\p{Script=Han}$/u;

/**
 * 2 when the query names this agency (its full name, its short name, or the end of its full name, as
 * in 市场监督管理局 for 示例市滨江新区市场监督管理局); 1 when either name contains the query or one of
 * its synonyms; 0 otherwise.
 */
export function agencyTier(q: string, name: string, shortName: string, synonyms: readonly string[] = []): 0 | 1 | 2 {
  const t = q.replace(/\s+/g, '').toLowerCase();
  if ([...t].length < 2) return 0;
  if (t === name || t === shortName || ([...t].length >= 3 && name.endsWith(t))) return 2;
  for (const s of [t, ...synonyms]) if (name.includes(s) || shortName.includes(s)) return 1;
  return 0;
}

/** Which Han characters follow and precede a character somewhere in the index (its bigram vocabulary). */
export interface BigramVocabulary {
  after(ch: string): Iterable<string> | undefined;
  before(ch: string): Iterable<string> | undefined;
}

/** The character the redactor puts in place of a natural person's given name. */
const MASK = '某';

/** Queries longer than this are not corrected: a long query with no match is rarely one typo. */
export const MAX_CORRECTED_LENGTH = 16;
/** At most this many candidate corrections are tried per query. */
export const MAX_CORRECTIONS = 300;

/**
 * Every query that differs from `q` in one Han character (in a run of at least two) and whose bigrams
 * around the changed character all occur in the index — 万家龙 → 万家隆, 消仿 → 消防.
 */
export function correctionCandidates(q: string, vocabulary: BigramVocabulary): string[] {
  const chars = [...q];
  if (!chars.length || chars.length > MAX_CORRECTED_LENGTH) return [];
  const out: string[] = [];
  for (let i = 0; i < chars.length && out.length < MAX_CORRECTIONS; i++) {
    const prev = i > 0 && HAN.test(chars[i - 1]!) ? chars[i - 1]! : undefined;
    const next = i + 1 < chars.length && HAN.test(chars[i + 1]!) ? chars[i + 1]! : undefined;
    if (!HAN.test(chars[i]!) || (!prev && !next)) continue;
    const fits = new Set(prev ? vocabulary.after(prev) : vocabulary.before(next!));
    if (prev && next) {
      const ok = new Set(vocabulary.before(next));
      for (const c of fits) if (!ok.has(c)) fits.delete(c);
    }
    fits.delete(chars[i]!);
    // 某 stands for a masked name (王某): a correction towards it would find a record by a real name.
    fits.delete(MASK);
    for (const c of fits) {
      if (out.length >= MAX_CORRECTIONS) break;
      out.push([...chars.slice(0, i), c, ...chars.slice(i + 1)].join(''));
    }
  }
  return out;
}
