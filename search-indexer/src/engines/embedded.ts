import { nextCursor, QueryError, startOffset } from '../cursor';
import { FACETS, QUERY_LIMITS, type Facet, type SearchQuery } from '../query';
import meiliSettings from '../../settings/meilisearch.json' with { type: 'json' };
import { decisionNoKey, decisionNoMatch, decisionNoParts } from '../decision-no';
import { agencyTier, correctionCandidates } from '../relevance';
import { exactKey, indexTokens, normalise, queryTokens } from '../tokenize';
import {
  HIGHLIGHT_FIELDS,
  type FacetCount,
  type IndexStats,
  type SearchDoc,
  type SearchEngine,
  type SearchHit,
  type SearchResult,
  type Suggestion,
} from '../types';
import { highlight } from './highlight';
import { WEIGHTED_FIELDS } from '../searchable';

class Posting {
  docs = new Int32Array(4);
  weights = new Uint8Array(4);
  n = 0;
  static of(entry: Posting | number): Posting {
    if (typeof entry !== 'number') return entry;
    const p = new Posting();
    p.push(Math.floor(entry / 256), entry % 256);
    return p;
  }
  push(doc: number, weight: number): void {
    if (this.n === this.docs.length) {
      // Long lists grow by a quarter, not double: at 10^6 documents doubling left a third of the postings'
      // memory unused, and every grown list leaves its old arrays as garbage until a full collection.
      const size = this.n < 1024 ? this.n * 2 : this.n + (this.n >> 2);
      const docs = new Int32Array(size);
      docs.set(this.docs);
      this.docs = docs;
      const weights = new Uint8Array(size);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.docs[this.n] = doc;
    this.weights[this.n] = weight;
    this.n++;
  }
  /** First position ≥ from whose doc ≥ target (galloping search over the sorted doc list). */
  seek(target: number, from: number): number {
    let step = 1;
    let hi = from;
    while (hi < this.n && this.docs[hi]! < target) {
      from = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, this.n);
    while (from < hi) {
      const mid = (from + hi) >>> 1;
      if (this.docs[mid]! < target) from = mid + 1;
      else hi = mid;
    }
    return from;
  }
}

class Dictionary {
  values: string[] = [];
  private codes = new Map<string, number>();
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
  lookup(value: string): number | undefined {
    return this.codes.get(value);
  }
}

const SINGLE_FACETS = ['type', 'agency', 'field', 'procedure', 'partyType', 'region', 'year', 'status'] as const;
type SingleFacet = (typeof SINGLE_FACETS)[number];
const facetValue: Record<SingleFacet, (d: SearchDoc) => string | null> = {
  type: (d) => d.type,
  agency: (d) => d.agencyId,
  field: (d) => d.field,
  procedure: (d) => d.procedure,
  partyType: (d) => d.partyType,
  region: (d) => d.region,
  year: (d) => String(d.year),
  status: (d) => d.status,
};
const NONE = -1;

/** Matching documents in ordinal order with their scores (typed arrays: broad queries match most of the index). */
interface Found {
  matched: Int32Array;
  /** By ordinal; absent when there is no text query. */
  score?: Float64Array;
  exactOrds: Set<number>;
}

interface Matches {
  ords: Int32Array;
  scores: Float64Array;
}

const NO_MATCHES: Matches = { ords: new Int32Array(0), scores: new Float64Array(0) };

/**
 * Reused memory for the large arrays of one search (matches, scores, marks over every ordinal). At 10^6
 * documents a broad query would otherwise allocate tens of MB of typed arrays, which live outside the V8
 * heap and are only freed by full collections of the whole heap: they drove both peak RSS and the slow tail.
 * `reset` at the start of a search; `mark`/`release` around a part whose arrays are dropped before it ends.
 */
class Scratch {
  private ints = new Int32Array(1 << 16);
  private floats = new Float64Array(1 << 16);
  private intsUsed = 0;
  private floatsUsed = 0;
  /** Wanted beyond the current buffers during this search: the next reset grows them to fit. */
  private intsWanted = 0;
  private floatsWanted = 0;

  reset(): void {
    if (this.intsWanted > this.ints.length) this.ints = new Int32Array(this.intsWanted);
    if (this.floatsWanted > this.floats.length) this.floats = new Float64Array(this.floatsWanted);
    this.intsUsed = this.floatsUsed = this.intsWanted = this.floatsWanted = 0;
  }
  mark(): [number, number] {
    return [this.intsUsed, this.floatsUsed];
  }
  release([ints, floats]: [number, number]): void {
    this.intsUsed = ints;
    this.floatsUsed = floats;
  }
  /** n zeroed 32-bit integers. */
  int32(n: number): Int32Array {
    this.intsWanted = Math.max(this.intsWanted, this.intsUsed + n);
    if (this.intsUsed + n > this.ints.length) return new Int32Array(n);
    const out = this.ints.subarray(this.intsUsed, this.intsUsed + n);
    this.intsUsed += n;
    return out.fill(0);
  }
  /** n zeroed doubles. */
  float64(n: number): Float64Array {
    this.floatsWanted = Math.max(this.floatsWanted, this.floatsUsed + n);
    if (this.floatsUsed + n > this.floats.length) return new Float64Array(n);
    const out = this.floats.subarray(this.floatsUsed, this.floatsUsed + n);
    this.floatsUsed += n;
    return out.fill(0);
  }
}

function union(a: Matches, b: Matches, scratch: Scratch): Matches {
  const ords = scratch.int32(a.ords.length + b.ords.length);
  const scores = scratch.float64(ords.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.ords.length || j < b.ords.length) {
    const x = i < a.ords.length ? a.ords[i]! : Infinity;
    const y = j < b.ords.length ? b.ords[j]! : Infinity;
    if (x === y) {
      ords[n] = x;
      scores[n++] = Math.max(a.scores[i++]!, b.scores[j++]!);
    } else if (x < y) {
      ords[n] = x;
      scores[n++] = a.scores[i++]!;
    } else {
      ords[n] = y;
      scores[n++] = b.scores[j++]!;
    }
  }
  return { ords: ords.subarray(0, n), scores: scores.subarray(0, n) };
}

function intersect(a: Matches, b: Matches, scratch: Scratch): Matches {
  const ords = scratch.int32(Math.min(a.ords.length, b.ords.length));
  const scores = scratch.float64(ords.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.ords.length && j < b.ords.length) {
    const x = a.ords[i]!;
    const y = b.ords[j]!;
    if (x === y) {
      ords[n] = x;
      scores[n++] = a.scores[i++]! + b.scores[j++]!;
    } else if (x < y) i++;
    else j++;
  }
  return { ords: ords.subarray(0, n), scores: scores.subarray(0, n) };
}

const HAN = /^\p{Script=Han}$/u;
/** A text query found in this many records or fewer is offered a one-character correction. */
const FEW_RESULTS = 2;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * The embedded engine: an in-process inverted index over character bigrams with columnar filters.
 * Postings are typed arrays in document order, so AND-queries intersect by galloping search;
 * filters and facets read small integer columns; sort orders by date and amount are cached.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private docs: (SearchDoc | undefined)[] = [];
  private byId = new Map<string, number>();
  /**
   * Token → its documents. Most tokens (four in five at 250,000 documents: names, codes) occur in one
   * document only; those are held as one number, ordinal × 256 + weight, not as a Posting and its arrays.
   */
  private postings = new Map<string, Posting | number>();
  private exact = new Map<string, number[]>();
  private decisionNos = new Map<string, number[]>();
  /** Han character → characters that follow / precede it in some indexed bigram (for corrections). */
  private after = new Map<string, Set<string>>();
  private before = new Map<string, Set<string>>();
  private dict: Record<SingleFacet | 'category', Dictionary> = {
    type: new Dictionary(),
    agency: new Dictionary(),
    field: new Dictionary(),
    procedure: new Dictionary(),
    partyType: new Dictionary(),
    region: new Dictionary(),
    year: new Dictionary(),
    status: new Dictionary(),
    category: new Dictionary(),
  };
  private cols: Record<SingleFacet, number[]> = {
    type: [],
    agency: [],
    field: [],
    procedure: [],
    partyType: [],
    region: [],
    year: [],
    status: [],
  };
  /** Agency code → [full name, short name] (normalised), for ranking queries that name an agency. */
  private agencyNames: [string, string][] = [];
  private categoryBits: number[] = [];
  private day: number[] = [];
  private fine: number[] = [];
  private dead = 0;
  private synonyms: Map<string, string[]>;
  private scratch = new Scratch();

  constructor(synonyms: Record<string, string[]> = meiliSettings.settings.synonyms) {
    this.synonyms = new Map(Object.entries(synonyms).map(([k, v]) => [normalise(k), v.map(normalise)]));
  }
  private orders: { date?: Int32Array; amount?: Int32Array } = {};

  get size(): number {
    return this.byId.size;
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    // A few documents (the change feed's usual batch) are placed into the cached sort orders; a large
    // batch drops them, to be rebuilt once by the next sorted query.
    if (docs.length > 256) this.orders = {};
    for (const doc of docs) this.add(doc);
    this.maybeCompact();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.drop(id);
    this.maybeCompact();
  }

  async clear(): Promise<void> {
    Object.assign(this, new EmbeddedEngine(Object.fromEntries(this.synonyms)));
  }

  async versions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const [id, ord] of this.byId) out.set(id, this.docs[ord]!.version);
    return out;
  }

  async stats(): Promise<IndexStats> {
    let bytes = 0;
    for (const [token, p] of this.postings)
      bytes += (typeof p === 'number' ? 8 : p.docs.byteLength + p.weights.byteLength + 64) + token.length * 2;
    bytes += this.docs.length * (8 * 4 + 16);
    for (const doc of this.docs) if (doc) bytes += JSON.stringify(doc).length * 2;
    return { documents: this.byId.size, bytes };
  }

  private add(doc: SearchDoc): void {
    this.drop(doc.id);
    const ord = this.docs.length;
    this.docs.push(doc);
    this.byId.set(doc.id, ord);
    for (const f of SINGLE_FACETS) {
      const v = facetValue[f](doc);
      this.cols[f].push(v === null ? NONE : this.dict[f].code(v));
    }
    this.agencyNames[this.cols.agency[ord]!] = [normalise(doc.agencyName), normalise(doc.agencyShortName)];
    let bits = 0;
    for (const c of doc.categories) bits |= 1 << this.dict.category.code(c);
    this.categoryBits.push(bits);
    this.day.push(dayNumber(doc.decisionDate));
    this.fine.push(doc.fineYuan);

    const weights = new Map<string, number>();
    for (const [get, weight, unigrams] of WEIGHTED_FIELDS) {
      const text = get(doc);
      if (!text) continue;
      for (const token of indexTokens(text, unigrams))
        weights.set(token, Math.min(255, (weights.get(token) ?? 0) + weight));
    }
    for (const [token, weight] of weights) {
      const p = this.postings.get(token);
      if (p === undefined) {
        this.postings.set(token, ord * 256 + weight);
        this.addBigram(token);
      } else if (typeof p === 'number') {
        const grown = Posting.of(p);
        grown.push(ord, weight);
        this.postings.set(token, grown);
      } else p.push(ord, weight);
    }
    const keyed: [Map<string, number[]>, string | undefined][] = [[this.exact, exactKey(doc.decisionNo)]];
    if (doc.partyCreditCode) keyed.push([this.exact, exactKey(doc.partyCreditCode)]);
    const parts = decisionNoParts(doc.decisionNo);
    if (parts) keyed.push([this.decisionNos, decisionNoKey(parts)]);
    for (const [map, k] of keyed) {
      if (!k) continue;
      const list = map.get(k);
      if (list) list.push(ord);
      else map.set(k, [ord]);
    }
    if (this.orders.date) this.orders.date = this.placed(this.orders.date, ord, this.day);
    if (this.orders.amount) this.orders.amount = this.placed(this.orders.amount, ord, this.fine);
  }

  private addBigram(token: string): void {
    const chars = [...token];
    if (chars.length !== 2 || !chars.every((c) => HAN.test(c))) return;
    const [a, b] = chars as [string, string];
    let next = this.after.get(a);
    if (!next) this.after.set(a, (next = new Set()));
    next.add(b);
    let prev = this.before.get(b);
    if (!prev) this.before.set(b, (prev = new Set()));
    prev.add(a);
  }

  /** A copy of a cached order (key descending, then ordinal descending) with `ord` in its place. */
  private placed(order: Int32Array, ord: number, key: number[]): Int32Array {
    const before = (a: number, b: number) => key[a]! > key[b]! || (key[a] === key[b] && a > b);
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(order[mid]!, ord)) lo = mid + 1;
      else hi = mid;
    }
    const out = new Int32Array(order.length + 1);
    out.set(order.subarray(0, lo));
    out[lo] = ord;
    out.set(order.subarray(lo), lo + 1);
    return out;
  }

  private drop(id: string): void {
    const ord = this.byId.get(id);
    if (ord === undefined) return;
    this.byId.delete(id);
    this.docs[ord] = undefined;
    this.dead++;
    // Cached orders keep the dead ordinal: every walk over them skips documents that are not matched.
  }

  /** Rebuilds without dead documents once they are a quarter of the index. */
  private maybeCompact(): void {
    if (this.dead < 1000 || this.dead < this.docs.length / 4) return;
    const live = this.docs.filter((d): d is SearchDoc => d !== undefined);
    Object.assign(this, new EmbeddedEngine(Object.fromEntries(this.synonyms)));
    for (const doc of live) this.add(doc);
  }

  private order(kind: 'date' | 'amount'): Int32Array {
    const cached = this.orders[kind];
    if (cached) return cached;
    const ords: number[] = [];
    for (let i = 0; i < this.docs.length; i++) if (this.docs[i]) ords.push(i);
    const key = kind === 'date' ? this.day : this.fine;
    ords.sort((a, b) => key[b]! - key[a]! || b - a);
    return (this.orders[kind] = Int32Array.from(ords));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const offset = startOffset(query);
    if (offset >= QUERY_LIMITS.maxOffset)
      throw new QueryError('cursor', `最多浏览前${QUERY_LIMITS.maxOffset}条，请用筛选条件缩小范围`);
    const pass = this.compileFilter(query);

    this.scratch.reset();
    let found = this.find(query.q, pass);
    let suggestion: SearchResult['suggestion'] = null;
    if (query.q && found.matched.length <= FEW_RESULTS) {
      const correction = this.correct(query.q, pass, found.matched.length);
      if (correction?.applied) {
        this.scratch.reset();
        found = this.find(correction.q, pass);
      }
      suggestion = correction ?? null;
    }
    const { matched, score, exactOrds } = found;
    const textQ = suggestion?.q ?? query.q;

    const facets = this.countFacets(query.facets ?? [], matched);
    const total = matched.length;
    const end = Math.min(total, offset + query.pageSize);
    const page = offset < total ? this.pageOf(query, matched, score, offset, end) : [];

    const hits: SearchHit[] = page.map((ord) => {
      const doc = this.docs[ord]!;
      const hit: SearchHit = { id: doc.id, doc, exact: exactOrds.has(ord) };
      if (query.highlight && textQ) {
        const hl: SearchHit['highlights'] = {};
        for (const f of HIGHLIGHT_FIELDS) {
          const h = highlight(doc[f], textQ, f === 'violationFacts' ? 120 : undefined);
          if (h) hl[f] = h;
        }
        hit.highlights = hl;
      }
      return hit;
    });
    return {
      query,
      total,
      page: Math.floor(offset / query.pageSize) + 1,
      pageSize: query.pageSize,
      hits,
      facets,
      nextCursor: nextCursor(query, offset, total),
      suggestion,
      engine: 'embedded',
    };
  }

  /**
   * Candidates with scores (by ordinal; 0 = not matched). Exact codes and decision numbers get scores no
   * text match can reach; a query that is a decision number matches decision numbers only, never
   * the same digits in an amount (41 in 41,000元). Records of an agency the query names come first.
   */
  private find(q: string, pass: (ord: number) => boolean): Found {
    const all = this.scratch.int32(this.docs.length);
    let n = 0;
    const exactOrds = new Set<number>();
    if (!q) {
      for (let ord = 0; ord < this.docs.length; ord++) if (this.docs[ord] && pass(ord)) all[n++] = ord;
      return { matched: all.subarray(0, n), exactOrds };
    }
    const score = this.scratch.float64(this.docs.length);
    const add = (ord: number, s: number) => {
      if (!this.docs[ord] || !pass(ord)) return;
      if (!score[ord]) all[n++] = ord;
      score[ord] = Math.max(score[ord]!, s);
    };
    for (const ord of this.exact.get(exactKey(q)) ?? []) {
      exactOrds.add(ord);
      add(ord, 3e9);
    }
    const dn = decisionNoParts(q);
    if (dn) {
      for (const ord of this.decisionNos.get(decisionNoKey(dn)) ?? []) {
        const doc = this.docs[ord];
        const m = doc ? decisionNoMatch(dn, doc.decisionNo) : 0;
        if (!m) continue;
        exactOrds.add(ord);
        add(ord, m * 1e9);
      }
      return { matched: all.subarray(0, n), score, exactOrds };
    }
    const text = this.matchQuery(q);
    const tiers = this.agencyTiers(q);
    const agencyCol = this.cols.agency;
    for (let i = 0; i < text.ords.length; i++) {
      const ord = text.ords[i]!;
      // Every matched token has weight ≥ 1 and idf > 0, so a text score is never 0.
      add(ord, text.scores[i]! + (tiers[agencyCol[ord]!] ?? 0) * 1e6);
    }
    return { matched: all.subarray(0, n), score, exactOrds };
  }

  /** Agency code → how strongly the query names that agency (see agencyTier). */
  private agencyTiers(q: string): number[] {
    const synonyms = this.synonyms.get(normalise(q.replace(/\s+/g, ''))) ?? [];
    return this.agencyNames.map(([name, short]) => agencyTier(normalise(q), name, short, synonyms));
  }

  /**
   * The one-character correction that finds the best match. A query found nowhere in the index is
   * replaced by it (`applied`); one found in a few records keeps its results and gets it as a
   * suggestion if it finds more; a query that only the filters empty is spelled right and stays as it is.
   */
  private correct(q: string, pass: (ord: number) => boolean, found: number): Suggestion | undefined {
    // A query of several words is not corrected: one word "fixed" to a common term (建华 → 中华) would let
    // the other word find a record by what is left of a masked name (欧阳 建华 → 欧阳某).
    if (/\s/.test(q.trim())) return undefined;
    if (decisionNoParts(q) || this.exact.has(exactKey(q))) return undefined;
    const known = this.matchQuery(q).ords.length;
    if (known > FEW_RESULTS || (known > 0 && found === 0)) return undefined;
    const vocabulary = {
      after: (c: string) => this.after.get(c),
      before: (c: string) => this.before.get(c),
    };
    let best: { q: string; score: number; count: number } | undefined;
    for (const candidate of correctionCandidates(normalise(q), vocabulary)) {
      const mark = this.scratch.mark();
      const m = this.matchQuery(candidate);
      let top = 0;
      let count = 0;
      for (let i = 0; i < m.ords.length; i++) {
        if (!pass(m.ords[i]!)) continue;
        count++;
        top = Math.max(top, m.scores[i]!);
      }
      this.scratch.release(mark);
      if (count > known && (!best || top > best.score || (top === best.score && count > best.count)))
        best = { q: candidate, score: top, count };
    }
    return best && { q: best.q, applied: known === 0 };
  }

  /** Every whitespace-separated term must match; a term matches through any of its synonyms. */
  private matchQuery(q: string): Matches {
    let acc: Matches | undefined;
    for (const term of q.split(' ')) {
      if (!term) continue;
      const alternatives = [term, ...(this.synonyms.get(normalise(term)) ?? [])];
      let m = this.matchTokens(queryTokens(term));
      for (const alt of alternatives.slice(1)) m = union(m, this.matchTokens(queryTokens(alt)), this.scratch);
      acc = acc ? intersect(acc, m, this.scratch) : m;
      if (!acc.ords.length) break;
    }
    return acc ?? NO_MATCHES;
  }

  /** Documents containing all tokens (sorted by ordinal), by galloping intersection from the rarest. */
  private matchTokens(tokens: string[]): Matches {
    const lists: { p: Posting; idf: number }[] = [];
    for (const t of tokens) {
      const entry = this.postings.get(t);
      if (entry === undefined) return NO_MATCHES;
      const p = Posting.of(entry);
      lists.push({ p, idf: Math.log(1 + this.byId.size / p.n) });
    }
    if (!lists.length) return NO_MATCHES;
    lists.sort((a, b) => a.p.n - b.p.n);
    const [first, ...rest] = lists as [{ p: Posting; idf: number }, ...{ p: Posting; idf: number }[]];
    const pos = rest.map(() => 0);
    const ords = this.scratch.int32(first.p.n);
    const scores = this.scratch.float64(first.p.n);
    let n = 0;
    outer: for (let i = 0; i < first.p.n; i++) {
      const ord = first.p.docs[i]!;
      if (!this.docs[ord]) continue;
      let s = first.p.weights[i]! * first.idf;
      for (let j = 0; j < rest.length; j++) {
        const r = rest[j]!;
        const at = r.p.seek(ord, pos[j]!);
        pos[j] = at;
        if (at >= r.p.n) break outer;
        if (r.p.docs[at] !== ord) continue outer;
        s += r.p.weights[at]! * r.idf;
      }
      ords[n] = ord;
      scores[n++] = s;
    }
    return { ords: ords.subarray(0, n), scores: scores.subarray(0, n) };
  }

  private pageOf(
    query: SearchQuery,
    matched: Int32Array,
    score: Float64Array | undefined,
    start: number,
    end: number,
  ): number[] {
    const sort = query.sort === 'relevance' && !score ? 'date_desc' : query.sort;
    if (sort === 'relevance' && score) {
      const day = this.day;
      return topK(matched, end, (a, b) => score[a]! - score[b]! || day[a]! - day[b]! || a - b).slice(start, end);
    }
    const kind = sort.startsWith('date') ? 'date' : 'amount';
    const desc = sort.endsWith('desc');
    // Large result sets walk the cached global order; small ones sort directly.
    if (matched.length > 2000) {
      // 0/1 by ordinal, in scratch (a whole-index array per query is what the scratch is for).
      const member = this.scratch.int32(this.docs.length);
      for (let i = 0; i < matched.length; i++) member[matched[i]!] = 1;
      const order = this.order(kind);
      const out: number[] = [];
      let seen = 0;
      for (let k = 0; k < order.length && out.length < end - start; k++) {
        const ord = order[desc ? k : order.length - 1 - k]!;
        if (!member[ord]) continue;
        if (seen++ >= start) out.push(ord);
      }
      return out;
    }
    const key = kind === 'date' ? this.day : this.fine;
    const sorted = Array.from(matched).sort((a, b) => (desc ? key[b]! - key[a]! || b - a : key[a]! - key[b]! || a - b));
    return sorted.slice(start, end);
  }

  private compileFilter(query: SearchQuery): (ord: number) => boolean {
    const checks: ((ord: number) => boolean)[] = [];
    const single: [SingleFacet, string[] | undefined][] = [
      ['type', query.type],
      ['agency', query.agency],
      ['field', query.field],
      ['procedure', query.procedure],
      ['partyType', query.partyType],
      ['region', query.region],
      ['status', query.status],
    ];
    for (const [facet, values] of single) {
      if (!values?.length) continue;
      const codes = new Set(values.map((v) => this.dict[facet].lookup(v)).filter((c): c is number => c !== undefined));
      const col = this.cols[facet];
      if (codes.size === 1) {
        const [code] = codes;
        checks.push((ord) => col[ord] === code);
      } else checks.push((ord) => codes.has(col[ord]!));
    }
    if (query.category?.length) {
      let mask = 0;
      for (const c of query.category) {
        const code = this.dict.category.lookup(c);
        if (code !== undefined) mask |= 1 << code;
      }
      checks.push((ord) => (this.categoryBits[ord]! & mask) !== 0);
    }
    if (query.dateFrom) {
      const from = dayNumber(query.dateFrom);
      checks.push((ord) => this.day[ord]! >= from);
    }
    if (query.dateTo) {
      const to = dayNumber(query.dateTo);
      checks.push((ord) => this.day[ord]! <= to);
    }
    if (query.fineMin !== undefined) {
      const min = query.fineMin;
      checks.push((ord) => this.fine[ord]! >= min);
    }
    if (query.fineMax !== undefined) {
      const max = query.fineMax;
      checks.push((ord) => this.fine[ord]! <= max);
    }
    const [a, b] = checks;
    if (!a) return () => true;
    if (!b) return a;
    if (checks.length === 2) return (ord) => a(ord) && b(ord);
    return (ord) => {
      for (const check of checks) if (!check(ord)) return false;
      return true;
    };
  }

  private countFacets(facets: Facet[], matched: Int32Array): SearchResult['facets'] {
    const out: SearchResult['facets'] = {};
    for (const facet of new Set(facets)) {
      if (!FACETS.includes(facet)) continue;
      if (facet === 'category') {
        const dict = this.dict.category;
        const counts = new Array<number>(dict.values.length).fill(0);
        for (let i = 0; i < matched.length; i++) {
          for (let bits = this.categoryBits[matched[i]!]!; bits !== 0; bits &= bits - 1)
            counts[31 - Math.clz32(bits & -bits)]!++;
        }
        out.category = toFacetCounts(dict.values, counts);
        continue;
      }
      const col = this.cols[facet];
      const counts = new Array<number>(this.dict[facet].values.length).fill(0);
      for (let i = 0; i < matched.length; i++) {
        const c = col[matched[i]!]!;
        if (c !== NONE) counts[c]!++;
      }
      out[facet] = toFacetCounts(this.dict[facet].values, counts);
    }
    return out;
  }
}

/**
 * The k greatest elements by `cmp` (positive when a ranks above b), best first: a bounded min-heap,
 * so a broad query (tens of thousands of matches) ranks one page without sorting them all.
 */
export function topK(items: ArrayLike<number>, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (cmp(heap[i]!, heap[parent]!) >= 0) break;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < heap.length && cmp(heap[l]!, heap[least]!) < 0) least = l;
      if (r < heap.length && cmp(heap[r]!, heap[least]!) < 0) least = r;
      if (least === i) return;
      swap(i, least);
      i = least;
    }
  };
  // Back to front: documents are mostly indexed oldest first and ties rank the newest first, so the
  // heap fills with likely winners and later candidates rarely displace its root.
  for (let x = items.length - 1; x >= 0; x--) {
    const item = items[x]!;
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (cmp(item, heap[0]!) > 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => cmp(b, a));
}

function toFacetCounts(values: string[], counts: number[]): FacetCount[] {
  const out: FacetCount[] = [];
  counts.forEach((count, i) => {
    if (count > 0) out.push({ value: values[i]!, count });
  });
  return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
