import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Cache, perDatabase } from '../cache';
import type { Db } from '../db/types';

const KEY = /^slp_([a-z0-9]{12})\.([A-Za-z0-9_-]{43})$/;
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Keys looked up in the last minute: the partner, or null for an unknown or revoked key. */
const partnerCache = perDatabase(() => new Cache<string, Partner | null>({ ttlMs: 60_000, max: 10_000 }));

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

/** Revokes a partner's key; this process refuses it from the next request on (others within a minute). */
export async function revokePartner(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE partner_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id],
  );
  partnerCache(db).clear();
  return rows.length === 1;
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

/** The partner a key belongs to (cached for a minute), or null for an unknown or revoked key. */
export function partnerForKey(db: Db, key: string): Promise<Partner | null> {
  return partnerCache(db).remember(key, async () => {
    const m = KEY.exec(key);
    if (!m) return null;
    const [row] = await db.query<{ id: string; name: string; per_minute: number; secret_hash: string }>(
      'SELECT id, name, per_minute, secret_hash FROM partner_keys WHERE id = $1 AND revoked_at IS NULL',
      [m[1]],
    );
    const given = Buffer.from(hash(m[2]!), 'hex');
    if (!row || !timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'))) return null;
    void db.query('UPDATE partner_keys SET last_used_at = now() WHERE id = $1', [row.id]).catch(() => {});
    return { id: row.id, name: row.name, perMinute: row.per_minute };
  });
}
