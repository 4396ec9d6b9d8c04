import { describe, expect, it } from 'vitest';
import { ENTERPRISE_CODE, ID_NUMBER, permitInput } from '../testing/fixtures';
import { fromXkCodes, PermitInputSchema, permitFieldLabels, permitXkCodes, PublicPermitSchema } from './permit';

const problems = (data: unknown) => {
  const r = PermitInputSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('PermitInputSchema', () => {
  it('accepts a complete organisation permit and normalises the number brackets', () => {
    expect(problems(permitInput())).toEqual([]);
    expect(PermitInputSchema.parse(permitInput({ decisionNo: '滨示市监许【2024】88号' })).decisionNo).toBe(
      '滨示市监许〔2024〕88号',
    );
  });

  it('requires the ID of a natural person (restricted) and names the field in Chinese', () => {
    const person = permitInput({ partyType: '自然人', partyName: '张三丰', partyCreditCode: undefined });
    expect(problems(person).map((p) => p.path)).toEqual(['partyIdType', 'partyIdNumber']);
    expect(problems({ ...person, partyIdType: '身份证', partyIdNumber: ID_NUMBER })).toEqual([]);
  });

  it('refuses a 许可类别 outside the national list, listing the allowed values', () => {
    const p = problems({ ...permitInput(), permitCategory: '普通许可' });
    expect(p).toEqual([
      { path: 'permitCategory', message: expect.stringContaining('普通、特许、认可、核准、登记、其他') },
    ]);
  });

  it('checks the validity period against the decision date', () => {
    expect(problems(permitInput({ validFrom: '2024-05-01' })).map((p) => p.path)).toEqual(['validFrom']);
    expect(problems(permitInput({ validUntil: '2024-05-19' })).map((p) => p.path)).toEqual(['validUntil']);
  });

  it('refuses a personal ID or phone number typed as the permit number', () => {
    expect(problems(permitInput({ licenceNo: ID_NUMBER })).map((p) => p.path)).toEqual(['licenceNo']);
    expect(problems(permitInput({ licenceNo: '13912345678' })).map((p) => p.path)).toEqual(['licenceNo']);
    expect(problems(permitInput({ licenceNo: 'JY13201020001234' }))).toEqual([]);
  });
});

describe('XK_* item codes', () => {
  it('every field has a distinct code and a label', () => {
    const codes = Object.values(permitXkCodes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const field of Object.keys(permitXkCodes)) expect(permitFieldLabels[field]).toBeTruthy();
  });

  it('a record written with XK_* codes reads the same as one with field names', () => {
    const named = permitInput();
    const coded: Record<string, unknown> = { agencyId: named.agencyId, field: named.field };
    for (const [field, code] of Object.entries(permitXkCodes)) {
      const v = (named as Record<string, unknown>)[field];
      if (v !== undefined) coded[code] = v;
    }
    coded.XK_ZT = '1';
    expect(PermitInputSchema.parse(fromXkCodes(coded))).toEqual(PermitInputSchema.parse(named));
    expect((fromXkCodes({ ...coded, XK_ZT: '2' }) as { currentState: string }).currentState).toBe('无效');
  });
});

describe('PublicPermitSchema', () => {
  const pub = {
    ...permitInput(),
    id: 'p000000000000001',
    status: 'published',
    publishedOn: '2024-05-21',
    createdAt: '2024-05-21T10:00:00+08:00',
    updatedAt: '2024-05-21T10:00:00+08:00',
  };
  it('has no place for ID fields and shows natural persons as 姓+某', () => {
    expect(PublicPermitSchema.safeParse({ ...pub, partyIdNumber: ID_NUMBER }).success).toBe(false);
    const person = { ...pub, partyType: '自然人', partyCreditCode: undefined, partyName: '张三丰' };
    expect(PublicPermitSchema.safeParse(person).success).toBe(false);
    expect(PublicPermitSchema.safeParse({ ...person, partyName: '张某' }).success).toBe(true);
  });
  it('refuses a phone number in the permit content and an invalid permit', () => {
    expect(PublicPermitSchema.safeParse({ ...pub, permitContent: '联系电话13912345678' }).success).toBe(false);
    expect(PublicPermitSchema.safeParse({ ...pub, currentState: '无效' }).success).toBe(false);
    expect(PublicPermitSchema.safeParse({ ...pub, partyCreditCode: ENTERPRISE_CODE }).success).toBe(true);
  });
});
