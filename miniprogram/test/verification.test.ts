import { describe, expect, it } from 'vitest';
import type { OnlineVerification } from '../src/lib/api';
import { JWKS_CACHE_KEY, readCachedJwks, refreshJwks } from '../src/lib/jwks-cache';
import { MemoryStore } from '../src/lib/storage';
import { chinaDateTime } from '@sunlight/domain/china-time';
import { verifyCertificate } from '../src/lib/verification';
import { CLAIMS, DURING, fakeHttp, issueToken, keyPair, NO, T0 } from './helpers';

const key = keyPair('k-1');
const TOKEN = issueToken(key.privateKey, 'k-1', CLAIMS);
const JWKS = { keys: [key.jwk] };
const BASE = 'http://portal';

const online: OnlineVerification = {
  certificateNo: NO,
  status: 'revoked',
  genuine: true,
  label: '已撤销',
  headline: '检查证已撤销',
  advice: '签发机关已撤销这张检查证',
  checkedBy: 'signature',
  certificate: {
    issuedAt: '2026-11-19T09:00:00+08:00',
    validFrom: '2026-11-20T09:00:00+08:00',
    validUntil: '2026-11-23T09:00:00+08:00',
    revocationReason: '任务取消',
  },
  agency: { id: 'market', name: '示例市滨江新区市场监督管理局', url: '' },
  inspectors: [
    {
      name: '王示例',
      certificateNo: 'ZF99011612000001',
      status: 'valid',
      statusLabel: '有效',
      validUntil: '2030-12-31',
    },
  ],
  items: [],
  url: `http://portal/verify/${NO}`,
};

function portal() {
  return fakeHttp((req) =>
    req.url.includes('/.well-known/jwks.json') ? { status: 200, data: JWKS } : { status: 200, data: online },
  );
}

describe('verifyCertificate: online first', () => {
  it('shows what the portal says (status, agency, officers) and caches the JWKS for later', async () => {
    const store = new MemoryStore();
    const api = portal();
    const v = await verifyCertificate(
      { certificateNo: NO, token: TOKEN },
      { http: api.http, apiBase: BASE, store, bundledJwks: { keys: [] }, now: () => DURING },
    );
    expect(v).toMatchObject({
      mode: 'online',
      status: 'revoked',
      tone: 'error',
      symbol: '✕',
      revocationReason: '任务取消',
    });
    expect(v.agency?.name).toBe('示例市滨江新区市场监督管理局');
    expect(v.window).toEqual({ from: '2026-11-20 09:00', until: '2026-11-23 09:00' });
    expect(api.calls[0]?.url).toBe(`${BASE}/api/v1/certificates/${NO}?t=${encodeURIComponent(TOKEN)}`);
    await new Promise((r) => setTimeout(r, 0));
    expect(readCachedJwks(store)?.jwks).toEqual(JWKS);
  });
});

describe('verifyCertificate: offline by signature', () => {
  const offlineDeps = (store: MemoryStore, bundled = { keys: [] as Record<string, unknown>[] }) => {
    const api = portal();
    api.state.down = true;
    return { http: api.http, apiBase: BASE, store, bundledJwks: bundled, now: () => DURING };
  };

  it('verifies against the JWKS cached from the last online use, and says it was offline', async () => {
    const store = new MemoryStore();
    const up = portal();
    expect(await refreshJwks(up.http, BASE, store)).toBe(true);
    const v = await verifyCertificate({ certificateNo: NO, token: TOKEN }, offlineDeps(store));
    expect(v).toMatchObject({
      mode: 'offline',
      keySource: 'cached',
      status: 'valid',
      genuine: true,
      agency: { id: 'market' },
    });
    expect(v.note).toContain('离线核验');
    expect(v.note).toContain('撤销');
    expect(v.window?.from).toBe(chinaDateTime(T0 * 1000));
  });

  it('falls back to the keys bundled with the app when nothing is cached', async () => {
    const v = await verifyCertificate({ certificateNo: NO, token: TOKEN }, offlineDeps(new MemoryStore(), JWKS));
    expect(v).toMatchObject({ mode: 'offline', keySource: 'bundled', status: 'valid' });
  });

  it('uses the bundled keys when the cache predates a new key', async () => {
    const store = new MemoryStore();
    store.set(JWKS_CACHE_KEY, JSON.stringify({ jwks: { keys: [keyPair('old').jwk] }, fetchedAt: 1 }));
    const v = await verifyCertificate({ certificateNo: NO, token: TOKEN }, offlineDeps(store, JWKS));
    expect(v).toMatchObject({ mode: 'offline', keySource: 'bundled', genuine: true });
  });

  it('reports a tampered token, an expired window and an unknown key', async () => {
    const store = new MemoryStore();
    store.set(JWKS_CACHE_KEY, JSON.stringify({ jwks: JWKS, fetchedAt: 1 }));
    const [h, p, s] = TOKEN.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...CLAIMS, exp: CLAIMS.exp + 86400 * 30 })).toString('base64url')}.${s}`;
    expect(await verifyCertificate({ certificateNo: NO, token: forged }, offlineDeps(store))).toMatchObject({
      mode: 'offline',
      status: 'not_genuine',
      genuine: false,
      tone: 'error',
    });
    const expired = await verifyCertificate(
      { certificateNo: NO, token: TOKEN },
      { ...offlineDeps(store), now: () => (CLAIMS.exp + 3600) * 1000 },
    );
    expect(expired).toMatchObject({ status: 'expired', genuine: true, tone: 'warning' });
    const other = keyPair('k-other');
    const v = await verifyCertificate(
      { certificateNo: NO, token: issueToken(other.privateKey, 'k-other', CLAIMS) },
      offlineDeps(store),
    );
    expect(v).toMatchObject({ status: 'not_genuine' });
    expect(v.detail).toContain('公钥');
    expect(p).toBeTruthy();
  });

  it('cannot verify a typed number offline, and says why', async () => {
    const v = await verifyCertificate({ certificateNo: NO }, offlineDeps(new MemoryStore(), JWKS));
    expect(v).toMatchObject({ mode: 'unverified', status: 'unknown', genuine: false });
    expect(v.note).toContain('联网');
  });

  it('cannot verify offline before any key is known', async () => {
    const v = await verifyCertificate({ certificateNo: NO, token: TOKEN }, offlineDeps(new MemoryStore()));
    expect(v).toMatchObject({ mode: 'unverified' });
  });

  it('treats a 5xx answer like no network', async () => {
    const store = new MemoryStore();
    store.set(JWKS_CACHE_KEY, JSON.stringify({ jwks: JWKS, fetchedAt: 1 }));
    const api = fakeHttp(() => ({ status: 502, data: 'Bad Gateway' }));
    const v = await verifyCertificate(
      { certificateNo: NO, token: TOKEN },
      { http: api.http, apiBase: BASE, store, bundledJwks: { keys: [] }, now: () => DURING },
    );
    expect(v.mode).toBe('offline');
  });
});
