import { describe, expect, it } from 'vitest';
import { bindBusiness, BUSINESS_IDENTITY_KEY, deviceId, readBusinessIdentity } from '../src/lib/business-identity';
import { MemoryStore } from '../src/lib/storage';
import { fakeHttp } from './helpers';

const CREDENTIAL = `slb1.${'A'.repeat(16)}.${'B'.repeat(43)}`;
const granted = {
  status: 201,
  data: {
    credential: CREDENTIAL,
    subjectId: 'bs-abc',
    creditCode: '91990116E1HKN4XBFH',
    enterpriseName: '示例企业有限公司',
    message: '本机已绑定',
  },
};

describe('binding this device to the business (企业身份)', () => {
  it('sends the enrolment code with this device’s id, keeps the credential, and reuses the id on a retry', async () => {
    const store = new MemoryStore();
    const api = fakeHttp(() => granted);
    const r = await bindBusiness(api.http, 'http://api', store, ' 7kq2-m9xd-4htp-wn3c ', () => 42);
    expect(r).toMatchObject({ ok: true, identity: { credential: CREDENTIAL, creditCode: '91990116E1HKN4XBFH' } });
    expect(api.calls[0]).toMatchObject({
      url: 'http://api/api/v1/business/enrolments',
      method: 'POST',
      body: { code: '7kq2-m9xd-4htp-wn3c', deviceId: deviceId(store) },
    });
    expect(readBusinessIdentity(store)).toMatchObject({ subjectId: 'bs-abc', boundAt: 42 });
    await bindBusiness(api.http, 'http://api', store, '7KQ2-M9XD-4HTP-WN3C');
    expect((api.calls[1]!.body as { deviceId: string }).deviceId).toBe(
      (api.calls[0]!.body as { deviceId: string }).deviceId,
    );
  });

  it('keeps nothing when the code is refused or the network is down, and says why', async () => {
    const store = new MemoryStore();
    const refused = fakeHttp(() => ({ status: 403, data: { detail: '登记码无效、已过期或已被其他设备使用。' } }));
    expect(await bindBusiness(refused.http, '', store, '7KQ2-M9XD-4HTP-WN3C')).toEqual({
      ok: false,
      message: '登记码无效、已过期或已被其他设备使用。',
    });
    const down = fakeHttp(() => granted);
    down.state.down = true;
    expect(await bindBusiness(down.http, '', store, '7KQ2-M9XD-4HTP-WN3C')).toMatchObject({
      ok: false,
      message: expect.stringContaining('联网'),
    });
    expect(await bindBusiness(down.http, '', store, '12')).toMatchObject({
      ok: false,
      message: expect.stringContaining('登记码'),
    });
    expect(store.get(BUSINESS_IDENTITY_KEY)).toBeUndefined();
    expect(readBusinessIdentity(store)).toBeUndefined();
  });
});
