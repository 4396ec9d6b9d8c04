import type { PublicDisclosure } from '@sunlight/domain/schemas/disclosure';
import { toSearchDoc } from '@sunlight/search-indexer/document';
import type { PublicRecordSource } from '../records/source';

export const penaltySource: PublicRecordSource<PublicDisclosure> = {
  type: 'penalty',
  table: 'disclosures',
  numberSql: 'decision_no',
  searchDoc: toSearchDoc,
  party: (d) => d.partyName,
  summary: (d) => `${d.authorityName}：${d.violationType}；${d.penaltyCategories.join('、')}。`,
};
