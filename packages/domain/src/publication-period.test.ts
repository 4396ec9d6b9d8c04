import { describe, expect, it } from 'vitest';
import { computePublicationEnd, type PublicationFacts } from './publication-period';
import { DEFAULT_PUBLICATION_RULES, PublicationRulesSchema, type PublicationRule } from './schemas/publication-rule';

const base: PublicationFacts = {
  procedure: '普通程序',
  penaltyCategories: ['罚款'],
  partyType: '法人及非法人组织',
  fineAmount: 10,
  involvesMinor: false,
  confidential: false,
};
const decide = (facts: Partial<PublicationFacts>, on = '2025-03-10') =>
  computePublicationEnd({ ...base, ...facts }, DEFAULT_PUBLICATION_RULES, on);

describe('computePublicationEnd with the default rules', () => {
  it('the default rules are a valid rule set', () => {
    expect(PublicationRulesSchema.safeParse(DEFAULT_PUBLICATION_RULES).success).toBe(true);
  });

  it('does not publish simplified-procedure decisions', () => {
    expect(decide({ procedure: '简易程序', fineAmount: 0.01 })).toMatchObject({
      publish: false,
      ruleId: 'simplified-procedure',
    });
  });

  it('does not publish warning-only decisions', () => {
    expect(decide({ penaltyCategories: ['警告'], fineAmount: undefined })).toMatchObject({
      publish: false,
      ruleId: 'warning-only',
    });
  });

  it('publishes 通报批评 for 3 months', () => {
    expect(decide({ penaltyCategories: ['通报批评'], fineAmount: undefined })).toEqual({
      publish: true,
      endDate: '2025-06-10',
      months: 3,
      ruleId: 'minor-three-months',
    });
    expect(decide({ penaltyCategories: ['警告', '通报批评'], fineAmount: undefined })).toMatchObject({ months: 3 });
  });

  it('uses ¥50,000 as the low-fine threshold for organisations (strictly below)', () => {
    expect(decide({ fineAmount: 4.9999 })).toMatchObject({ months: 3 });
    expect(decide({ fineAmount: 5 })).toMatchObject({ months: 36, ruleId: 'default-three-years' });
  });

  it('uses ¥5,000 for natural persons and 个体工商户', () => {
    for (const partyType of ['自然人', '个体工商户'] as const) {
      expect(decide({ partyType, fineAmount: 0.4999 })).toMatchObject({ months: 3 });
      expect(decide({ partyType, fineAmount: 0.5 })).toMatchObject({ months: 36 });
    }
  });

  it('a low fine with another penalty is published for 3 years', () => {
    expect(decide({ penaltyCategories: ['罚款', '没收违法所得'], fineAmount: 0.1 })).toMatchObject({ months: 36 });
  });

  it('publishes other penalties for 3 years, clamping month ends', () => {
    expect(decide({ penaltyCategories: ['吊销许可证件'], fineAmount: undefined }, '2024-02-29')).toEqual({
      publish: true,
      endDate: '2027-02-28',
      months: 36,
      ruleId: 'default-three-years',
    });
  });

  it('a ban longer than 3 years stays public for its length', () => {
    expect(decide({ penaltyCategories: ['限制从业'], fineAmount: undefined, banMonths: 60 })).toEqual({
      publish: true,
      endDate: '2030-03-10',
      months: 60,
      ruleId: 'long-ban',
    });
  });

  it('a ban of exactly 3 years or less gets the ordinary 3 years', () => {
    expect(decide({ penaltyCategories: ['限制从业'], fineAmount: undefined, banMonths: 36 })).toMatchObject({
      months: 36,
      ruleId: 'default-three-years',
    });
    expect(decide({ penaltyCategories: ['限制从业'], fineAmount: undefined, banMonths: 12 })).toMatchObject({
      months: 36,
    });
  });

  it('never publishes decisions about minors or flagged confidential, whatever the rules', () => {
    expect(decide({ involvesMinor: true })).toEqual({ publish: false, reason: expect.stringContaining('未成年人') });
    expect(decide({ confidential: true })).toEqual({ publish: false, reason: expect.stringContaining('秘密') });
  });
});

describe('rules are data', () => {
  it('a local rule set can change thresholds and periods', () => {
    const local: PublicationRule[] = [
      {
        id: 'low',
        description: '较低数额罚款公示6个月',
        basis: '本地规定',
        match: {
          onlyCategories: ['罚款'],
          fineBelowYuan: { 自然人: 10000, 个体工商户: 10000, 法人及非法人组织: 100000 },
        },
        outcome: { months: 6 },
      },
      { id: 'other', description: '其他公示2年', basis: '本地规定', match: {}, outcome: { months: 24 } },
    ];
    expect(PublicationRulesSchema.safeParse(local).success).toBe(true);
    expect(computePublicationEnd({ ...base, fineAmount: 9 }, local, '2025-01-01')).toMatchObject({
      endDate: '2025-07-01',
      ruleId: 'low',
    });
    expect(computePublicationEnd({ ...base, fineAmount: 10 }, local, '2025-01-01')).toMatchObject({
      endDate: '2027-01-01',
      ruleId: 'other',
    });
  });

  it('first match wins and a set without catch-all is rejected', () => {
    const noCatchAll = DEFAULT_PUBLICATION_RULES.slice(0, -1);
    const r = PublicationRulesSchema.safeParse(noCatchAll);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toContain('兜底规则');
    expect(computePublicationEnd({ ...base }, noCatchAll, '2025-01-01')).toMatchObject({
      publish: false,
      reason: expect.stringContaining('没有适用'),
    });
  });

  it('rejects duplicate ids and ban_length rules without a threshold', () => {
    const dup = [...DEFAULT_PUBLICATION_RULES, ...DEFAULT_PUBLICATION_RULES.slice(-1)];
    expect(PublicationRulesSchema.safeParse(dup).success).toBe(false);
    const badBan = [{ id: 'b', description: 'x', basis: 'y', match: {}, outcome: 'ban_length' }];
    expect(PublicationRulesSchema.safeParse(badBan).success).toBe(false);
  });
});
