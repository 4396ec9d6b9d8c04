import { describe, expect, it } from 'vitest';
import { ENTERPRISE_CODE } from '../testing/fixtures';
import { EnterpriseSchema, lintEnterprise, type Enterprise } from './enterprise';

const enterprise: Enterprise = {
  creditCode: ENTERPRISE_CODE,
  name: '示例区甲乙丙商贸有限公司',
  type: '企业',
  legalRepresentative: '王某某',
  address: '示例区滨河路88号',
  industry: '批发和零售业',
  region: '示例街道',
  registeredDate: '2016-04-12',
};
const legacy = ENTERPRISE_CODE.slice(0, 17) + (ENTERPRISE_CODE[17] === 'Y' ? 'X' : 'Y');

describe('EnterpriseSchema', () => {
  it('accepts an enterprise and normalises its code', () => {
    const r = EnterpriseSchema.parse({ ...enterprise, creditCode: ` ${ENTERPRISE_CODE.toLowerCase()} ` });
    expect(r.creditCode).toBe(ENTERPRISE_CODE);
    expect(lintEnterprise(r)).toEqual([]);
  });
  it('keeps a legacy code that fails its check character, with a warning until it is flagged', () => {
    const e = EnterpriseSchema.parse({ ...enterprise, creditCode: legacy });
    expect(lintEnterprise(e)).toEqual([
      { path: ['creditCode'], code: 'checksum_mismatch', message: expect.stringContaining('creditCodeFlag') },
    ]);
    const flagged = EnterpriseSchema.parse({ ...enterprise, creditCode: legacy, creditCodeFlag: 'checksum_mismatch' });
    expect(lintEnterprise(flagged)).toEqual([]);
  });
  it('rejects a flag on a valid code and malformed codes', () => {
    expect(EnterpriseSchema.safeParse({ ...enterprise, creditCodeFlag: 'checksum_mismatch' }).success).toBe(false);
    expect(EnterpriseSchema.safeParse({ ...enterprise, creditCode: ENTERPRISE_CODE.slice(1) }).success).toBe(false);
    expect(
      EnterpriseSchema.safeParse({
        ...enterprise,
        creditCode: `${ENTERPRISE_CODE.slice(0, 10)}I${ENTERPRISE_CODE.slice(11)}`,
      }).success,
    ).toBe(false);
  });
});
