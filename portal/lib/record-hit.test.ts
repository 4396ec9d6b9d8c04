import { describe, expect, it } from 'vitest';
import { mixedFixtureDocs } from '../../search-indexer/test/fixture';
import { hitView, recordFieldLabels } from './record-hit';

const docs = mixedFixtureDocs(20, 8, 8);
const first = (type: string) => docs.find((d) => d.type === type)!;

describe('a search hit reads for its record type', () => {
  it('a penalty shows its categories and fine, and links to /disclosures', () => {
    const d = docs.find((x) => x.type === 'penalty' && x.fineYuan > 0)!;
    const v = hitView(d);
    expect(v).toMatchObject({ typeLabel: '行政处罚', href: `/disclosures/${d.id}`, kindLabel: '违法行为类型' });
    expect(v.outcome).toContain('罚款');
    expect(v.outcome).toContain(d.categories[0]);
  });

  it('a permit shows its certificate, category and number, and never a fine', () => {
    const d = first('permit');
    const v = hitView(d);
    expect(v).toMatchObject({ typeLabel: '行政许可', href: `/permits/${d.id}`, kindLabel: '许可证书名称' });
    expect(v.numberLabel).toBe('行政许可决定文书号');
    expect(v.outcome).toBe(`许可类别 ${d.categories[0]}，许可编号 ${d.penaltyContent}`);
    for (const text of [v.outcome, v.kindLabel, v.dateLabel, v.factsLabel]) expect(text).not.toMatch(/罚|违法/);
  });

  it('an inspection result shows its task and result, and links to /inspection-results', () => {
    const d = first('inspection-result');
    const v = hitView(d);
    expect(v).toMatchObject({ typeLabel: '检查结果', href: `/inspection-results/${d.id}`, dateLabel: '检查完成日期' });
    expect(v.outcome).toBe(`检查结果 ${d.categories[0]}`);
    for (const text of [v.outcome, v.kindLabel, v.factsLabel]) expect(text).not.toMatch(/罚|违法/);
  });

  it('each type names its own date', () => {
    expect(
      new Set(['penalty', 'permit', 'inspection-result'].map((t) => recordFieldLabels(t as never).dateLabel)).size,
    ).toBe(3);
  });
});
