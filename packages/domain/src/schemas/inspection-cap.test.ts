import { describe, expect, it } from 'vitest';
import { InspectionCapSchema } from './inspection-cap';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('InspectionCapSchema', () => {
  it('accepts a cap and rejects a zero cap', () => {
    const cap = {
      id: 'cap-scjgj-2025',
      agencyId: 'scjgj',
      field: '市场监管',
      year: 2025,
      maxPerEnterprise: 2,
      basis: '示例区涉企行政检查年度计划',
    };
    expect(paths(InspectionCapSchema.safeParse(cap))).toEqual([]);
    expect(paths(InspectionCapSchema.safeParse({ ...cap, maxPerEnterprise: 0 }))).toEqual(['maxPerEnterprise']);
  });
});
