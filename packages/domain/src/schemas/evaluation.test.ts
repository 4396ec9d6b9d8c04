import { describe, expect, it } from 'vitest';
import { formatIssues } from '../errors';
import { ENTERPRISE_CODE } from '../testing/fixtures';
import {
  CheckInSchema,
  EvaluationSchema,
  evaluationFieldLabels,
  problemLabels,
  ratingLabels,
  type Evaluation,
} from './evaluation';

const token = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJubyI6IkpDWi0yMDI1LTAwMDAwNDItNyJ9.c2lnbmF0dXJl';
const body: Evaluation = {
  clientId: '3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f',
  proof: 'slb1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  token,
  ratings: { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 3, overall: 4 },
  problems: ['repeated'],
  comment: '一周内同一事项检查两次。',
};

describe('EvaluationSchema', () => {
  it('accepts the documented body', () => expect(EvaluationSchema.safeParse(body).success).toBe(true));
  it('rejects ratings outside 1–5, non-integers and missing dimensions', () => {
    expect(EvaluationSchema.safeParse({ ...body, ratings: { ...body.ratings, overall: 6 } }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, ratings: { ...body.ratings, overall: 0 } }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, ratings: { ...body.ratings, overall: 3.5 } }).success).toBe(false);
    const { efficiency: _e, ...missing } = body.ratings;
    const r = EvaluationSchema.safeParse({ ...body, ratings: missing });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(formatIssues(r.error, { labels: evaluationFieldLabels })).toEqual([
        '字段「效率」(ratings.efficiency)：必填，不能缺少；应为1–5的整数评分',
      ]);
    }
  });
  it('rejects duplicate or unknown problems and long comments', () => {
    expect(EvaluationSchema.safeParse({ ...body, problems: ['repeated', 'repeated'] }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, problems: ['bribery'] }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, comment: '好'.repeat(501) }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, comment: '好'.repeat(500) }).success).toBe(true);
  });
  it('rejects a bad client id or token', () => {
    expect(EvaluationSchema.safeParse({ ...body, clientId: 'abc' }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, token: 'not-a-jws' }).success).toBe(false);
  });
  it('has Chinese labels for every problem and rating', () => {
    expect(Object.values(problemLabels)).toEqual([
      '未亮证/未扫码',
      '随意检查',
      '重复检查',
      '多头检查',
      '态度问题',
      '索拿卡要',
      '其他',
    ]);
    expect(Object.values(ratingLabels)).toEqual(['规范执法', '文明礼貌', '廉洁自律', '效率', '总体满意']);
  });
});

describe('CheckInSchema', () => {
  it('accepts the documented body and needs credentialsShown', () => {
    const checkIn = { clientId: body.clientId, proof: body.proof, token, credentialsShown: false };
    expect(CheckInSchema.safeParse(checkIn).success).toBe(true);
    expect(CheckInSchema.safeParse({ ...checkIn, credentialsShown: 'no' }).success).toBe(false);
  });
  it('takes no credit code: who the business is comes from its proof, never from a public code', () => {
    const checkIn = { clientId: body.clientId, token, credentialsShown: true };
    expect(CheckInSchema.safeParse({ ...checkIn, creditCode: ENTERPRISE_CODE }).success).toBe(false);
    expect(EvaluationSchema.safeParse({ ...body, creditCode: ENTERPRISE_CODE }).success).toBe(false);
    // Parsed without a proof, so that the server can refuse it with a clear message and record the attempt.
    expect(CheckInSchema.safeParse(checkIn).success).toBe(true);
    expect(CheckInSchema.safeParse({ ...checkIn, proof: 'short' }).success).toBe(false);
  });
});
