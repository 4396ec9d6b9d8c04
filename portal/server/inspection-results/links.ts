import type { ResultRow } from './read';

/** A public result with the addresses of its page, its API record, its draw and the penalty that followed. */
export function withResultLinks<T extends ResultRow>(r: T, site: string) {
  const { penaltyId, ...rest } = r;
  return {
    ...rest,
    url: `${site}/inspection-results/${r.id}`,
    apiUrl: `${site}/api/v1/inspection-results/${r.id}`,
    drawUrl: r.drawId ? `${site}/draws/${r.drawId}` : null,
    penaltyUrl: penaltyId ? `${site}/disclosures/${penaltyId}` : null,
  };
}
