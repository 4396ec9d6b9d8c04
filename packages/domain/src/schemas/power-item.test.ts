import { describe, expect, it } from 'vitest';
import { PowerItemSchema, type PowerItem } from './power-item';

const paths = (
  schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  x: unknown,
) => {
  const r = schema.safeParse(x);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));
};

const basis = [{ lawCode: 'FL-0003', article: 124 }];

describe('PowerItemSchema', () => {
  const item: PowerItem = {
    code: 'CF-000123',
    name: '对销售不符合食品安全标准食品的处罚',
    type: '行政处罚',
    basis,
    agencyId: 'scjgj',
    field: '市场监管',
    responsibilities: ['立案责任', '调查责任', '审查责任', '决定责任'],
    accountability: ['没有法律依据实施处罚的'],
  };
  it('accepts a power item', () => expect(paths(PowerItemSchema, item)).toEqual([]));
  it('ties the code prefix to the type', () => {
    expect(paths(PowerItemSchema, { ...item, type: '行政许可' })).toEqual(['code']);
    expect(paths(PowerItemSchema, { ...item, code: 'XK-000001', type: '行政许可' })).toEqual([]);
  });
  it('rejects unknown types, empty lists and bad basis refs', () => {
    expect(paths(PowerItemSchema, { ...item, type: '行政检测' })).toEqual(['type']);
    expect(paths(PowerItemSchema, { ...item, responsibilities: [] })).toEqual(['responsibilities']);
    expect(paths(PowerItemSchema, { ...item, basis: [{ lawCode: 'FL-3', article: 0 }] })).toEqual([
      'basis.0.lawCode',
      'basis.0.article',
    ]);
    expect(paths(PowerItemSchema, { ...item, basis: [...basis, ...basis] })).toEqual(['basis']);
  });
});
