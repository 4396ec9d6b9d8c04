import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/types';

const KEY = /^slp_([a-z0-9]{12})\.([A-Za-z0-9_-]{43})$/;
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** `perMinute`: the key's own rate; by default `config.rateLimit.partnerPerMinute`. */
export async function createPartner(db: Db, name: string, perMinute: number): Promise<{ id: string; key: string }> {
  const id = randomBytes(8).toString('hex').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO partner_keys (id, name, secret_hash, per_minute) VALUES ($1, $2, $3, $4)', [
    id,
    name,
    hash(secret),
    perMinute,
  ]);
  return { id, key: `slp_${id}.${secret}` };
}

export async function revokePartner(db: Db, id: string): Promise<boolean> {
  return (
    (
      await db.query('UPDATE partner_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [
        id,
      ])
    ).length === 1
  );
}

export async function listPartners(db: Db) {
  return db.query<{
    id: string;
    name: string;
    per_minute: number;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    'SELECT id, name, per_minute, created_at::text, revoked_at::text, last_used_at::text FROM partner_keys ORDER BY created_at',
  );
}

export interface Partner {
  id: string;
  name: string;
  perMinute: number;
}

const cache = new Map<string, { partner: Partner | null; until: number }>();

/** The partner a key belongs to (cached for a minute), or null for an unknown or revoked key. */
export async function partnerForKey(db: Db, key: string): Promise<Partner | null> {
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.partner;
  const m = KEY.exec(key);
  let partner: Partner | null = null;
  if (m) {
    const [row] = await db.query<{ id: string; name: string; per_minute: number; secret_hash: string }>(
      'SELECT id, name, per_minute, secret_hash FROM partner_keys WHERE id = $1 AND revoked_at IS NULL',
      [m[1]],
    );
    const given = Buffer.from(hash(m[2]!), 'hex');
    if (row && timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'))) {
      partner = { id: row.id, name: row.name, perMinute: row.per_minute };
      void db.query('UPDATE partner_keys SET last_used_at = now() WHERE id = $1', [row.id]).catch(() => {});
    }
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { partner, until: Date.now() + 60_000 });
  return partner;
}
