import { describe, expect, it } from 'vitest';
import { formatIssues } from '../errors';
import { LegalBasisSchema, legalBasisFieldLabels, type LegalBasis } from './legal-basis';

const law: LegalBasis = {
  code: 'FL-0001',
  title: '中华人民共和国行政处罚法',
  level: '法律',
  issuingBody: '全国人民代表大会常务委员会',
  effectiveDate: '2021-07-15',
  articles: [
    { number: 1, label: '第一条', chapter: '第一章 总则', text: '为了规范行政处罚的设定和实施……制定本法。' },
    { number: 48, label: '第四十八条', text: '具有一定社会影响的行政处罚决定应当依法公开。' },
  ],
};

describe('LegalBasisSchema', () => {
  it('accepts a coded law', () => {
    expect(LegalBasisSchema.safeParse(law).success).toBe(true);
  });
  it('requires the code prefix to match the level', () => {
    const r = LegalBasisSchema.safeParse({ ...law, code: 'BMGZ-0001' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toContain('“FL-”');
    expect(LegalBasisSchema.safeParse({ ...law, code: 'FL-1' }).success).toBe(false);
  });
  it('rejects duplicate article numbers and wrong labels, naming the article', () => {
    const r = LegalBasisSchema.safeParse({
      ...law,
      articles: [...law.articles, { number: 48, label: '第四十九条', text: '重复' }],
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      const lines = formatIssues(r.error, {
        file: 'laws.json',
        record: 1,
        id: 'FL-0001',
        labels: legalBasisFieldLabels,
      });
      expect(lines).toEqual([
        'laws.json 第1条（id=FL-0001）字段「条号」(articles[2].number)：条号48重复，每条的条号应唯一',
        'laws.json 第1条（id=FL-0001）字段「条标签」(articles[2].label)：条号48的标签应为“第四十八条”',
      ]);
    }
  });
  it('rejects non-integer article numbers and impossible dates', () => {
    expect(
      LegalBasisSchema.safeParse({ ...law, articles: [{ number: 1.5, label: '第一条', text: 'x' }] }).success,
    ).toBe(false);
    expect(LegalBasisSchema.safeParse({ ...law, effectiveDate: '2021-02-30' }).success).toBe(false);
    expect(LegalBasisSchema.safeParse({ ...law, articles: [] }).success).toBe(false);
  });
});
