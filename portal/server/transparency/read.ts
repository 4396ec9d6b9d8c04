import type { Db } from '../db/types';

export interface StoredLeaf {
  idx: number;
  leaf: string;
}

/** The record's latest event within the first `treeSize` leaves. */
export async function latestLeafOf(db: Db, id: string, treeSize: number): Promise<StoredLeaf | undefined> {
  const [row] = await db.query<{ idx: number; leaf: string }>(
    'SELECT idx, leaf FROM log_leaves WHERE record_id = $1 AND idx < $2 ORDER BY idx DESC LIMIT 1',
    [id, treeSize],
  );
  return row && { idx: Number(row.idx), leaf: row.leaf };
}

/** Leaves start..end inclusive, in order. */
export async function leavesBetween(db: Db, start: number, end: number): Promise<StoredLeaf[]> {
  const rows = await db.query<{ idx: number; leaf: string }>(
    'SELECT idx, leaf FROM log_leaves WHERE idx >= $1 AND idx <= $2 ORDER BY idx',
    [start, end],
  );
  return rows.map((r) => ({ idx: Number(r.idx), leaf: r.leaf }));
}
