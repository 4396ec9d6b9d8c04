import { searchableText } from './searchable';
import { runs } from './tokenize';
import type { SearchDoc } from './types';

/**
 * Chinese matching for Meilisearch, made to agree with the embedded engine. Meilisearch segments Chinese
 * into dictionary words and matches whole words (prefix only on the last query word), so 处理 is not found
 * inside 待处理. Each document therefore carries one more searchable field: the distinct character bigrams
 * of its text, space-separated, and a query is sent as its own bigrams. Both sides hand Meilisearch the same
 * isolated two-character pieces, so they are segmented alike and a query matches wherever its characters
 * stand, as in the embedded engine.
 */

/** Meilisearch reads only the first 10 words of a query. */
export const MEILI_QUERY_WORDS = 10;

function hanBigrams(text: string, into: Set<string>): void {
  for (const run of runs(text)) {
    if (!run.han) continue;
    const chars = [...run.text];
    for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i]! + chars[i + 1]!);
  }
}

/**
 * The bigram field of a document. A synonym is expanded here rather than at query time: a document whose
 * text holds every bigram of 生态环境局 also carries those of 环保局 (Meilisearch's own synonyms fire only on
 * whole query words, and never for keys of four or more words).
 */
export function bigramField(doc: SearchDoc, synonyms: Record<string, string[]>): string {
  const grams = new Set<string>();
  hanBigrams(searchableText(doc), grams);
  for (const { key, alternatives } of synonymGrams(synonyms))
    if (alternatives.some((need) => need.length > 0 && need.every((g) => grams.has(g))))
      for (const g of key) grams.add(g);
  return [...grams].join(' ');
}

const gramsOf = (text: string) => {
  const out = new Set<string>();
  hanBigrams(text, out);
  return [...out];
};
const synonymCache = new WeakMap<Record<string, string[]>, { key: string[]; alternatives: string[][] }[]>();
function synonymGrams(synonyms: Record<string, string[]>) {
  let out = synonymCache.get(synonyms);
  if (!out) {
    out = Object.entries(synonyms).map(([key, alts]) => ({ key: gramsOf(key), alternatives: alts.map(gramsOf) }));
    synonymCache.set(synonyms, out);
  }
  return out;
}

/**
 * The words sent to Meilisearch for a query: each Han run as its overlapping bigrams (a single character
 * as itself), other runs as they are. Past 10 words the overlapping bigrams give way to a non-overlapping
 * cover of each run (every character still required, their adjacency inside the run no longer), and
 * anything beyond 10 words is dropped, as Meilisearch would drop it.
 */
export function bigramQuery(q: string): string {
  const parts = runs(q);
  const words = (overlapping: boolean) => {
    const out = new Set<string>();
    for (const run of parts) {
      const chars = [...run.text];
      if (!run.han || chars.length === 1) {
        out.add(run.text);
        continue;
      }
      const step = overlapping ? 1 : 2;
      for (let i = 0; i + 1 < chars.length; i += step) out.add(chars[i]! + chars[i + 1]!);
      if (!overlapping && chars.length % 2 === 1) out.add(chars[chars.length - 2]! + chars[chars.length - 1]!);
    }
    return [...out];
  };
  const all = words(true);
  return (all.length <= MEILI_QUERY_WORDS ? all : words(false).slice(0, MEILI_QUERY_WORDS)).join(' ');
}
