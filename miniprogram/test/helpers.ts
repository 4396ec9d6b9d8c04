import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { makeCertificateNo } from '@sunlight/domain/validators/certificate-no';
import type { HttpClient, HttpRequest, HttpResponse } from '../src/lib/http';
import { NetworkError } from '../src/lib/http';

export function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, alg: 'EdDSA', use: 'sig' };
  return { privateKey, jwk };
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** A certificate token exactly as the portal issues it (compact JWS, EdDSA, kid). */
export function issueToken(
  privateKey: KeyObject,
  kid: string,
  claims: { sub: string; agn: string; nbf: number; exp: number; iat: number },
): string {
  const h = b64(JSON.stringify({ alg: 'EdDSA', kid }));
  const p = b64(JSON.stringify(claims));
  return `${h}.${p}.${sign(null, Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
}

export const NO = makeCertificateNo(2026, 4321);
export const T0 = Date.parse('2026-11-20T09:00:00+08:00') / 1000;
export const CLAIMS = { sub: NO, agn: 'market', nbf: T0, exp: T0 + 3 * 86400, iat: T0 - 3600 };
export const DURING = (T0 + 3600) * 1000;

/** A fake HTTP client: a handler per request, or a network failure while `down`. */
export function fakeHttp(handler: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  const calls: HttpRequest[] = [];
  const state = { down: false };
  const http: HttpClient = async (req) => {
    calls.push(req);
    if (state.down) throw new NetworkError('net::ERR_CONNECTION_REFUSED');
    return handler(req);
  };
  return { http, calls, state };
}
