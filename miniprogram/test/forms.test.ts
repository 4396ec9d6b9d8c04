import { describe, expect, it } from 'vitest';
import { CheckInSchema, EvaluationSchema } from '@sunlight/domain/schemas/evaluation';
import { buildCheckIn, buildEvaluation, emptyEvaluationForm, firstError, toggleProblem } from '../src/lib/forms';

const ctx = { clientId: '3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f', token: 'aaa.bbb.ccc', bound: true };
const fullRatings = { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 3, overall: 4 };

describe('buildEvaluation (事后评价)', () => {
  it('builds exactly the API body, which the shared schema accepts', () => {
    const r = buildEvaluation(
      {
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
      token: ctx.token,
      ratings: fullRatings,
      problems: ['repeated', 'no_credentials'],
      comment: '一周内第三次检查。',
    });
    expect(EvaluationSchema.parse(r.body)).toEqual(r.body);
  });

  it('omits an empty comment and allows no problems', () => {
    const r = buildEvaluation({ ratings: fullRatings, problems: [], comment: '   ' }, ctx);
    expect(r.ok && r.body).toMatchObject({ problems: [] });
    expect(r.ok && 'comment' in r.body).toBe(false);
  });

  it('names every missing rating, a missing token and an unbound device', () => {
    const r = buildEvaluation(
      { ...emptyEvaluationForm(), ratings: { overall: 3 } },
      { ...ctx, token: undefined, bound: false },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      ['proof', 'ratings.courtesy', 'ratings.efficiency', 'ratings.integrity', 'ratings.lawfulness', 'token'].sort(),
    );
    expect(r.errors['ratings.lawfulness']).toContain('规范执法');
    expect(firstError(r.errors)).toBeTruthy();
  });

  it('refuses an over-long comment and ratings outside 1–5 (through the schema)', () => {
    expect(buildEvaluation({ ratings: fullRatings, problems: [], comment: '字'.repeat(501) }, ctx)).toMatchObject({
      ok: false,
      errors: { comment: expect.stringContaining('500') },
    });
    const r = buildEvaluation({ ratings: { ...fullRatings, overall: 6 }, problems: [], comment: '' }, ctx);
    expect(r).toMatchObject({ ok: false, errors: { 'ratings.overall': expect.any(String) } });
    const bad = buildEvaluation({ ratings: fullRatings, problems: [], comment: '' }, { ...ctx, clientId: 'x' });
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
    const r = buildCheckIn({ credentialsShown: false }, ctx);
    expect(r).toEqual({
      ok: true,
      body: { clientId: ctx.clientId, token: ctx.token, credentialsShown: false },
    });
    expect(r.ok && CheckInSchema.parse(r.body)).toBeTruthy();
  });

  it('requires the yes/no answer and a bound business identity (no credit code: it proves nothing)', () => {
    const r = buildCheckIn({ credentialsShown: undefined }, { ...ctx, bound: false });
    expect(r).toMatchObject({
      ok: false,
      errors: { proof: expect.stringContaining('登记码'), credentialsShown: expect.any(String) },
    });
  });
});
