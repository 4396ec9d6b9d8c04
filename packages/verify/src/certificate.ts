import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { verifyEd25519, verifyEd25519Noble, type Ed25519Backend } from './ed25519';
import { findEd25519Key, parseCompactJws, type Jwks, type ParsedJws } from './jws';

/**
 * Claims of an electronic inspection certificate token (电子检查证令牌), kept short because the
 * token travels in a QR code. The protected header is `{"alg":"EdDSA","kid":…}`.
 *
 * | claim | meaning                                        |
 * | ----- | ---------------------------------------------- |
 * | `sub` | certificate number, `JCZ-2025-0001234-1`       |
 * | `agn` | agency id (检查主体), e.g. `market`            |
 * | `nbf` | window start (NumericDate, seconds)            |
 * | `exp` | window end (NumericDate); the token expires    |
 * | `iat` | issue time (NumericDate)                       |
 *
 * Standard JOSE libraries verify it as a JWS or a JWT (`nbf`/`exp` are the registered JWT claims).
 */
export interface CertificateClaims {
  sub: string;
  agn: string;
  nbf: number;
  exp: number;
  iat: number;
}

export const CERTIFICATE_TOKEN_ALG = 'EdDSA';

export type NotGenuineReason =
  'malformed' | 'unsupported_alg' | 'unknown_key' | 'bad_signature' | 'bad_claims' | 'number_mismatch';

export type TokenStatus = 'valid' | 'not_yet_valid' | 'expired';

export type TokenVerification =
  | {
      genuine: true;
      status: TokenStatus;
      certificateNo: string;
      agencyId: string;
      kid: string;
      validFrom: Date;
      validUntil: Date;
      issuedAt: Date;
      claims: CertificateClaims;
    }
  | { genuine: false; status: 'not_genuine'; reason: NotGenuineReason; message: string };

export interface VerifyOptions {
  /** Evaluation time (default: now). */
  now?: number | Date;
  /** The certificate number the token must be for (e.g. from the URL path); any accepted spelling. */
  certificateNo?: string;
  /** Seconds of clock difference tolerated at the window's ends (default 0; a phone may pass 300). */
  clockToleranceSec?: number;
  /** Ed25519 implementation (default `auto`: WebCrypto when it supports Ed25519, else @noble/curves). */
  backend?: Ed25519Backend;
}

const SLUG = /^[a-z][a-z0-9-]{1,39}$/;
const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

const fail = (reason: NotGenuineReason, message: string): TokenVerification => ({
  genuine: false,
  status: 'not_genuine',
  reason,
  message,
});

type Prepared =
  { done: TokenVerification } | { jws: ParsedJws; publicKey: Uint8Array; claims: CertificateClaims; kid: string };

function prepare(token: string, jwks: Jwks, options: VerifyOptions): Prepared {
  const parsed = parseCompactJws(token);
  if (!parsed.ok) return { done: fail('malformed', parsed.message) };
  const { header, payload } = parsed.jws;
  if (header.alg !== CERTIFICATE_TOKEN_ALG) {
    return { done: fail('unsupported_alg', `签名算法应为 EdDSA（Ed25519），令牌中为“${String(header.alg)}”`) };
  }
  if (header.crit !== undefined || header.b64 !== undefined) {
    return { done: fail('malformed', '令牌头部含有不支持的扩展（crit/b64）') };
  }
  if (typeof header.kid !== 'string' || !header.kid) return { done: fail('malformed', '令牌头部缺少密钥标识 kid') };
  const key = findEd25519Key(jwks, header.kid);
  if (!key) {
    return {
      done: fail(
        'unknown_key',
        `签名密钥“${header.kid}”不在本站公布的公钥（JWKS）中：可能是伪造的，或公钥列表需要更新`,
      ),
    };
  }
  const { sub, agn, nbf, exp, iat } = payload;
  if (typeof sub !== 'string' || typeof agn !== 'string' || !SLUG.test(agn)) {
    return { done: fail('bad_claims', '令牌内容缺少检查证编号或检查主体') };
  }
  if (!isNumericDate(nbf) || !isNumericDate(exp) || !isNumericDate(iat) || exp <= nbf) {
    return { done: fail('bad_claims', '令牌中的检查时间窗无效') };
  }
  const no = checkCertificateNo(sub);
  if (!no.ok || no.normalised !== sub) return { done: fail('bad_claims', '令牌中的检查证编号无效') };
  if (options.certificateNo !== undefined) {
    const expected = checkCertificateNo(options.certificateNo);
    if (!expected.ok || expected.normalised !== sub) {
      return { done: fail('number_mismatch', `二维码中的签名属于检查证 ${sub}，与所查编号不符`) };
    }
  }
  return { jws: parsed.jws, publicKey: key.publicKey, claims: { sub, agn, nbf, exp, iat }, kid: header.kid };
}

function conclude(
  p: Exclude<Prepared, { done: TokenVerification }>,
  ok: boolean,
  options: VerifyOptions,
): TokenVerification {
  if (!ok) return fail('bad_signature', '签名验证失败：二维码内容被篡改，或不是本站签发的检查证');
  const now =
    options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const t = Math.floor(now / 1000);
  const tol = options.clockToleranceSec ?? 0;
  const { claims } = p;
  const status: TokenStatus = t + tol < claims.nbf ? 'not_yet_valid' : t - tol >= claims.exp ? 'expired' : 'valid';
  return {
    genuine: true,
    status,
    certificateNo: claims.sub,
    agencyId: claims.agn,
    kid: p.kid,
    validFrom: new Date(claims.nbf * 1000),
    validUntil: new Date(claims.exp * 1000),
    issuedAt: new Date(claims.iat * 1000),
    claims,
  };
}

/**
 * Verifies a certificate token offline against a JWKS: structure, `alg: EdDSA`, the key named by
 * `kid`, the Ed25519 signature, the claims, and the time window. Revocation needs the portal (online).
 */
export async function verifyCertificateToken(
  token: string,
  jwks: Jwks,
  options: VerifyOptions = {},
): Promise<TokenVerification> {
  const p = prepare(token, jwks, options);
  if ('done' in p) return p.done;
  const ok = await verifyEd25519(p.publicKey, p.jws.signature, p.jws.signingInput, options.backend);
  return conclude(p, ok, options);
}

/** Synchronous variant (always @noble/curves): for runtimes without promises-friendly WebCrypto. */
export function verifyCertificateTokenSync(
  token: string,
  jwks: Jwks,
  options: Omit<VerifyOptions, 'backend'> = {},
): TokenVerification {
  const p = prepare(token, jwks, options);
  if ('done' in p) return p.done;
  return conclude(p, verifyEd25519Noble(p.publicKey, p.jws.signature, p.jws.signingInput), options);
}
