import { describe, expect, it } from 'vitest';
import { CheckInSchema, EvaluationSchema } from '@sunlight/domain/schemas/evaluation';
import { makeCreditCode } from '@sunlight/domain/validators/credit-code';
import {
  buildCheckIn,
  buildEvaluation,
  creditCodeFeedback,
  emptyEvaluationForm,
  firstError,
  toggleProblem,
} from '../src/lib/forms';

const CODE = makeCreditCode('91990116E1HKN4XBF');
const WRONG_CHECK = CODE.slice(0, 17) + (CODE[17] === '0' ? '1' : '0');
const ctx = { clientId: '3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f', token: 'aaa.bbb.ccc' };
const fullRatings = { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 3, overall: 4 };

describe('creditCodeFeedback (checked on the spot)', () => {
  it('accepts a valid code, whatever spaces, hyphens and case were typed', () => {
    expect(creditCodeFeedback(CODE)).toMatchObject({ state: 'ok', normalised: CODE });
    expect(creditCodeFeedback(` ${CODE.slice(0, 6).toLowerCase()}-${CODE.slice(6)} `)).toMatchObject({
      state: 'ok',
      normalised: CODE,
    });
  });

  it('counts while typing and names the right check character when it is wrong', () => {
    expect(creditCodeFeedback('')).toMatchObject({ state: 'empty' });
    expect(creditCodeFeedback(CODE.slice(0, 10))).toMatchObject({ state: 'typing', message: '已输入 10/18 位' });
    const f = creditCodeFeedback(WRONG_CHECK);
    expect(f.state).toBe('checksum');
    expect(f.message).toContain(`应为${CODE[17]}`);
  });

  it('says which character is not allowed', () => {
    const f = creditCodeFeedback(`${CODE.slice(0, 5)}I${CODE.slice(6)}`);
    expect(f.state).toBe('error');
    expect(f.message).toContain('第6位');
    expect(creditCodeFeedback(CODE + '1').state).toBe('error');
  });
});

describe('buildEvaluation (事后评价)', () => {
  it('builds exactly the API body, which the shared schema accepts', () => {
    const r = buildEvaluation(
      {
        creditCode: CODE.toLowerCase(),
        ratings: fullRatings,
        problems: ['repeated', 'no_credentials'],
        comment: '  一周内第三次检查。 ',
      },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).toEqual({
      clientId: ctx.clientId,
      creditCode: CODE,
      token: ctx.token,
      ratings: fullRatings,
      problems: ['repeated', 'no_credentials'],
      comment: '一周内第三次检查。',
    });
    expect(EvaluationSchema.parse(r.body)).toEqual(r.body);
  });

  it('omits an empty comment and allows no problems', () => {
    const r = buildEvaluation({ creditCode: CODE, ratings: fullRatings, problems: [], comment: '   ' }, ctx);
    expect(r.ok && r.body).toMatchObject({ problems: [] });
    expect(r.ok && 'comment' in r.body).toBe(false);
  });

  it('names every missing rating, the credit code and a missing token', () => {
    const r = buildEvaluation({ ...emptyEvaluationForm(), ratings: { overall: 3 } }, { ...ctx, token: undefined });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        'creditCode',
        'ratings.courtesy',
        'ratings.efficiency',
        'ratings.integrity',
        'ratings.lawfulness',
        'token',
      ].sort(),
    );
    expect(r.errors['ratings.lawfulness']).toContain('规范执法');
    expect(firstError(r.errors)).toBeTruthy();
  });

  it('refuses a code whose check character is wrong unless the person confirms it is their legacy code', () => {
    const form = { creditCode: WRONG_CHECK, ratings: fullRatings, problems: [], comment: '' };
    expect(buildEvaluation(form, ctx)).toMatchObject({ ok: false });
    expect(buildEvaluation({ ...form, acceptLegacyCode: true }, ctx)).toMatchObject({ ok: true });
  });

  it('refuses an over-long comment and ratings outside 1–5 (through the schema)', () => {
    expect(
      buildEvaluation({ creditCode: CODE, ratings: fullRatings, problems: [], comment: '字'.repeat(501) }, ctx),
    ).toMatchObject({
      ok: false,
      errors: { comment: expect.stringContaining('500') },
    });
    const r = buildEvaluation(
      { creditCode: CODE, ratings: { ...fullRatings, overall: 6 }, problems: [], comment: '' },
      ctx,
    );
    expect(r).toMatchObject({ ok: false, errors: { 'ratings.overall': expect.any(String) } });
    const bad = buildEvaluation(
      { creditCode: CODE, ratings: fullRatings, problems: [], comment: '' },
      { ...ctx, clientId: 'x' },
    );
    expect(bad).toMatchObject({ ok: false, errors: { clientId: expect.any(String) } });
  });

  it('toggles problems in the schema order without duplicates', () => {
    let xs = toggleProblem([], 'other');
    xs = toggleProblem(xs, 'arbitrary');
    xs = toggleProblem(xs, 'no_credentials');
    expect(xs).toEqual(['no_credentials', 'arbitrary', 'other']);
    expect(toggleProblem(xs, 'arbitrary')).toEqual(['no_credentials', 'other']);
  });
});

describe('buildCheckIn (事中登记)', () => {
  it('builds the API body', () => {
    const r = buildCheckIn({ creditCode: CODE, credentialsShown: false }, ctx);
    expect(r).toEqual({
      ok: true,
      body: { clientId: ctx.clientId, creditCode: CODE, token: ctx.token, credentialsShown: false },
    });
    expect(r.ok && CheckInSchema.parse(r.body)).toBeTruthy();
  });

  it('requires the yes/no answer and the credit code', () => {
    const r = buildCheckIn({ creditCode: '', credentialsShown: undefined }, ctx);
    expect(r).toMatchObject({
      ok: false,
      errors: { creditCode: expect.any(String), credentialsShown: expect.any(String) },
    });
  });
});
