import {
  consistencyPath,
  EMPTY_ROOT_HASH,
  inclusionPath,
  nodeHash,
  perfectSubtrees,
  subtreeHashFromPerfect,
  type SignedTreeHead,
  type SubtreeHash,
} from '@sunlight/verify';
import type { Db } from '../db/types';
import type { KeyRing } from '../inspections/keys';

/** Serialises head signers (one per cluster by the jobs lease; this also covers a CLI on the same database). */
const LOG_SIGN_LOCK = 7_201_804_120;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const log2 = (n: number) => Math.round(Math.log2(n));

/** The perfect subtrees [start, end) asked for, read in one round trip per kind: leaves and stored nodes. */
async function readPerfect(db: Db, ranges: readonly (readonly [number, number])[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const leaves = ranges.filter(([s, e]) => e - s === 1).map(([s]) => s);
  const nodes = ranges.filter(([s, e]) => e - s > 1).map(([s, e]) => [log2(e - s), s / (e - s)] as const);
  if (leaves.length) {
    const rows = await db.query<{ idx: number; hash: string }>(
      `SELECT idx, encode(hash, 'hex') AS hash FROM log_leaves WHERE idx = ANY($1::int8[])`,
      [leaves],
    );
    for (const r of rows) found.set(`${Number(r.idx)}:${Number(r.idx) + 1}`, bytes(r.hash));
  }
  if (nodes.length) {
    const rows = await db.query<{ level: number; idx: number; hash: string }>(
      `SELECT level, idx, encode(hash, 'hex') AS hash FROM log_nodes
       WHERE (level, idx) IN (SELECT * FROM unnest($1::int2[], $2::int8[]))`,
      [nodes.map((n) => n[0]), nodes.map((n) => n[1])],
    );
    for (const r of rows) {
      const size = 2 ** Number(r.level);
      const start = Number(r.idx) * size;
      found.set(`${start}:${start + size}`, bytes(r.hash));
    }
  }
  return found;
}

/**
 * Runs a proof computation over the stored tree: first with placeholders to learn which perfect subtrees it
 * needs (which depends only on sizes and indexes), then with those read from the database: O(log n) rows.
 */
async function overStoredTree<T>(db: Db, compute: (subtree: SubtreeHash) => T): Promise<T> {
  const wanted: [number, number][] = [];
  compute(
    subtreeHashFromPerfect((s, e) => {
      wanted.push([s, e]);
      return EMPTY_ROOT_HASH;
    }),
  );
  const found = await readPerfect(db, wanted);
  return compute(
    subtreeHashFromPerfect((s, e) => {
      const h = found.get(`${s}:${e}`);
      if (!h) throw new Error(`transparency log: subtree [${s}, ${e}) is not stored`);
      return h;
    }),
  );
}

export function inclusionProof(db: Db, index: number, size: number): Promise<Uint8Array[]> {
  return overStoredTree(db, (sub) => inclusionPath(index, size, sub));
}

export function consistencyProof(db: Db, first: number, second: number): Promise<Uint8Array[]> {
  return overStoredTree(db, (sub) => consistencyPath(first, second, sub));
}

interface Peak {
  level: number;
  start: number;
  hash: Uint8Array;
}

const rootOf = (peaks: readonly Peak[]): Uint8Array =>
  peaks.length
    ? peaks.reduceRight<Uint8Array | undefined>((acc, p) => (acc ? nodeHash(p.hash, acc) : p.hash), undefined)!
    : EMPTY_ROOT_HASH;

export interface StoredHead {
  treeSize: number;
  root: Uint8Array;
  signedAt: Date;
  signature: string;
}

export function toSignedTreeHead(h: StoredHead): SignedTreeHead {
  return {
    tree_size: h.treeSize,
    timestamp: h.signedAt.getTime(),
    sha256_root_hash: Buffer.from(h.root).toString('base64'),
    signature: h.signature,
  };
}

const headColumns = `tree_size, encode(root, 'hex') AS root, signed_at, signature`;
type HeadRow = { tree_size: number; root: string; signed_at: Date; signature: string };
const toHead = (r: HeadRow): StoredHead => ({
  treeSize: Number(r.tree_size),
  root: bytes(r.root),
  signedAt: new Date(r.signed_at),
  signature: r.signature,
});

export async function latestHead(db: Db): Promise<StoredHead | undefined> {
  const [row] = await db.query<HeadRow>(`SELECT ${headColumns} FROM log_heads ORDER BY tree_size DESC LIMIT 1`);
  return row && toHead(row);
}

/** The first signed head whose tree contains the leaf at `index`. */
export async function firstHeadAfter(db: Db, index: number): Promise<StoredHead | undefined> {
  const [row] = await db.query<HeadRow>(
    `SELECT ${headColumns} FROM log_heads WHERE tree_size > $1 ORDER BY tree_size LIMIT 1`,
    [index],
  );
  return row && toHead(row);
}

export async function headOfSize(db: Db, size: number): Promise<StoredHead | undefined> {
  const [row] = await db.query<HeadRow>(`SELECT ${headColumns} FROM log_heads WHERE tree_size = $1`, [size]);
  return row && toHead(row);
}

/**
 * Extends the stored tree over the leaves appended since the last head and signs a head for the new size
 * (also the empty tree's, once). Returns the new head, or undefined when nothing was appended. The nodes of
 * each completed perfect subtree are stored, so proofs never need more than O(log n) rows.
 */
export async function signNewHead(db: Db, keys: KeyRing, now: Date = new Date()): Promise<StoredHead | undefined> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_SIGN_LOCK]);
    const last = await latestHead(tx);
    const from = last?.treeSize ?? 0;
    const [{ size }] = (await tx.query<{ size: number }>(
      'SELECT coalesce(max(idx) + 1, 0)::int8 AS size FROM log_leaves',
    )) as [{ size: number }];
    const to = Number(size);
    if (last && to <= from) return undefined;
    const frontier = perfectSubtrees(0, from);
    const stored = await readPerfect(tx, frontier);
    const peaks: Peak[] = frontier.map(([s, e]) => ({ level: log2(e - s), start: s, hash: stored.get(`${s}:${e}`)! }));
    const newNodes: { level: number; idx: number; hash: string }[] = [];
    for (let start = from; start < to; start += 10_000) {
      const leaves = await tx.query<{ idx: number; hash: string }>(
        `SELECT idx, encode(hash, 'hex') AS hash FROM log_leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx`,
        [start, Math.min(start + 10_000, to)],
      );
      for (const leaf of leaves) {
        peaks.push({ level: 0, start: Number(leaf.idx), hash: bytes(leaf.hash) });
        while (peaks.length >= 2 && peaks[peaks.length - 1]!.level === peaks[peaks.length - 2]!.level) {
          const right = peaks.pop()!;
          const left = peaks.pop()!;
          const merged = { level: left.level + 1, start: left.start, hash: nodeHash(left.hash, right.hash) };
          peaks.push(merged);
          newNodes.push({ level: merged.level, idx: merged.start / 2 ** merged.level, hash: hex(merged.hash) });
        }
      }
    }
    for (let i = 0; i < newNodes.length; i += 5000) {
      await tx.query(
        `INSERT INTO log_nodes (level, idx, hash)
         SELECT (e->>'level')::int2, (e->>'idx')::int8, decode(e->>'hash', 'hex') FROM jsonb_array_elements($1::jsonb) e
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(newNodes.slice(i, i + 5000))],
      );
    }
    const root = rootOf(peaks);
    const sha256_root_hash = Buffer.from(root).toString('base64');
    const signedAt = new Date(Math.max(now.getTime(), (last?.signedAt.getTime() ?? 0) + 1));
    const { token } = keys.sign({ tree_size: to, timestamp: signedAt.getTime(), sha256_root_hash });
    await tx.query(
      `INSERT INTO log_heads (tree_size, root, signed_at, signature) VALUES ($1, decode($2, 'hex'), $3, $4)`,
      [to, hex(root), signedAt.toISOString(), token],
    );
    return { treeSize: to, root, signedAt, signature: token };
  });
}
