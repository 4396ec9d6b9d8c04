import { describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationContent } from '@sunlight/domain/schemas/evaluation';
import { History } from '../src/lib/history';
import type { HttpRequest } from '../src/lib/http';
import {
  BACKOFF,
  backoffDelay,
  httpSender,
  itemPath,
  OfflineQueue,
  queueStateText,
  type Sender,
} from '../src/lib/queue';
import { MemoryStore } from '../src/lib/storage';
import { uuidV4 } from '../src/lib/uuid';
import type { VerificationView } from '../src/lib/verification';
import { fakeHttp, NO } from './helpers';

const TOKEN = 'aaa.bbb.ccc';
const PROOF = `slb1.${'A'.repeat(16)}.${'B'.repeat(43)}`;
const proof = () => PROOF;
const evaluation = (clientId = uuidV4()): EvaluationContent => ({
  clientId,
  token: TOKEN,
  ratings: { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 3, overall: 4 },
  problems: [],
});

/** A portal that, like the real one, stores one submission per clientId and replays the answer. */
function idempotentServer() {
  const stored = new Map<string, unknown>();
  let received = 0;
  const api = fakeHttp((req: HttpRequest) => {
    received++;
    const body = req.body as { clientId: string };
    const answer = (message: string) => ({
      outcome: 'created',
      certificateNo: NO,
      evaluatedAt: '2026-11-20T10:00:00+08:00',
      revisions: 1,
      editableUntil: '2026-11-27T10:00:00+08:00',
      ratings: { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 3, overall: 4 },
      problems: [],
      message,
    });
    // A replay answers with the status and body of the first answer.
    if (stored.has(body.clientId)) return { status: 201, data: answer('感谢评价') };
    stored.set(body.clientId, body);
    return { status: 201, data: answer('感谢评价') };
  });
  return { ...api, stored, received: () => received };
}

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('backoffDelay', () => {
  it('doubles from 2 s, with jitter between 50 % and 100 %, capped at 5 minutes', () => {
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(2, () => 1)).toBe(4000);
    expect(backoffDelay(5, () => 1)).toBe(32_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF.maxMs);
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF.maxMs / 2);
  });
});

describe('OfflineQueue', () => {
  it('stores the submission before sending it, under its clientId, and marks it sent', async () => {
    const store = new MemoryStore();
    const seen: string[] = [];
    const send: Sender = async () => {
      seen.push(store.get('sunlight.queue') ?? '');
      return { kind: 'sent', status: 201, message: '感谢评价' };
    };
    const q = new OfflineQueue({ store, send });
    const body = evaluation();
    const item = q.enqueue('evaluation', NO, body);
    expect(item).toMatchObject({ id: body.clientId, state: 'pending' });
    expect(queueStateText(q.get(body.clientId)).text).toBe('已保存，待发送');
    await q.flush();
    expect(seen[0]).toContain(body.clientId); // persisted before the network was touched
    expect(q.get(body.clientId)).toMatchObject({ state: 'sent', status: 201, message: '感谢评价', attempts: 1 });
    expect(queueStateText(q.get(body.clientId)).text).toBe('已提交');
  });

  it('keeps a submission pending through network failures, backing off, and survives a restart', async () => {
    const store = new MemoryStore();
    const c = clock();
    const server = idempotentServer();
    server.state.down = true;
    const make = () =>
      new OfflineQueue({ store, send: httpSender(server.http, 'http://api', proof), now: c.now, random: () => 1 });
    const q = make();
    const body = evaluation();
    q.enqueue('evaluation', NO, body);
    await q.flush();
    expect(q.get(body.clientId)).toMatchObject({ state: 'pending', attempts: 1, lastError: '网络不可用' });
    expect(q.nextDueAt()).toBe(c.t + 2000);

    await q.flush(); // not due yet: nothing sent
    expect(server.calls).toHaveLength(1);
    c.t += 2000;
    await q.flush();
    expect(q.get(body.clientId)).toMatchObject({ attempts: 2 });
    expect(q.nextDueAt()).toBe(c.t + 4000);

    // The app is killed and started again: the queue is read back from storage.
    const q2 = make();
    expect(q2.pending().map((x) => x.id)).toEqual([body.clientId]);
    server.state.down = false;
    await q2.flush({ force: true }); // app shown / network back: send now, whatever the backoff
    expect(q2.get(body.clientId)).toMatchObject({ state: 'sent', status: 201 });
    expect(server.stored.size).toBe(1);
    expect(server.calls.at(-1)).toMatchObject({
      method: 'POST',
      url: `http://api${itemPath({ kind: 'evaluation', certificateNo: NO })}`,
    });
    expect(server.calls.at(-1)?.body as Evaluation).toEqual({ ...body, proof: PROOF });
    // The proof is attached when sending, never kept in the stored queue.
    expect(store.get('sunlight.queue')).not.toContain(PROOF);
  });

  it('never sends without this device’s business identity: the item waits, then goes once bound', async () => {
    const store = new MemoryStore();
    const server = idempotentServer();
    let credential: string | undefined;
    const q = new OfflineQueue({ store, send: httpSender(server.http, '', () => credential), random: () => 1 });
    const body = evaluation();
    q.enqueue('evaluation', NO, body);
    await q.flush({ force: true });
    expect(server.calls).toHaveLength(0);
    expect(q.get(body.clientId)).toMatchObject({ state: 'pending', lastError: expect.stringContaining('绑定') });
    credential = PROOF;
    await q.flush({ force: true });
    expect(q.get(body.clientId)?.state).toBe('sent');
    expect(server.calls).toHaveLength(1);
    expect((server.calls[0]!.body as Evaluation).proof).toBe(PROOF);
  });

  it('counts a taken submission as sent even when its answer is not worded as documented (no endless resend)', async () => {
    const api = fakeHttp(() => ({ status: 201, data: { outcome: 'created' } }));
    const q = new OfflineQueue({ store: new MemoryStore(), send: httpSender(api.http, '', proof), random: () => 1 });
    const body = evaluation();
    q.enqueue('evaluation', NO, body);
    await q.flush();
    expect(q.get(body.clientId)).toMatchObject({ state: 'sent', status: 201 });
    expect(q.get(body.clientId)?.message).toBeUndefined();
    await q.flush({ force: true });
    expect(api.calls).toHaveLength(1);
  });

  it('retries on 5xx and 429, and gives up only on a refusal (4xx), keeping the reason', async () => {
    const store = new MemoryStore();
    const c = clock();
    const answers = [
      { status: 503, data: {} },
      { status: 429, data: {} },
      { status: 403, data: { detail: '这张检查证不是对贵单位的检查' } },
    ];
    const api = fakeHttp(() => answers.shift()!);
    const q = new OfflineQueue({ store, send: httpSender(api.http, '', proof), now: c.now, random: () => 1 });
    const body = evaluation();
    q.enqueue('evaluation', NO, body);
    await q.flush();
    expect(q.get(body.clientId)?.state).toBe('pending');
    await q.flush({ force: true });
    expect(q.get(body.clientId)?.state).toBe('pending');
    await q.flush({ force: true });
    const item = q.get(body.clientId);
    expect(item).toMatchObject({ state: 'rejected', status: 403, attempts: 3 });
    expect(queueStateText(item).text).toContain('这张检查证不是对贵单位的检查');
    await q.flush({ force: true });
    expect(api.calls).toHaveLength(3); // a refusal is final: never resent
  });

  it('delivers exactly once even when the answer is lost and the request is retried', async () => {
    const store = new MemoryStore();
    const server = idempotentServer();
    let loseAnswer = true;
    const send = httpSender(
      async (req) => {
        const res = await server.http(req);
        if (loseAnswer) {
          loseAnswer = false;
          throw new Error('timeout'); // the server stored it, the phone never heard back
        }
        return res;
      },
      '',
      proof,
    );
    const q = new OfflineQueue({ store, send });
    const body = evaluation();
    q.enqueue('evaluation', NO, body);
    await q.flush();
    expect(q.get(body.clientId)?.state).toBe('pending');
    await q.flush({ force: true });
    expect(q.get(body.clientId)?.state).toBe('sent');
    expect(server.received()).toBe(2);
    expect(server.stored.size).toBe(1); // the retry was a harmless duplicate
  });

  it('makes one submission of a double tap, and one flush of concurrent triggers', async () => {
    const store = new MemoryStore();
    let release: () => void = () => {};
    let sends = 0;
    const send: Sender = () => {
      sends++;
      return new Promise((r) => (release = () => r({ kind: 'sent', status: 201 })));
    };
    const q = new OfflineQueue({ store, send });
    const body = evaluation();
    q.enqueue('evaluation', NO, body);
    q.enqueue('evaluation', NO, body);
    expect(q.items()).toHaveLength(1);
    const a = q.flush({ force: true });
    const b = q.flush({ force: true }); // e.g. "online" and "visible" at the same moment
    await Promise.resolve();
    release();
    await Promise.all([a, b]);
    expect(sends).toBe(1);
    expect(q.get(body.clientId)?.state).toBe('sent');
  });

  it('sends an item enqueued during a flush in the same run', async () => {
    const store = new MemoryStore();
    const server = idempotentServer();
    const q = new OfflineQueue({ store, send: httpSender(server.http, '', proof) });
    const first = evaluation();
    const second = evaluation();
    q.enqueue('evaluation', NO, first);
    const running = q.flush();
    q.enqueue('checkin', NO, { clientId: second.clientId, token: TOKEN, credentialsShown: true });
    void q.flush({ force: true });
    await running;
    await q.flush();
    expect(q.items().map((x) => x.state)).toEqual(['sent', 'sent']);
    expect(server.stored.size).toBe(2);
  });

  it('notifies subscribers on every change', async () => {
    const q = new OfflineQueue({ store: new MemoryStore(), send: async () => ({ kind: 'sent', status: 201 }) });
    let n = 0;
    const off = q.subscribe(() => n++);
    q.enqueue('evaluation', NO, evaluation());
    await q.flush();
    off();
    q.enqueue('evaluation', NO, evaluation());
    expect(n).toBe(2);
  });

  it('reads a corrupted store as empty instead of crashing', () => {
    const store = new MemoryStore();
    store.set('sunlight.queue', '{not json');
    expect(new OfflineQueue({ store, send: async () => ({ kind: 'sent', status: 201 }) }).items()).toEqual([]);
  });
});

describe('History (我的检查记录)', () => {
  const view = (over: Partial<VerificationView> = {}): VerificationView => ({
    certificateNo: NO,
    status: 'valid',
    genuine: true,
    label: '真实有效',
    headline: '',
    advice: '',
    tone: 'success',
    symbol: '✓',
    mode: 'online',
    agency: { id: 'market', name: '示例市滨江新区市场监督管理局' },
    checkedAt: 1000,
    ...over,
  });

  it('keeps the token and agency name across an offline re-check, and links submissions', () => {
    const h = new History(new MemoryStore());
    h.recordVerification(view(), TOKEN);
    h.recordVerification(view({ mode: 'offline', agency: { id: 'market' }, checkedAt: 2000 }), undefined);
    h.attach(NO, 'evaluation', 'id-1', 3000);
    expect(h.get(NO)).toMatchObject({
      token: TOKEN,
      agencyName: '示例市滨江新区市场监督管理局',
      mode: 'offline',
      evaluationId: 'id-1',
      firstSeenAt: 1000,
    });
    expect(h.list()).toHaveLength(1);
  });

  it('never keeps the token of a result that is not genuine', () => {
    const h = new History(new MemoryStore());
    h.recordVerification(
      view({ genuine: false, status: 'not_genuine', label: '不是真实的检查证', tone: 'error' }),
      TOKEN,
    );
    expect(h.get(NO)?.token).toBeUndefined();
  });
});

describe('uuidV4', () => {
  it('makes RFC 4122 version-4 ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuidV4()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV4(() => new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
