import { describe, expect, it } from 'vitest';
import { createApiClient, operationUrl, UnreadableAnswer, type HttpRequest, type HttpResponse } from './client';
import { operations } from './index';

function fake(answer: HttpResponse) {
  const calls: HttpRequest[] = [];
  const http = async (req: HttpRequest) => {
    calls.push(req);
    return answer;
  };
  return { calls, api: createApiClient(http, 'https://portal.example') };
}

const CREDENTIAL = {
  credential: `slb1.${'A'.repeat(16)}.${'B'.repeat(43)}`,
  subjectId: 'bs-1',
  creditCode: '91990116E1HKN4XBFH',
  enterpriseName: null,
  message: '本机已绑定',
};

describe('the API client', () => {
  it('fills path parameters and leaves out query parameters that are not given', async () => {
    expect(operationUrl('', operations.verifyCertificate, { no: 'JCZ 1/2' }, { t: undefined })).toBe(
      '/api/v1/certificates/JCZ%201%2F2',
    );
    const { calls, api } = fake({ status: 404, data: {} });
    await api.verifyCertificate('JCZ-2026-0004321-5', 'a.b.c');
    expect(calls[0]).toMatchObject({
      url: 'https://portal.example/api/v1/certificates/JCZ-2026-0004321-5?t=a.b.c',
      method: 'GET',
    });
  });

  it('answers a documented success with the body its schema reads (unknown fields dropped)', async () => {
    const { calls, api } = fake({ status: 201, data: { ...CREDENTIAL, extra: 'x' } });
    const body = { code: '7KQ2-M9XD-4HTP-WN3C', deviceId: '3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f' };
    const answer = await api.enrolBusiness(body);
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://portal.example/api/v1/business/enrolments', body });
    expect(answer).toEqual({ ok: true, status: 201, body: CREDENTIAL });
  });

  it('answers a problem with its detail, and the parsed problem when it is one', async () => {
    const problem = {
      type: 'https://p/problems/forbidden',
      title: '无权执行此操作',
      status: 403,
      detail: '登记码无效',
    };
    expect(await fake({ status: 403, data: problem }).api.enrolBusiness(CREDENTIAL as never)).toEqual({
      ok: false,
      status: 403,
      problem,
      message: '登记码无效',
    });
    expect(await fake({ status: 502, data: 'Bad Gateway' }).api.publicKeys()).toEqual({
      ok: false,
      status: 502,
      problem: undefined,
      message: '服务器返回 502',
    });
  });

  it('refuses a success answer that is not what the API documents, keeping its status', async () => {
    const wrong = fake({ status: 201, data: { outcome: 'recorded' } });
    const error = await wrong.api.checkIn('JCZ-2026-0004321-5', {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableAnswer);
    expect((error as UnreadableAnswer).status).toBe(201);
    const undocumented = await fake({ status: 202, data: CREDENTIAL })
      .api.enrolBusiness(CREDENTIAL as never)
      .catch((e: unknown) => e);
    expect(undocumented).toBeInstanceOf(UnreadableAnswer);
  });
});
