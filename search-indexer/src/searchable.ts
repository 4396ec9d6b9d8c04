import type { SearchDoc } from './types';

/** Field → weight, and whether single characters are indexed (short fields only). */
export const WEIGHTED_FIELDS: [(d: SearchDoc) => string | null, number, boolean][] = [
  [(d) => d.partyName, 8, true],
  [(d) => d.decisionNo, 8, false],
  [(d) => d.partyCreditCode, 8, false],
  [(d) => d.agencyName, 4, true],
  [(d) => d.agencyShortName, 4, true],
  [(d) => d.violationType, 4, true],
  [(d) => d.field, 3, true],
  [(d) => d.region, 2, true],
  [(d) => d.categories.join(' '), 2, true],
  [(d) => d.violationFacts, 1, false],
  [(d) => d.penaltyContent, 1, false],
  [(d) => d.penaltyBasis, 1, false],
];

/** The text a document is found by, one field per line so no match spans two fields. */
export function searchableText(d: SearchDoc): string {
  return WEIGHTED_FIELDS.map(([get]) => get(d) ?? '').join('\n');
}
