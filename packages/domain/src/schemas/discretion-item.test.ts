import { describe, expect, it } from 'vitest';
import { DiscretionItemSchema, type DiscretionItem } from './discretion-item';

const paths = (
  schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  x: unknown,
) => {
  const r = schema.safeParse(x);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));
};

const basis = [{ lawCode: 'FL-0003', article: 124 }];

describe('DiscretionItemSchema', () => {
  const item: DiscretionItem = {
    id: 'BY-0012',
    kind: '不予处罚',
    violation: '未按规定公示食品经营许可证',
    basis,
    conditions: ['首次违法', '危害后果轻微并及时改正'],
    outcome: '不予行政处罚，责令改正',
    agencyId: 'scjgj',
    field: '市场监管',
  };
  it('accepts an item', () => expect(paths(DiscretionItemSchema, item)).toEqual([]));
  it('ties the id prefix to the kind', () => {
    expect(paths(DiscretionItemSchema, { ...item, kind: '从重处罚' })).toEqual(['id']);
    expect(paths(DiscretionItemSchema, { ...item, id: 'CZ-0001', kind: '从重处罚' })).toEqual([]);
    expect(paths(DiscretionItemSchema, { ...item, kind: '免予处罚' })).toEqual(['kind']);
  });
  it('needs at least one condition', () => {
    expect(paths(DiscretionItemSchema, { ...item, conditions: [] })).toEqual(['conditions']);
  });
});
