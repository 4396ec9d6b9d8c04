import type { PublicDisclosure } from '@sunlight/domain/schemas/disclosure';
import type { SearchDoc } from './types';

export interface AgencyNames {
  name: string;
  shortName: string;
}

/** Builds the index document of a public disclosure. Only public fields go in; nothing restricted exists here. */
export function toSearchDoc(d: PublicDisclosure, agency: AgencyNames): SearchDoc {
  return {
    id: d.id,
    type: 'penalty',
    version: Date.parse(d.updatedAt),
    decisionNo: d.decisionNo,
    partyName: d.partyName,
    partyCreditCode: d.partyCreditCode ?? null,
    partyType: d.partyType,
    agencyId: d.agencyId,
    agencyName: agency.name,
    agencyShortName: agency.shortName,
    field: d.field,
    region: d.region ?? null,
    procedure: d.procedure,
    categories: [...d.penaltyCategories],
    violationType: d.violationType,
    violationFacts: d.violationFacts,
    penaltyContent: d.penaltyContent,
    penaltyBasis: d.penaltyBasis,
    decisionDate: d.decisionDate,
    year: Number(d.decisionDate.slice(0, 4)),
    fineYuan: Math.round((d.fineAmount ?? 0) * 1_000_000) / 100,
    status: d.status,
  };
}
