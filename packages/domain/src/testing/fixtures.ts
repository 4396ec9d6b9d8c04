import { makeCreditCode } from '../validators/credit-code';
import { makeIdNumber } from '../validators/id-number';
import type { DisclosureInput, DisclosureRecord } from '../schemas/disclosure';
import type { PermitInput } from '../schemas/permit';

/** Fictional codes in division 990100 (99 is not a real province). */
export const ENTERPRISE_CODE = makeCreditCode('91990100MA01ABCD2');
export const AGENCY_CODE = makeCreditCode('11990100MB1234567');
/** The worked example from GB 11643. */
export const ID_NUMBER = makeIdNumber('11010519491231002');

export function disclosureInput(overrides: Partial<DisclosureInput> = {}): DisclosureInput {
  return {
    partyName: '示例区甲乙丙商贸有限公司',
    partyType: '法人及非法人组织',
    partyCreditCode: ENTERPRISE_CODE,
    legalRepresentative: '王某某',
    decisionNo: '滨示市监罚〔2024〕123号',
    violationType: '销售不符合食品安全标准的食品',
    violationFacts: '当事人于2024年3月销售标签不符合规定的预包装食品，货值金额共计2400元。',
    penaltyBasis: '《中华人民共和国食品安全法》第一百二十五条第一款',
    penaltyCategories: ['罚款', '没收违法所得'],
    penaltyContent: '没收违法所得1200元，并处罚款60000元。',
    fineAmount: 6,
    confiscatedAmount: 0.12,
    decisionDate: '2024-05-20',
    penaltyValidUntil: '2027-05-20',
    authorityName: '示例区市场监督管理局',
    authorityCreditCode: AGENCY_CODE,
    dataSourceName: '示例区市场监督管理局',
    dataSourceCreditCode: AGENCY_CODE,
    agencyId: 'scjgj',
    field: '市场监管',
    procedure: '普通程序',
    basisRefs: [{ lawCode: 'FL-0003', article: 125, paragraph: 1 }],
    involvesMinor: false,
    confidential: false,
    ...overrides,
  };
}

export function disclosureRecord(overrides: Partial<DisclosureRecord> = {}): DisclosureRecord {
  return {
    ...disclosureInput(),
    id: 'd-2024-000123',
    status: 'published',
    publishedOn: '2024-05-27',
    publicationEndDate: '2027-05-27',
    publicationRuleId: 'default-three-years',
    createdAt: '2024-05-27T10:00:00+08:00',
    updatedAt: '2024-05-27T10:00:00+08:00',
    ...overrides,
  };
}

/** A fictional 食品经营许可 of the fixture enterprise, valid 2024-05-20 to 2029-05-19. */
export function permitInput(overrides: Partial<PermitInput> = {}): PermitInput {
  return {
    partyName: '示例区甲乙丙商贸有限公司',
    partyType: '法人及非法人组织',
    partyCreditCode: ENTERPRISE_CODE,
    legalRepresentative: '王某某',
    decisionDocName: '食品经营许可决定书',
    decisionNo: '滨示市监许〔2024〕88号',
    permitCategory: '普通',
    licenceName: '食品经营许可证',
    licenceNo: 'JY19901000000881',
    permitContent: '预包装食品（含冷藏冷冻食品）销售；散装食品销售。',
    decisionDate: '2024-05-20',
    validFrom: '2024-05-20',
    validUntil: '2029-05-19',
    authorityName: '示例区市场监督管理局',
    authorityCreditCode: AGENCY_CODE,
    currentState: '有效',
    dataSourceName: '示例区市场监督管理局',
    dataSourceCreditCode: AGENCY_CODE,
    agencyId: 'scjgj',
    field: '市场监管',
    ...overrides,
  };
}
