import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { base64urlEncode, utf8Encode, type Ed25519PublicJwk, type Jwks } from '@sunlight/verify';
import { Cache, perDatabase } from '../cache';
import type { Config } from '../config';
import type { Db } from '../db/types';

/**
 * Ed25519 signing keys for electronic inspection certificates.
 *
 * Where the private key comes from:
 * - `SUNLIGHT_SIGNING_KEY` (an Ed25519 private key as JWK or PKCS#8 PEM): used as is, `kid` from the
 *   JWK or derived from its RFC 7638 thumbprint. Use this when several portal processes on different
 *   machines share one PostgreSQL database. Replace the variable to rotate.
 * - otherwise `SUNLIGHT_DATA_DIR/keys/`: generated on first start. `keyring.json` names the active key;
 *   each key is `<kid>.jwk` (mode 0600, folder 0700). `sunlight keys rotate` adds a new active key; every
 *   process sharing the data dir notices the changed keyring before its next signature.
 *
 * The public half of every key is recorded in the `signing_keys` table: the portal verifies with all of
 * them and publishes at /.well-known/jwks.json those not retired plus retired ones whose certificates
 * are still inside their window.
 */

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Ed25519PublicJwk;
  source: 'data-dir' | 'config';
}

interface Manifest {
  active: string;
  keys: { kid: string; createdAt: string; retiredAt?: string }[];
}

const MANIFEST = 'keyring.json';

export function keysDir(config: Config): string {
  return path.join(config.dataDir, 'keys');
}

/** RFC 7638 JWK thumbprint of an Ed25519 public key. */
export function jwkThumbprint(x: string): string {
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

function publicJwkOf(privateKey: KeyObject, kid: string): Ed25519PublicJwk {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

function newKid(privateKey: KeyObject, now: Date): string {
  const x = (createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string }).x;
  const hex = Buffer.from(jwkThumbprint(x), 'base64url').toString('hex');
  return `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${hex.slice(0, 8)}`;
}

/** Parses SUNLIGHT_SIGNING_KEY (JWK JSON or PEM); throws a message saying what is wrong. */
export function parseConfiguredKey(text: string): SigningKey {
  let privateKey: KeyObject;
  let kid: string | undefined;
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as { kid?: unknown; d?: unknown };
      if (typeof jwk.d !== 'string') throw new Error('JWK 中没有私钥 d');
      privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
      if (typeof jwk.kid === 'string' && jwk.kid) kid = jwk.kid;
    } else {
      privateKey = createPrivateKey(text.replace(/\\n/g, '\n'));
    }
  } catch (err) {
    throw new Error(`SUNLIGHT_SIGNING_KEY 无法解析：${(err as Error).message}（应为 Ed25519 私钥的 JWK 或 PEM）`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`SUNLIGHT_SIGNING_KEY 应为 Ed25519 私钥，当前为 ${privateKey.asymmetricKeyType ?? '未知类型'}`);
  }
  const x = (createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string }).x;
  kid ??= `c-${jwkThumbprint(x).slice(0, 16)}`;
  return { kid, privateKey, publicJwk: publicJwkOf(privateKey, kid), source: 'config' };
}

function writePrivate(file: string, data: string, flag: 'wx' | 'w' = 'wx'): void {
  fs.writeFileSync(file, data, { mode: 0o600, flag });
  fs.chmodSync(file, 0o600);
}

function readKeyFile(dir: string, kid: string): SigningKey {
  const file = path.join(dir, `${kid}.jwk`);
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, 0o600);
  const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
  return { kid, privateKey, publicJwk: publicJwkOf(privateKey, kid), source: 'data-dir' };
}

function generateKeyFile(dir: string, now: Date): { kid: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const kid = newKid(privateKey, now);
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as object), kid, alg: 'EdDSA', use: 'sig' };
  writePrivate(path.join(dir, `${kid}.jwk`), `${JSON.stringify(jwk, null, 2)}\n`);
  return { kid };
}

function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** Creates keys/ with a first key unless a keyring exists; safe when several processes start at once. */
function ensureManifest(dir: string, now: Date): { manifest: Manifest; created: boolean } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const existing = readManifest(dir);
  if (existing) return { manifest: existing, created: false };
  const { kid } = generateKeyFile(dir, now);
  const manifest: Manifest = { active: kid, keys: [{ kid, createdAt: now.toISOString() }] };
  const tmp = path.join(dir, `.${MANIFEST}.${process.pid}.tmp`);
  writePrivate(tmp, `${JSON.stringify(manifest, null, 2)}\n`, 'w');
  try {
    fs.linkSync(tmp, path.join(dir, MANIFEST)); // atomic: fails if another process won the race
    return { manifest, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    fs.rmSync(path.join(dir, `${kid}.jwk`), { force: true });
    return { manifest: readManifest(dir)!, created: false };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

async function register(db: Db, key: SigningKey): Promise<void> {
  await db.query(
    `INSERT INTO signing_keys (kid, public_jwk, source) VALUES ($1, $2, $3)
     ON CONFLICT (kid) DO UPDATE SET retired_at = NULL WHERE signing_keys.retired_at IS NOT NULL`,
    [key.kid, JSON.stringify(key.publicJwk), key.source],
  );
}

export interface SignedToken {
  token: string;
  kid: string;
}

/** The process's signer. Re-reads the data dir's keyring when another process rotated it. */
export class KeyRing {
  private current: SigningKey;
  private stamp = '';
  private registered = new Set<string>();
  private perDb = new WeakMap<Db, Set<string>>();

  constructor(
    private readonly config: Config,
    initial: SigningKey,
  ) {
    this.current = initial;
    if (initial.source === 'data-dir') this.stamp = this.manifestStamp();
  }

  private manifestStamp(): string {
    try {
      const st = fs.statSync(path.join(keysDir(this.config), MANIFEST));
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return '';
    }
  }

  /** The key new certificates are signed with. */
  active(): SigningKey {
    if (this.current.source === 'data-dir') {
      const stamp = this.manifestStamp();
      if (stamp !== this.stamp) {
        const manifest = readManifest(keysDir(this.config));
        if (manifest && manifest.active !== this.current.kid) {
          this.current = readKeyFile(keysDir(this.config), manifest.active);
        }
        this.stamp = stamp;
      }
    }
    return this.current;
  }

  /**
   * The active key, its public half recorded in signing_keys first if this process has not done so
   * since the key became active (e.g. after a rotation by another process sharing the data dir).
   */
  async ensureRegistered(db: Db): Promise<SigningKey> {
    const key = this.active();
    if (!this.registered.has(key.kid)) {
      await register(db, key);
      this.registered.add(key.kid);
    }
    return key;
  }

  /** Records the active key in this database (once per database handle). */
  async registerIn(db: Db): Promise<void> {
    const key = this.active();
    const done = this.perDb.get(db) ?? new Set<string>();
    if (done.has(key.kid)) return;
    await register(db, key);
    done.add(key.kid);
    this.perDb.set(db, done);
    this.registered.add(key.kid);
  }

  /** Compact JWS over `claims`, protected header `{"alg":"EdDSA","kid":…}`. */
  sign(claims: object, key: SigningKey = this.active()): SignedToken {
    const header = base64urlEncode(utf8Encode(JSON.stringify({ alg: 'EdDSA', kid: key.kid })));
    const payload = base64urlEncode(utf8Encode(JSON.stringify(claims)));
    const input = `${header}.${payload}`;
    const signature = sign(null, Buffer.from(input, 'ascii'), key.privateKey).toString('base64url');
    return { token: `${input}.${signature}`, kid: key.kid };
  }
}

/** The keyrings this process opened, by configuration. */
const rings = new Map<string, Promise<KeyRing>>();

function ringId(config: Config): string {
  return config.signingKey ? `config:${createHash('sha256').update(config.signingKey).digest('hex')}` : config.dataDir;
}

/**
 * The keyring for this configuration, opened once per process: loads or creates the key and records
 * its public half.
 */
export function openKeyRing(config: Config, db: Db, log: (line: string) => void = () => {}): Promise<KeyRing> {
  const id = ringId(config);
  let ring = rings.get(id);
  if (!ring) {
    ring = (async () => {
      let key: SigningKey;
      if (config.signingKey) {
        key = parseConfiguredKey(config.signingKey);
        log(`[sunlight] certificate signing key ${key.kid} (from SUNLIGHT_SIGNING_KEY)`);
      } else {
        const dir = keysDir(config);
        const { manifest, created } = ensureManifest(dir, new Date());
        key = readKeyFile(dir, manifest.active);
        if (created) log(`[sunlight] certificate signing key ${key.kid} generated in ${dir}`);
      }
      return new KeyRing(config, key);
    })();
    rings.set(id, ring);
    ring.catch(() => rings.delete(id));
  }
  return ring.then(async (keyring: KeyRing) => {
    await keyring.registerIn(db);
    return keyring;
  });
}

export interface RotateResult {
  kid: string;
  previous: string;
}

/** `sunlight keys rotate`: a new active key in the data dir; the previous one is retired (kept for verification). */
export async function rotateKeys(config: Config, db: Db, now = new Date()): Promise<RotateResult> {
  if (config.signingKey) {
    throw new Error(
      '签名密钥来自 SUNLIGHT_SIGNING_KEY 配置：请生成新的 Ed25519 私钥并替换该环境变量，重启后旧公钥仍保留在 JWKS 中，直到其签发的检查证全部到期。',
    );
  }
  const dir = keysDir(config);
  const { manifest } = ensureManifest(dir, now);
  const previous = manifest.active;
  const { kid } = generateKeyFile(dir, now);
  const next: Manifest = {
    active: kid,
    keys: [
      ...manifest.keys.map((k) => (k.kid === previous ? { ...k, retiredAt: now.toISOString() } : k)),
      { kid, createdAt: now.toISOString() },
    ],
  };
  const tmp = path.join(dir, `.${MANIFEST}.${process.pid}.tmp`);
  writePrivate(tmp, `${JSON.stringify(next, null, 2)}\n`, 'w');
  fs.renameSync(tmp, path.join(dir, MANIFEST));
  const key = readKeyFile(dir, kid);
  await db.transaction(async (tx) => {
    await register(tx, key);
    await tx.query('UPDATE signing_keys SET retired_at = $2 WHERE kid = $1 AND retired_at IS NULL', [previous, now]);
  });
  return { kid, previous };
}

/** Retires a key by hand (e.g. a replaced SUNLIGHT_SIGNING_KEY). It stays published while its certificates run. */
export async function retireKey(db: Db, kid: string, now = new Date()): Promise<boolean> {
  const rows = await db.query(
    'UPDATE signing_keys SET retired_at = $2 WHERE kid = $1 AND retired_at IS NULL RETURNING kid',
    [kid, now],
  );
  return rows.length === 1;
}

export interface KeyInfo {
  kid: string;
  source: string;
  created_at: Date;
  retired_at: Date | null;
  live_certificates: number;
  published: boolean;
}

export async function listKeys(db: Db): Promise<KeyInfo[]> {
  return db.query<KeyInfo>(
    `SELECT k.kid, k.source, k.created_at, k.retired_at,
            (SELECT count(*) FROM certificates c WHERE c.kid = k.kid AND c.valid_until > now())::int AS live_certificates,
            (k.retired_at IS NULL OR EXISTS (SELECT 1 FROM certificates c WHERE c.kid = k.kid AND c.valid_until > now())) AS published
     FROM signing_keys k ORDER BY k.created_at`,
  );
}

/** What /.well-known/jwks.json publishes. */
export async function publishedJwks(db: Db): Promise<Jwks & { keys: Ed25519PublicJwk[] }> {
  const rows = await db.query<{ public_jwk: Ed25519PublicJwk }>(
    `SELECT k.public_jwk FROM signing_keys k
     WHERE k.retired_at IS NULL OR EXISTS (SELECT 1 FROM certificates c WHERE c.kid = k.kid AND c.valid_until > now())
     ORDER BY k.created_at DESC`,
  );
  return { keys: rows.map((r) => r.public_jwk) };
}

interface KeySet {
  jwks: Jwks;
  kids: Set<string>;
}

/**
 * Every public key ever recorded (retired ones too, so an old certificate still reads as genuine and
 * expired), kept for five minutes and reloaded at once when a token names an unknown kid (concurrent
 * reloads share one query).
 */
export class VerificationKeys {
  private readonly cache = new Cache<'all', KeySet>({ ttlMs: 300_000, max: 1 });

  constructor(private readonly db: Db) {}

  private readonly load = async (): Promise<KeySet> => {
    const rows = await this.db.query<{ public_jwk: Ed25519PublicJwk }>('SELECT public_jwk FROM signing_keys');
    return { jwks: { keys: rows.map((r) => r.public_jwk) }, kids: new Set(rows.map((r) => r.public_jwk.kid)) };
  };

  /** The key set to verify a token naming `kid` with. */
  async forKid(kid: string | undefined): Promise<Jwks> {
    let set = await this.cache.remember('all', this.load);
    if (kid !== undefined && !set.kids.has(kid)) {
      if (this.cache.get('all') === set) this.cache.delete('all');
      set = await this.cache.remember('all', this.load);
    }
    return set.jwks;
  }

  /** This database's keys (one set per handle and process). */
  static readonly of = perDatabase((db: Db) => new VerificationKeys(db));
}
