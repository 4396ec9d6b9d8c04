import { describe, expect, it } from 'vitest';
import { checkPhone, findPhones } from './phone';

describe('checkPhone', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['+86 138-1234-5678', 'mobile', '13812345678'],
    ['86 19912345678', 'mobile', '19912345678'],
    ['138 1234 5678', 'mobile', '13812345678'],
    ['022-23456789', 'landline', '022-23456789'],
    ['(010)62345678', 'landline', '010-62345678'],
    ['0571-8765432', 'landline', '0571-8765432'],
    ['022-23456789转8012', 'landline', '022-23456789-8012'],
    ['12345', 'service', '12345'],
    ['400-123-4567', 'service', '400-123-4567'],
  ])('accepts %s', (input, kind, normalised) => {
    expect(checkPhone(input)).toEqual({ ok: true, kind, normalised });
  });

  it.each(['12812345678', '1381234567', '138123456789', '022-1234567', '02223456', 'abc', '010-1234567', ''])(
    'rejects %s with a Chinese description',
    (input) => {
      const r = checkPhone(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('11位手机号');
    },
  );
});

describe('findPhones', () => {
  it('finds mobiles and landlines in text', () => {
    const text = '举报人联系电话13912345678，另留座机022-23456789，邮编300000。';
    const found = findPhones(text);
    expect(found.map((f) => [f.kind, f.value])).toEqual([
      ['mobile', '13912345678'],
      ['landline', '022-23456789'],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end).replace(/-/g, '')).toBe(f.value.replace(/-/g, ''));
  });
  it('finds separated and prefixed mobiles', () => {
    expect(findPhones('电话：+86 138-1234-5678。').map((f) => f.value)).toEqual(['13812345678']);
  });
  it('ignores numbers inside longer digit runs and amounts', () => {
    expect(findPhones('账号6222021234567890123')).toEqual([]);
    expect(findPhones('罚款60000元，货值2400元')).toEqual([]);
  });
});
