import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlDecode, base64urlEncode } from './base64url';

/**
 * Ed25519 signature checks (RFC 8032). Two interchangeable backends:
 *
 * - `webcrypto`: the platform's `crypto.subtle` with the `Ed25519` algorithm (Node ≥ 22, current
 *   browsers). Native code, about twenty times faster; the portal's verify API uses it.
 * - `noble`: `@noble/curves` (audited, pure JavaScript), for runtimes without WebCrypto Ed25519 such as
 *   the WeChat mini-program. Strict RFC 8032 / FIPS 186-5 decoding (`zip215: false`), like WebCrypto.
 *
 * `auto` (the default) probes WebCrypto once with an RFC 8032 test vector and falls back to noble.
 */
export type Ed25519Backend = 'auto' | 'webcrypto' | 'noble';

export function verifyEd25519Noble(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

interface Subtle {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: string },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  verify(algorithm: { name: string }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

function subtle(): Subtle | undefined {
  const c = (globalThis as { crypto?: { subtle?: unknown } }).crypto;
  return c?.subtle ? (c.subtle as Subtle) : undefined;
}

// RFC 8032 §7.1, TEST 1 (empty message).
const KAT_PUBLIC = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
const KAT_SIGNATURE = '5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc-bRr0lv18FlbviRlUUFDjnoQCw';

let probe: Promise<boolean> | undefined;
const keyCache = new Map<string, Promise<unknown>>();

function importKey(s: Subtle, publicKey: Uint8Array): Promise<unknown> {
  const id = base64urlEncode(publicKey);
  let key = keyCache.get(id);
  if (!key) {
    if (keyCache.size > 64) keyCache.clear();
    key = s.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(id, key);
    key.catch(() => keyCache.delete(id));
  }
  return key;
}

/** Whether this runtime's WebCrypto verifies Ed25519 correctly (checked once, with a known answer). */
export function webcryptoEd25519Available(): Promise<boolean> {
  probe ??= (async () => {
    const s = subtle();
    if (!s) return false;
    try {
      const key = await importKey(s, base64urlDecode(KAT_PUBLIC)!);
      const sig = base64urlDecode(KAT_SIGNATURE)!;
      const good = await s.verify({ name: 'Ed25519' }, key, sig, new Uint8Array(0));
      const bad = await s.verify({ name: 'Ed25519' }, key, sig, new Uint8Array([0]));
      return good && !bad;
    } catch {
      return false;
    }
  })();
  return probe;
}

async function verifyWebcrypto(
  s: Subtle,
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return await s.verify({ name: 'Ed25519' }, await importKey(s, publicKey), signature, message);
  } catch {
    return false;
  }
}

export async function verifyEd25519(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
  backend: Ed25519Backend = 'auto',
): Promise<boolean> {
  if (backend === 'noble') return verifyEd25519Noble(publicKey, signature, message);
  const s = subtle();
  if (backend === 'webcrypto') {
    if (!s) throw new Error('WebCrypto is not available in this runtime');
    return verifyWebcrypto(s, publicKey, signature, message);
  }
  if (s && (await webcryptoEd25519Available())) return verifyWebcrypto(s, publicKey, signature, message);
  return verifyEd25519Noble(publicKey, signature, message);
}
