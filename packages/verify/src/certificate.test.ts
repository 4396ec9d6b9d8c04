import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, SignJWT, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { base64urlEncode, utf8Encode } from './base64url';
import { verifyCertificateToken, verifyCertificateTokenSync, type CertificateClaims } from './certificate';
import type { Jwks } from './jws';

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' };
  return { privateKey, jwk };
}

function issue(privateKey: KeyObject, kid: string, claims: CertificateClaims, header: object = {}): string {
  const h = base64urlEncode(utf8Encode(JSON.stringify({ alg: 'EdDSA', kid, ...header })));
  const p = base64urlEncode(utf8Encode(JSON.stringify(claims)));
  const s = sign(null, Buffer.from(`${h}.${p}`), privateKey).toString('base64url');
  return `${h}.${p}.${s}`;
}

const t0 = Date.parse('2026-03-02T09:00:00+08:00') / 1000;
const claims: CertificateClaims = {
  sub: 'JCZ-2026-0000123-6',
  agn: 'market',
  nbf: t0,
  exp: t0 + 3 * 86400,
  iat: t0 - 86400,
};
const during = (t0 + 3600) * 1000;
const a = keyPair('k-a');
const b = keyPair('k-b');
const jwks: Jwks = { keys: [a.jwk, b.jwk] };

describe.each(['webcrypto', 'noble'] as const)('verifyCertificateToken (%s)', (backend) => {
  const verify = (token: string, opts: Parameters<typeof verifyCertificateToken>[2] = {}) =>
    verifyCertificateToken(token, jwks, { now: during, backend, ...opts });

  it('accepts a genuine token and reports its window', async () => {
    const r = await verify(issue(a.privateKey, 'k-a', claims), { certificateNo: 'jcz20260000123 6' });
    expect(r).toMatchObject({
      genuine: true,
      status: 'valid',
      certificateNo: claims.sub,
      agencyId: 'market',
      kid: 'k-a',
    });
    if (r.genuine) expect(r.validUntil.toISOString()).toBe('2026-03-05T01:00:00.000Z');
  });

  it('tells not-yet-valid and expired apart by the window', async () => {
    const token = issue(a.privateKey, 'k-a', claims);
    expect((await verify(token, { now: (t0 - 1) * 1000 })).status).toBe('not_yet_valid');
    expect((await verify(token, { now: claims.exp * 1000 })).status).toBe('expired');
    expect((await verify(token, { now: claims.exp * 1000, clockToleranceSec: 300 })).status).toBe('valid');
  });

  it('refuses a tampered payload, header or signature', async () => {
    const token = issue(a.privateKey, 'k-a', claims);
    const [h, p, s] = token.split('.') as [string, string, string];
    const forged = base64urlEncode(utf8Encode(JSON.stringify({ ...claims, exp: claims.exp + 86400 * 365 })));
    expect(await verify(`${h}.${forged}.${s}`)).toMatchObject({ genuine: false, reason: 'bad_signature' });
    const otherKid = base64urlEncode(utf8Encode(JSON.stringify({ alg: 'EdDSA', kid: 'k-b' })));
    expect(await verify(`${otherKid}.${p}.${s}`)).toMatchObject({ genuine: false, reason: 'bad_signature' });
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    expect(await verify(`${h}.${p}.${flipped}`)).toMatchObject({ genuine: false, reason: 'bad_signature' });
    // a non-canonical last character decodes to the same bytes: refused as malformed, not accepted
    const last = s[s.length - 1]!;
    const nonCanonical = s.slice(0, -1) + (last === 'A' ? 'B' : String.fromCharCode(last.charCodeAt(0) + 1));
    expect((await verify(`${h}.${p}.${nonCanonical}`)).genuine).toBe(false);
    expect(await verify(`${h}.${p}`)).toMatchObject({ genuine: false, reason: 'malformed' });
    expect(await verify('not a token')).toMatchObject({ genuine: false, reason: 'malformed' });
  });

  it('refuses a token signed with another key under a known kid, and an unknown kid', async () => {
    expect(await verify(issue(b.privateKey, 'k-a', claims))).toMatchObject({ genuine: false, reason: 'bad_signature' });
    const stranger = keyPair('k-x');
    expect(await verify(issue(stranger.privateKey, 'k-x', claims))).toMatchObject({
      genuine: false,
      reason: 'unknown_key',
    });
  });

  it('refuses other algorithms, critical headers and private keys in the JWKS', async () => {
    const none = `${base64urlEncode(utf8Encode('{"alg":"none","kid":"k-a"}'))}.${base64urlEncode(utf8Encode(JSON.stringify(claims)))}.`;
    expect((await verify(none)).genuine).toBe(false);
    expect(await verify(issue(a.privateKey, 'k-a', claims, { alg: 'HS256' }))).toMatchObject({
      reason: 'unsupported_alg',
    });
    expect(await verify(issue(a.privateKey, 'k-a', claims, { crit: ['exp'] }))).toMatchObject({ reason: 'malformed' });
    const priv = { ...a.privateKey.export({ format: 'jwk' }), kid: 'k-p' };
    const r = await verifyCertificateToken(
      issue(a.privateKey, 'k-p', claims),
      { keys: [priv] },
      { now: during, backend },
    );
    expect(r).toMatchObject({ genuine: false, reason: 'unknown_key' });
  });

  it('refuses a genuine token presented for another certificate number', async () => {
    const r = await verify(issue(a.privateKey, 'k-a', claims), { certificateNo: 'JCZ-2026-0000124-4' });
    expect(r).toMatchObject({ genuine: false, reason: 'number_mismatch' });
  });

  it('refuses claims that do not describe a certificate', async () => {
    for (const bad of [
      { ...claims, sub: 'JCZ-2026-0000123-7' },
      { ...claims, agn: 'Market!' },
      { ...claims, exp: claims.nbf },
      { ...claims, iat: '2026-01-01' },
    ]) {
      expect(await verify(issue(a.privateKey, 'k-a', bad as CertificateClaims))).toMatchObject({
        reason: 'bad_claims',
      });
    }
  });
});

describe('interoperability with the jose library', () => {
  it('jose verifies our token as a JWT from the JWKS alone', async () => {
    const token = issue(a.privateKey, 'k-a', claims);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
      algorithms: ['EdDSA'],
      currentDate: new Date(during),
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: 'k-a' });
    expect(payload).toMatchObject({ sub: claims.sub, agn: 'market' });
  });

  it('we verify a token jose signed', async () => {
    const key = await importJWK({ ...a.privateKey.export({ format: 'jwk' }) }, 'EdDSA');
    const token = await new SignJWT({ agn: 'market' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k-a' })
      .setSubject(claims.sub)
      .setNotBefore(claims.nbf)
      .setExpirationTime(claims.exp)
      .setIssuedAt(claims.iat)
      .sign(key);
    expect(verifyCertificateTokenSync(token, jwks, { now: during })).toMatchObject({ genuine: true, status: 'valid' });
  });
});
