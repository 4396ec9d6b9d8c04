import { describe, expect, it } from 'vitest';
import { validate } from '../errors';
import { AGENCY_CODE } from '../testing/fixtures';
import { AgencySchema, agencyFieldLabels, type Agency } from './agency';

const agency: Agency = {
  id: 'scjgj',
  name: '示例区市场监督管理局',
  shortName: '区市场监管局',
  creditCode: AGENCY_CODE,
  level: '区级',
  category: 'C',
  fields: ['市场监管'],
  address: '示例区滨河路1号',
  phone: '022-23456789',
  complaintPhone: '12345',
  website: 'https://scjgj.example.org',
  remedy: { reconsiderationBody: '示例区人民政府', litigationCourt: '示例区人民法院' },
};

describe('AgencySchema', () => {
  it('accepts a valid agency', () => {
    expect(AgencySchema.safeParse(agency).success).toBe(true);
  });
  it('requires a fully valid credit code for agencies', () => {
    const bad = AGENCY_CODE.slice(0, 17) + (AGENCY_CODE[17] === '0' ? '1' : '0');
    const r = validate(
      AgencySchema,
      { ...agency, creditCode: bad },
      { file: 'content/sample/agencies.json', record: 3, id: 'scjgj', labels: agencyFieldLabels },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.messages).toEqual([
        expect.stringMatching(
          /^content\/sample\/agencies\.json 第3条（id=scjgj）字段「统一社会信用代码」\(creditCode\)：统一社会信用代码应为18位.*第18位应为/,
        ),
      ]);
    }
  });
  it('ties the category to the level', () => {
    expect(AgencySchema.safeParse({ ...agency, level: '街道', category: 'B' }).success).toBe(true);
    expect(AgencySchema.safeParse({ ...agency, level: '开发区', category: 'A' }).success).toBe(true);
    const r = AgencySchema.safeParse({ ...agency, level: '街道', category: 'C' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(['category']);
  });
  it('rejects bad ids, phones, empty fields and self-parents', () => {
    const paths = (a: unknown) => {
      const r = AgencySchema.safeParse(a);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...agency, id: 'SCJGJ' })).toEqual(['id']);
    expect(paths({ ...agency, phone: '123' })).toEqual(['phone']);
    expect(paths({ ...agency, fields: [] })).toEqual(['fields']);
    expect(paths({ ...agency, fields: ['城管'] })).toEqual(['fields.0']);
    expect(paths({ ...agency, parentId: 'scjgj' })).toEqual(['parentId']);
    expect(paths({ ...agency, website: 'ftp://x.example.org' })).toEqual(['website']);
  });
});
