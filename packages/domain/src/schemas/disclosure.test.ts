import { describe, expect, it } from 'vitest';
import { formatIssues } from '../errors';
import { AGENCY_CODE, disclosureInput, disclosureRecord, ENTERPRISE_CODE, ID_NUMBER } from '../testing/fixtures';
import { makeIdNumber } from '../validators/id-number';
import {
  DisclosureInputSchema,
  DisclosureRecordSchema,
  DisclosureTombstoneSchema,
  disclosureCfCodes,
  disclosureFieldLabels,
  lintDisclosure,
  PublicDisclosureSchema,
  RESTRICTED_DISCLOSURE_FIELDS,
  toPublicDisclosure,
} from './disclosure';

const legacyCode = ENTERPRISE_CODE.slice(0, 17) + (ENTERPRISE_CODE[17] === 'Y' ? 'X' : 'Y');

function problems(
  schema: typeof DisclosureInputSchema | typeof DisclosureRecordSchema | typeof PublicDisclosureSchema,
  data: unknown,
) {
  const r = schema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('DisclosureInputSchema', () => {
  it('accepts a complete organisation decision', () => {
    expect(problems(DisclosureInputSchema, disclosureInput())).toEqual([]);
  });

  it('normalises the decision number brackets', () => {
    const r = DisclosureInputSchema.parse(disclosureInput({ decisionNo: '滨示市监罚【2024】123号' }));
    expect(r.decisionNo).toBe('滨示市监罚〔2024〕123号');
  });

  it('requires ID type and number for a natural person, not a credit code', () => {
    const person = disclosureInput({
      partyType: '自然人',
      partyName: '张三',
      partyCreditCode: undefined,
      legalRepresentative: undefined,
    });
    expect(problems(DisclosureInputSchema, person).map((p) => p.path)).toEqual(['partyIdType', 'partyIdNumber']);
    const ok = { ...person, partyIdType: '身份证', partyIdNumber: ID_NUMBER };
    expect(problems(DisclosureInputSchema, ok)).toEqual([]);
  });

  it('checks a 身份证 number with its check digit', () => {
    const bad = ID_NUMBER.slice(0, 17) + '1';
    const p = problems(
      DisclosureInputSchema,
      disclosureInput({ partyType: '自然人', partyIdType: '身份证', partyIdNumber: bad }),
    );
    expect(p).toEqual([{ path: 'partyIdNumber', message: expect.stringContaining('第18位应为X') }]);
    const rep = problems(DisclosureInputSchema, disclosureInput({ legalRepIdType: '身份证', legalRepIdNumber: bad }));
    expect(rep.map((x) => x.path)).toEqual(['legalRepIdNumber']);
    expect(
      problems(DisclosureInputSchema, disclosureInput({ legalRepIdNumber: makeIdNumber('32010219851106201') })).map(
        (x) => x.path,
      ),
    ).toEqual(['legalRepIdType']);
  });

  it('requires a credit code for an organisation', () => {
    const p = problems(DisclosureInputSchema, disclosureInput({ partyCreditCode: undefined }));
    expect(p).toEqual([{ path: 'partyCreditCode', message: expect.stringContaining('18位统一社会信用代码') }]);
  });

  it('accepts 个体工商户 with a registration number only', () => {
    const p = problems(
      DisclosureInputSchema,
      disclosureInput({ partyType: '个体工商户', partyCreditCode: undefined, partyRegNo: '990100600012345' }),
    );
    expect(p).toEqual([]);
    const none = problems(
      DisclosureInputSchema,
      disclosureInput({ partyType: '个体工商户', partyCreditCode: undefined }),
    );
    expect(none.map((x) => x.path)).toEqual(['partyCreditCode']);
  });

  it('rejects malformed credit codes but keeps legacy checksum failures as warnings', () => {
    expect(
      problems(DisclosureInputSchema, disclosureInput({ partyCreditCode: '91990100MA01ABCD' })).map((x) => x.path),
    ).toEqual(['partyCreditCode']);
    expect(
      problems(DisclosureInputSchema, disclosureInput({ partyCreditCode: 'O1990100MA01ABCD2X' })).map((x) => x.path),
    ).toEqual(['partyCreditCode']);
    const legacy = disclosureInput({ partyCreditCode: legacyCode });
    expect(problems(DisclosureInputSchema, legacy)).toEqual([]);
    expect(lintDisclosure(legacy)).toEqual([
      { path: ['partyCreditCode'], code: 'checksum_mismatch', message: expect.stringContaining('历史代码') },
    ]);
    expect(lintDisclosure({ ...legacy, partyCreditCodeFlag: 'checksum_mismatch' })).toEqual([]);
    expect(lintDisclosure(disclosureInput())).toEqual([]);
  });

  it('rejects a checksum flag on a valid code', () => {
    const p = problems(DisclosureInputSchema, disclosureInput({ partyCreditCodeFlag: 'checksum_mismatch' }));
    expect(p.map((x) => x.path)).toEqual(['partyCreditCodeFlag']);
  });

  it('requires a fine amount when 罚款 is a category, and no fine otherwise', () => {
    expect(problems(DisclosureInputSchema, disclosureInput({ fineAmount: undefined })).map((x) => x.path)).toEqual([
      'fineAmount',
    ]);
    expect(problems(DisclosureInputSchema, disclosureInput({ fineAmount: 0 })).map((x) => x.path)).toEqual([
      'fineAmount',
    ]);
    const noFine = disclosureInput({ penaltyCategories: ['没收违法所得'], fineAmount: 1 });
    expect(problems(DisclosureInputSchema, noFine).map((x) => x.path)).toEqual(['fineAmount']);
  });

  it('requires the licence when a licence is suspended or revoked', () => {
    const d = disclosureInput({
      penaltyCategories: ['吊销许可证件'],
      fineAmount: undefined,
      confiscatedAmount: undefined,
    });
    expect(problems(DisclosureInputSchema, d).map((x) => x.path)).toEqual(['licenceSuspended']);
    expect(problems(DisclosureInputSchema, { ...d, licenceSuspended: '食品经营许可证（JY19901000012345）' })).toEqual(
      [],
    );
  });

  it('only allows banMonths with a ban category', () => {
    expect(problems(DisclosureInputSchema, disclosureInput({ banMonths: 60 })).map((x) => x.path)).toEqual([
      'banMonths',
    ]);
    expect(
      problems(
        DisclosureInputSchema,
        disclosureInput({ penaltyCategories: ['罚款', '限制从业'], confiscatedAmount: undefined, banMonths: 60 }),
      ),
    ).toEqual([]);
  });

  it('limits 简易程序 to warnings and small fines (行政处罚法第五十一条)', () => {
    const summary = {
      procedure: '简易程序' as const,
      decisionNo: '滨示市监罚简〔2024〕12号',
      confiscatedAmount: undefined,
    };
    expect(
      problems(DisclosureInputSchema, disclosureInput({ ...summary, penaltyCategories: ['罚款'], fineAmount: 0.3 })),
    ).toEqual([]);
    expect(
      problems(
        DisclosureInputSchema,
        disclosureInput({ ...summary, penaltyCategories: ['罚款'], fineAmount: 0.5 }),
      ).map((x) => x.message),
    ).toEqual([expect.stringContaining('不超过3000元')]);
    expect(
      problems(
        DisclosureInputSchema,
        disclosureInput({ ...summary, penaltyCategories: ['罚款', '没收违法所得'], fineAmount: 0.1 }),
      ).map((x) => x.path),
    ).toEqual(['procedure']);
  });

  it('rejects future dates and a validity before the decision', () => {
    expect(
      problems(
        DisclosureInputSchema,
        disclosureInput({ decisionDate: '2999-01-01', penaltyValidUntil: '2999-12-31' }),
      ).map((x) => x.path),
    ).toEqual(['decisionDate']);
    expect(
      problems(DisclosureInputSchema, disclosureInput({ decisionNo: '滨示市监罚〔2025〕1号' })).map((x) => x.path),
    ).toEqual(['decisionNo']);
    expect(
      problems(DisclosureInputSchema, disclosureInput({ penaltyValidUntil: '2024-05-19' })).map((x) => x.path),
    ).toEqual(['penaltyValidUntil']);
    expect(
      problems(DisclosureInputSchema, disclosureInput({ decisionDate: '2024-02-30' })).map((x) => x.path),
    ).toContain('decisionDate');
  });

  it('rejects misspelt fields instead of dropping them', () => {
    const p = problems(DisclosureInputSchema, { ...disclosureInput(), fineAmout: 6 });
    expect(p).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('needs the privacy flags stated explicitly', () => {
    const { involvesMinor: _m, ...rest } = disclosureInput();
    expect(problems(DisclosureInputSchema, rest).map((x) => x.path)).toEqual(['involvesMinor']);
  });

  it('names the field in Chinese in formatted errors', () => {
    const r = DisclosureInputSchema.safeParse(disclosureInput({ decisionNo: '市监罚2025-1', fineAmount: undefined }));
    expect(r.success).toBe(false);
    if (!r.success) {
      const lines = formatIssues(r.error, { file: 'content/examples/disclosure.json', labels: disclosureFieldLabels });
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^content\/examples\/disclosure\.json 字段「行政处罚决定书文号」\(decisionNo\)：.*〔2025〕123号/,
        ),
      );
      expect(lines).toContainEqual(expect.stringContaining('字段「罚款金额（万元）」(fineAmount)'));
    }
  });
});

describe('DisclosureRecordSchema', () => {
  it('accepts a stored record', () => {
    expect(problems(DisclosureRecordSchema, disclosureRecord())).toEqual([]);
  });
  it('needs withdrawal details exactly when withdrawn', () => {
    expect(problems(DisclosureRecordSchema, disclosureRecord({ status: 'withdrawn' })).map((x) => x.path)).toEqual([
      'withdrawal',
    ]);
    const withdrawal = { type: '撤销' as const, reason: '经行政复议决定撤销', at: '2024-08-01T09:00:00+08:00' };
    expect(problems(DisclosureRecordSchema, disclosureRecord({ status: 'withdrawn', withdrawal }))).toEqual([]);
    expect(problems(DisclosureRecordSchema, disclosureRecord({ withdrawal })).map((x) => x.path)).toEqual([
      'withdrawal',
    ]);
  });
  it('checks publication dates', () => {
    expect(
      problems(DisclosureRecordSchema, disclosureRecord({ publicationEndDate: '2024-05-01' })).map((x) => x.path),
    ).toEqual(['publicationEndDate']);
    expect(
      problems(
        DisclosureRecordSchema,
        disclosureRecord({ publishedOn: '2024-05-01', publicationEndDate: '2027-05-01' }),
      ).map((x) => x.path),
    ).toEqual(['publishedOn']);
  });
});

describe('PublicDisclosureSchema', () => {
  it('has no restricted field', () => {
    for (const f of RESTRICTED_DISCLOSURE_FIELDS) expect(Object.keys(PublicDisclosureSchema.shape)).not.toContain(f);
  });
  it('accepts the public projection of a record', () => {
    const record = disclosureRecord({ legalRepIdType: '身份证', legalRepIdNumber: ID_NUMBER });
    const pub = toPublicDisclosure(record);
    expect(pub).not.toHaveProperty('legalRepIdNumber');
    expect(pub).not.toHaveProperty('involvesMinor');
    expect(problems(PublicDisclosureSchema, pub)).toEqual([]);
  });
  it('refuses a full record (restricted fields present)', () => {
    const p = problems(
      PublicDisclosureSchema,
      disclosureRecord({ partyType: '自然人', partyName: '张某', partyIdType: '身份证', partyIdNumber: ID_NUMBER }),
    );
    expect(p.length).toBeGreaterThan(0);
  });
  it('refuses withdrawn records', () => {
    expect(
      problems(PublicDisclosureSchema, { ...toPublicDisclosure(disclosureRecord()), status: 'withdrawn' }).map(
        (x) => x.path,
      ),
    ).toEqual(['status']);
  });
  it('requires a natural person to be shown as 姓+某', () => {
    const person = (partyName: string) =>
      toPublicDisclosure(
        disclosureRecord({
          partyType: '自然人',
          partyName,
          partyCreditCode: undefined,
          legalRepresentative: undefined,
        }),
      );
    expect(problems(PublicDisclosureSchema, person('张某'))).toEqual([]);
    expect(problems(PublicDisclosureSchema, person('欧阳某'))).toEqual([]);
    expect(problems(PublicDisclosureSchema, person('张三')).map((x) => x.path)).toEqual(['partyName']);
  });
  it('refuses ID, phone and bank card numbers in any public text', () => {
    const leak = toPublicDisclosure(
      disclosureRecord({ violationFacts: `当事人身份证号${ID_NUMBER}，电话13912345678。` }),
    );
    expect(problems(PublicDisclosureSchema, leak)).toEqual([
      { path: 'violationFacts', message: '公开文本中不得含有身份证号码、电话号码，请脱敏后再公开' },
    ]);
  });
});

describe('DisclosureTombstoneSchema', () => {
  it('carries only number, date and reason', () => {
    const t = {
      id: 'd-1',
      decisionNo: '滨示市监罚〔2024〕123号',
      status: 'withdrawn',
      date: '2024-08-01',
      withdrawalType: '撤销',
      reason: '经行政复议决定撤销',
    };
    expect(DisclosureTombstoneSchema.safeParse(t).success).toBe(true);
    expect(DisclosureTombstoneSchema.safeParse({ ...t, partyName: '示例公司' }).success).toBe(false);
  });
});

describe('disclosureCfCodes', () => {
  it('maps every 双公示 field to a distinct CF code and has a label for each', () => {
    const codes = Object.values(disclosureCfCodes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(30);
    for (const field of Object.keys(disclosureCfCodes)) {
      expect(disclosureFieldLabels[field]).toBeTruthy();
      expect(Object.keys(DisclosureInputSchema.shape)).toContain(field);
    }
    expect(disclosureCfCodes.fineAmount).toBe('CF_NR_FK');
    expect(AGENCY_CODE).toHaveLength(18);
  });
});
