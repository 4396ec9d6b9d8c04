import type { PublicInspectionResult } from '@sunlight/domain/schemas/inspection-result';
import type { AgencyNames } from '@sunlight/search-indexer/document';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import type { PublicRecordSource } from '../records/source';

/** The index document of a public result, by the SearchDoc contract (search-indexer/src/schema.ts). */
export function resultSearchDoc(r: PublicInspectionResult, agency: AgencyNames): SearchDoc {
  return {
    id: r.id,
    type: 'inspection-result',
    version: Date.parse(r.updatedAt),
    decisionNo: r.inspectionId,
    partyName: r.enterpriseName,
    partyCreditCode: r.enterpriseCreditCode,
    partyType: r.enterpriseType === '个体工商户' ? '个体工商户' : '法人及非法人组织',
    agencyId: r.agencyId,
    agencyName: agency.name,
    agencyShortName: agency.shortName,
    field: r.field ?? '',
    region: r.region ?? null,
    procedure: r.source,
    categories: [r.result],
    violationType: r.taskName,
    violationFacts: r.items.map((i) => i.name).join('、'),
    penaltyContent: r.note ?? '',
    penaltyBasis: '',
    decisionDate: r.completedOn,
    year: Number(r.completedOn.slice(0, 4)),
    fineYuan: 0,
    status: r.status,
  };
}

export const inspectionResultSource: PublicRecordSource<PublicInspectionResult> = {
  type: 'inspection-result',
  table: 'inspection_results',
  numberSql: 'inspection_id',
  searchDoc: resultSearchDoc,
  party: (r) => r.enterpriseName,
  summary: (r) => `${r.agencyName}：${r.taskName}；检查结果：${r.result}。`,
};
