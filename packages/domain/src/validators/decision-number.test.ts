import { describe, expect, it } from 'vitest';
import { checkDecisionNumber, makeDecisionNumber, normaliseDecisionNumber } from './decision-number';

describe('checkDecisionNumber', () => {
  it('parses an ordinary number', () => {
    expect(checkDecisionNumber('滨示市监罚〔2025〕123号', 2026)).toEqual({
      ok: true,
      normalised: '滨示市监罚〔2025〕123号',
      parts: { prefix: '滨示市监罚', year: 2025, serial: 123, simplified: false },
    });
  });
  it.each([
    '滨示市监罚[2025]123号',
    '滨示市监罚【2025】123号',
    '滨示市监罚(2025)123号',
    '滨示市监罚（2025）123号',
    '滨示市监罚［２０２５］１２３号',
    ' 滨示市监罚 〔2025〕 123号 ',
  ])('normalises %s', (input) => {
    const r = checkDecisionNumber(input, 2026);
    expect(r).toMatchObject({ ok: true, normalised: '滨示市监罚〔2025〕123号' });
  });
  it('recognises simplified-procedure numbers', () => {
    expect(checkDecisionNumber('滨示市监罚简〔2025〕12号', 2026)).toMatchObject({
      ok: true,
      parts: { simplified: true },
    });
    expect(checkDecisionNumber('滨示城管简罚〔2025〕12号', 2026)).toMatchObject({
      ok: true,
      parts: { simplified: true },
    });
    expect(makeDecisionNumber('滨示市监罚', 2025, 12, true)).toBe('滨示市监罚简〔2025〕12号');
  });
  it('accepts 字 and 第', () => {
    expect(checkDecisionNumber('滨示应急罚字〔2024〕第7号', 2026)).toMatchObject({ ok: true, parts: { serial: 7 } });
  });
  it.each([
    ['滨示市监〔2025〕123号', 'format'],
    ['滨示市监罚〔25〕123号', 'format'],
    ['滨示市监罚〔2025〕123', 'format'],
    ['滨示市监罚〔2025〕号', 'format'],
    ['罚〔2025〕123号', 'format'],
    ['ABC罚〔2025〕1号', 'format'],
    ['滨示市监罚〔1985〕1号', 'year'],
    ['滨示市监罚〔2099〕1号', 'year'],
    ['', 'empty'],
  ])('rejects %s (%s) with an example of a valid number', (input, reason) => {
    const r = checkDecisionNumber(input, 2026);
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) expect(r.message).toContain('滨示市监罚〔2025〕123号');
  });
  it('normaliseDecisionNumber only touches brackets, digits and spaces', () => {
    expect(normaliseDecisionNumber('滨示市监罚 [2025] 1号')).toBe('滨示市监罚〔2025〕1号');
  });
});
