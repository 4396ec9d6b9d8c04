import { describe, expect, it } from 'vitest';
import { EnforcementItemSchema, type EnforcementItem } from './enforcement-item';

const paths = (
  schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  x: unknown,
) => {
  const r = schema.safeParse(x);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));
};

const basis = [{ lawCode: 'FL-0003', article: 124 }];

describe('EnforcementItemSchema', () => {
  const main: EnforcementItem = {
    code: 'SX-000123',
    name: '食品安全违法行为处罚',
    level: '主项',
    powerCode: 'CF-000123',
    basis,
    agencyId: 'scjgj',
    field: '市场监管',
  };
  const sub: EnforcementItem = {
    ...main,
    code: 'SX-000123-001',
    name: '销售超过保质期食品',
    level: '子项',
    parentCode: 'SX-000123',
  };
  it('accepts main and sub items', () => {
    expect(paths(EnforcementItemSchema, main)).toEqual([]);
    expect(paths(EnforcementItemSchema, sub)).toEqual([]);
  });
  it('requires a matching parent for sub items and none for main items', () => {
    expect(paths(EnforcementItemSchema, { ...sub, parentCode: undefined })).toEqual(['parentCode']);
    expect(paths(EnforcementItemSchema, { ...sub, parentCode: 'SX-000124' })).toEqual(['code']);
    expect(paths(EnforcementItemSchema, { ...main, parentCode: 'SX-000001' })).toEqual(['parentCode']);
    expect(paths(EnforcementItemSchema, { ...main, code: 'SX-000123-001' })).toEqual(['code']);
  });
  it('rejects a bad power code', () => {
    expect(paths(EnforcementItemSchema, { ...main, powerCode: 'CF123' })).toEqual(['powerCode']);
  });
});
