import { describe, expect, it } from 'vitest';
import { InspectionItemSchema, type InspectionItem } from './inspection-item';

const paths = (
  schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  x: unknown,
) => {
  const r = schema.safeParse(x);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));
};

const basis = [{ lawCode: 'FL-0003', article: 124 }];

describe('InspectionItemSchema', () => {
  const item: InspectionItem = {
    code: 'JCSX-000045',
    name: '食品经营者落实食品安全主体责任情况检查',
    agencyId: 'scjgj',
    field: '市场监管',
    basis,
    objectType: '食品经营者',
    methods: ['现场检查', '书面检查'],
    ratio: 5,
    frequency: '每年不少于1次',
    timesPerYear: 1,
    random: true,
  };
  it('accepts an item', () => expect(paths(InspectionItemSchema, item)).toEqual([]));
  it('rejects bad ratio, methods and codes', () => {
    expect(paths(InspectionItemSchema, { ...item, ratio: 120 })).toEqual(['ratio']);
    expect(paths(InspectionItemSchema, { ...item, ratio: -1 })).toEqual(['ratio']);
    expect(paths(InspectionItemSchema, { ...item, methods: ['飞行检查'] })).toEqual(['methods.0']);
    expect(paths(InspectionItemSchema, { ...item, code: 'JC-45' })).toEqual(['code']);
    expect(paths(InspectionItemSchema, { ...item, random: 'yes' })).toEqual(['random']);
  });
});
