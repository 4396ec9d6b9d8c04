import type { PublicPermit } from '@sunlight/domain/schemas/permit';
import type { AgencyNames } from '@sunlight/search-indexer/document';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import type { PublicRecordSource } from '../records/source';

/** A public permit as an index document (field meanings per search-indexer/src/schema.ts). */
export function permitSearchDoc(d: PublicPermit, agency: AgencyNames): SearchDoc {
  return {
    id: d.id,
    type: 'permit',
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
    procedure: d.permitCategory,
    categories: [d.permitCategory],
    violationType: d.licenceName,
    violationFacts: d.permitContent,
    penaltyContent: d.licenceNo ?? '',
    penaltyBasis: '',
    decisionDate: d.decisionDate,
    year: Number(d.decisionDate.slice(0, 4)),
    fineYuan: 0,
    status: d.status,
  };
}

export const permitSource: PublicRecordSource<PublicPermit> = {
  type: 'permit',
  table: 'permits',
  numberSql: 'decision_no',
  searchDoc: permitSearchDoc,
  party: (d) => d.partyName,
  summary: (d) => `${d.authorityName}：${d.licenceName}（${d.permitCategory}），有效期至${d.validUntil}。`,
};
