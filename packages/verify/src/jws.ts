import { base64urlDecode, utf8Decode, utf8Encode } from './base64url';

/** A JSON Web Key for Ed25519 (RFC 8037 §2): `kty: "OKP"`, `crv: "Ed25519"`, public `x`. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg?: string;
  use?: string;
  [extra: string]: unknown;
}

export interface Jwks {
  keys: readonly Record<string, unknown>[];
}

export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  [extra: string]: unknown;
}

export interface ParsedJws {
  header: JwsHeader;
  payload: Record<string, unknown>;
  /** ASCII bytes of `header.payload`, what the signature covers. */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

export type ParseJwsResult = { ok: true; jws: ParsedJws } | { ok: false; message: string };

const SEGMENT = /^[A-Za-z0-9_-]+$/;
/** Longest token accepted; ours are about 300 characters. */
export const MAX_TOKEN_LENGTH = 4096;

function jsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = base64urlDecode(segment);
  const text = bytes && utf8Decode(bytes);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a compact JWS (RFC 7515 §7.1) without checking the signature. */
export function parseCompactJws(token: string): ParseJwsResult {
  if (typeof token !== 'string' || token.length === 0) return { ok: false, message: '没有令牌' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, message: '令牌过长' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) {
    return { ok: false, message: '令牌格式不对：应为以“.”分隔的三段 base64url 文本' };
  }
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(h);
  if (!header || typeof header.alg !== 'string') return { ok: false, message: '令牌头部无法解析' };
  const payload = jsonObject(p);
  if (!payload) return { ok: false, message: '令牌内容无法解析' };
  const signature = base64urlDecode(s);
  if (!signature) return { ok: false, message: '签名无法解析' };
  return {
    ok: true,
    jws: { header: header as JwsHeader, payload, signingInput: utf8Encode(`${h}.${p}`), signature },
  };
}

/** The Ed25519 key in a JWKS with this kid, or undefined (wrong type, curve, use or alg are skipped). */
export function findEd25519Key(jwks: Jwks, kid: string): { jwk: Ed25519PublicJwk; publicKey: Uint8Array } | undefined {
  for (const k of jwks.keys ?? []) {
    if (k.kid !== kid || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') continue;
    if (k.use !== undefined && k.use !== 'sig') continue;
    if (k.alg !== undefined && k.alg !== 'EdDSA' && k.alg !== 'Ed25519') continue;
    if ('d' in k) continue; // never accept a private key as a verification key
    const publicKey = base64urlDecode(k.x);
    if (publicKey?.length !== 32) continue;
    return { jwk: k as Ed25519PublicJwk, publicKey };
  }
  return undefined;
}
