import { makeIdNumber } from '@sunlight/domain/validators/id-number';
import { describe, expect, it } from 'vitest';
import { maskPersonName, redactText } from './redact';

describe('maskPersonName', () => {
  it.each([
    ['张三', '张某'],
    ['王小明', '王某'],
    ['欧阳小明', '欧阳某'],
    ['张某', '张某'],
    ['John Smith', '某某'],
  ])('%s → %s', (name, masked) => expect(maskPersonName(name)).toBe(masked));
});

describe('redactText', () => {
  const id = makeIdNumber('11010519800101123');
  it('removes ID, phone and bank card numbers found by check digit and pattern', () => {
    const text = `当事人身份证号${id}，联系电话13812345678，收款卡号6222 0212 3456 7890 128。`;
    const out = redactText(text, { personNames: [] });
    expect(out).not.toContain(id);
    expect(out).not.toContain('13812345678');
    expect(out).not.toMatch(/6222 ?0212/);
    expect(out).toContain('〔证件号码已隐去〕');
    expect(out).toContain('〔电话号码已隐去〕');
  });

  it('masks known person names everywhere and names after role words', () => {
    const out = redactText('经查，张三伙同员工李小四销售过期食品，张三当场承认。', { personNames: ['张三'] });
    expect(out).toBe('经查，张某伙同员工李某销售过期食品，张某当场承认。');
  });

  it('removes home addresses of natural persons', () => {
    const out = redactText('当事人王某，住址：示例市滨江新区幸福路88号3单元501室，经营……', { personNames: [] });
    expect(out).not.toContain('幸福路88号');
    expect(out).toContain('住址：〔住址已隐去〕');
  });

  it('leaves ordinary case text unchanged', () => {
    const text =
      '当事人于2024年3月5日销售超过保质期的食品，货值金额1200元，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。';
    expect(redactText(text, { personNames: [] })).toBe(text);
  });
});
