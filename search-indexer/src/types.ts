import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { Facet, SearchQuery } from './query';

/** What an index holds for one public record: only public fields, flattened for search. */
export interface SearchDoc {
  id: string;
  /** penalty, permit or inspection-result: ids are unique across types. */
  type: RecordType;
  /** Changes whenever the record changes (updatedAt in ms): lets `index verify` find stale entries. */
  version: number;
  decisionNo: string;
  partyName: string;
  partyCreditCode: string | null;
  partyType: string;
  agencyId: string;
  agencyName: string;
  agencyShortName: string;
  field: string;
  region: string | null;
  procedure: string;
  categories: string[];
  violationType: string;
  violationFacts: string;
  penaltyContent: string;
  penaltyBasis: string;
  decisionDate: string;
  year: number;
  /** Fine in 元 (the record stores 万元, as the national item set does). */
  fineYuan: number;
  status: string;
}

/** Highlighted text as segments, so no engine ever hands HTML to a page. */
export type Highlight = { text: string; match: boolean }[];

export const HIGHLIGHT_FIELDS = ['partyName', 'decisionNo', 'violationType', 'violationFacts', 'agencyName'] as const;
export type HighlightField = (typeof HIGHLIGHT_FIELDS)[number];

export interface SearchHit {
  id: string;
  doc: SearchDoc;
  /** True when the hit matched a full credit code or decision number exactly. */
  exact: boolean;
  highlights?: Partial<Record<HighlightField, Highlight>>;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  query: SearchQuery;
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Partial<Record<Facet, FacetCount[]>>;
  nextCursor: string | null;
  /**
   * 您是不是要找：`q`. Set when the query is found in at most two records and a one-character
   * correction of it finds more; `applied` (only when the query found nothing) means the hits, total
   * and facets are those of the corrected query, otherwise they are the query's own.
   */
  suggestion: Suggestion | null;
  engine: 'embedded' | 'meilisearch';
}

export interface Suggestion {
  q: string;
  applied: boolean;
}

export interface IndexStats {
  documents: number;
  /** Approximate bytes the index occupies (memory for the embedded engine, disk for Meilisearch). */
  bytes: number | null;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchResult>;
  upsert(docs: SearchDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  /** id → version of every indexed document, for drift checks. */
  versions(): Promise<Map<string, number>>;
  stats(): Promise<IndexStats>;
  /**
   * Replaces the whole contents with what `fill` writes. An engine that can (Meilisearch) fills a fresh
   * index and swaps it in, so searches never see a half-built index; otherwise clear, then fill.
   */
  replaceAll?(fill: (upsert: (docs: SearchDoc[]) => Promise<void>) => Promise<void>): Promise<void>;
  /** Creates the index and applies its settings (an engine outside the process; its writer calls it). */
  configure?(): Promise<void>;
  /** For an engine outside the process: what a stored change-log position belongs to (index and settings). */
  readonly identity?: string;
  close?(): Promise<void>;
}
