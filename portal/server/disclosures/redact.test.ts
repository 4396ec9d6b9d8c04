import { makeIdNumber } from '@sunlight/domain/validators/id-number';
import { describe, expect, it } from 'vitest';
import { maskPersonName, redact, redactText } from './redact';

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

describe('redact: doubts and ordinary case text', () => {
  const none = { personNames: [] };
  it.each([
    '当事人曾因销售过期食品被处罚，曾于2023年整改。',
    '当事人李记卤味店、张氏诊所未取得许可证。',
    '经营者应当建立进货查验记录制度。',
    '消费者投诉后，执法人员于2024年3月5日10:30到场检查。',
    '依据滨江市监罚〔2025〕41号，罚款41,000元，货值金额8600元。',
    '当事人统一社会信用代码91330106MA2GKQ3R17，食品经营许可证JY13301060012345。',
    '如有异议请拨打12345或400-800-1234。',
    '当事人在经营地址示例市滨江新区江南大道100号销售过期食品。',
  ])('keeps %s', (text) => {
    expect(redact(text, none)).toEqual({ text, doubts: [] });
  });

  it('a digit run it cannot classify is masked and reported as a doubt', () => {
    const r = redact('现场记录数字98765432101234，来源不明。', none);
    expect(r.text).toBe('现场记录数字〔号码已隐去〕，来源不明。');
    expect(r.doubts).toEqual(['14位数字无法判断是否为个人号码（证件、电话、账号）']);
  });

  it('a reviewer who vouched for the text keeps the doubtful part, and the sure parts are still masked', () => {
    const r = redact('样品数字98765432101234，联系电话0086 139 1234 5678。', none, true);
    expect(r).toEqual({ text: '样品数字98765432101234，联系电话〔电话号码已隐去〕。', doubts: [] });
  });

  it('an ID with a wrong check digit is still an ID; an 18-character credit code is not', () => {
    expect(redact('证件号330106196601017712', none).text).toBe('证件号〔证件号码已隐去〕');
    expect(redact('代码12330100470000000A', none).text).toBe('代码12330100470000000A');
  });

  it('masks every fragment and spacing of a known name, but not inside the company that carries it', () => {
    const ctx = { personNames: ['王建华'], protect: [] };
    expect(redact('王 建 华称，建华已签收；示例市建华餐饮有限公司为当事人。', ctx).text).toBe(
      '王某称，某已签收；示例市建华餐饮有限公司为当事人。',
    );
  });

  it('licence plates keep the issuing place and lose the serial', () => {
    expect(redact('车牌号浙A12345的货车', none).text).toBe('车牌号浙A*****的货车');
  });
});
