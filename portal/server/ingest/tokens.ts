import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/types';

/** Tokens look like `slt_<id>.<secret>`: the id finds the row, the secret is checked against its hash. */
const TOKEN = /^slt_([a-z0-9]{12})\.([A-Za-z0-9_-]{43})$/;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface IssuedToken {
  id: string;
  agencyId: string;
  token: string;
}

export async function createToken(db: Db, agencyId: string, label?: string): Promise<IssuedToken> {
  const [agency] = await db.query<{ id: string }>('SELECT id FROM agencies WHERE id = $1', [agencyId]);
  if (!agency)
    throw new Error(
      `没有编号为“${agencyId}”的执法机关；可用 sunlight token list 查看已有令牌，机关编号见 content/ 的 agencies.json`,
    );
  const id = randomBytes(8).toString('hex').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO agency_tokens (id, agency_id, secret_hash, label) VALUES ($1, $2, $3, $4)', [
    id,
    agencyId,
    hash(secret),
    label ?? null,
  ]);
  return { id, agencyId, token: `slt_${id}.${secret}` };
}

export async function revokeToken(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE agency_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id],
  );
  return rows.length === 1;
}

export interface TokenInfo {
  id: string;
  agency_id: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export async function listTokens(db: Db, agencyId?: string): Promise<TokenInfo[]> {
  return db.query<TokenInfo>(
    `SELECT id, agency_id, label, created_at::text, revoked_at::text, last_used_at::text FROM agency_tokens
     WHERE ($1::text IS NULL OR agency_id = $1) ORDER BY created_at`,
    [agencyId ?? null],
  );
}

/** The agency a bearer token speaks for, or undefined for a missing, malformed, unknown or revoked token. */
export async function authenticate(db: Db, authorization: string | null): Promise<string | undefined> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const parts = m && TOKEN.exec(m[1]!);
  if (!parts) return undefined;
  const [, id, secret] = parts as unknown as [string, string, string];
  const [row] = await db.query<{ agency_id: string; secret_hash: string }>(
    'SELECT agency_id, secret_hash FROM agency_tokens WHERE id = $1 AND revoked_at IS NULL',
    [id],
  );
  if (!row) return undefined;
  const given = Buffer.from(hash(secret), 'hex');
  const stored = Buffer.from(row.secret_hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
  await db.query('UPDATE agency_tokens SET last_used_at = now() WHERE id = $1', [id]);
  return row.agency_id;
}
