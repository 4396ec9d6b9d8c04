import { isPublicDisclosureStatus, type PublicDisclosure } from '@sunlight/domain/schemas/disclosure';
import { toSearchDoc, type AgencyNames } from '@sunlight/search-indexer/document';
import type { SearchDoc, SearchEngine } from '@sunlight/search-indexer/types';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';

async function agencyNames(db: Db): Promise<Map<string, AgencyNames>> {
  const rows = await db.query<{ id: string; name: string; short_name: string | null }>(
    'SELECT id, name, short_name FROM agencies',
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, shortName: r.short_name ?? r.name }]));
}

function docOf(data: PublicDisclosure, agencies: Map<string, AgencyNames>): SearchDoc {
  return toSearchDoc(data, agencies.get(data.agencyId) ?? { name: data.authorityName, shortName: data.authorityName });
}

async function lastSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: number | null }>('SELECT max(seq)::int8 AS seq FROM disclosure_changes');
  return row?.seq ?? 0;
}

export interface RebuildProgress {
  (done: number, total: number): void;
}

/**
 * Rebuilds an index from the database: every public disclosure, in id order, in batches. Returns the
 * change-log position it covers; changes after it are applied by `syncChanges`.
 */
export async function rebuildIndex(
  db: Db,
  engine: SearchEngine,
  progress?: RebuildProgress,
  batch = 2000,
): Promise<{ documents: number; seq: number }> {
  const seq = await lastSeq(db);
  const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM disclosures WHERE status IN ${PUBLIC_STATUS_SQL}`,
  );
  const agencies = await agencyNames(db);
  await engine.clear();
  let after = '';
  let done = 0;
  progress?.(0, total);
  for (;;) {
    const rows = await db.query<{ id: string; data: PublicDisclosure }>(
      `SELECT id, data FROM disclosures WHERE status IN ${PUBLIC_STATUS_SQL} AND id > $1 ORDER BY id LIMIT $2`,
      [after, batch],
    );
    if (!rows.length) break;
    await engine.upsert(rows.map((r) => docOf(r.data, agencies)));
    done += rows.length;
    after = rows[rows.length - 1]!.id;
    progress?.(done, total);
  }
  return { documents: done, seq };
}

/**
 * Applies the change log after `since` to the index: each changed disclosure is re-read and either
 * upserted (still public) or removed (withdrawn, expired). Returns the new position.
 */
export async function syncChanges(
  db: Db,
  engine: SearchEngine,
  since: number,
  limit = 5000,
): Promise<{ seq: number; applied: number }> {
  const changes = await db.query<{ seq: number; disclosure_id: string }>(
    'SELECT seq::int8 AS seq, disclosure_id FROM disclosure_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
    [since, limit],
  );
  if (!changes.length) return { seq: since, applied: 0 };
  const ids = [...new Set(changes.map((c) => c.disclosure_id))];
  const rows = await db.query<{ id: string; status: string; data: PublicDisclosure }>(
    'SELECT id, status, data FROM disclosures WHERE id = ANY($1)',
    [ids],
  );
  const agencies = await agencyNames(db);
  const publicRows = rows.filter((r) => isPublicDisclosureStatus(r.status));
  const publicIds = new Set(publicRows.map((r) => r.id));
  await engine.upsert(publicRows.map((r) => docOf(r.data, agencies)));
  await engine.remove(ids.filter((id) => !publicIds.has(id)));
  return { seq: changes[changes.length - 1]!.seq, applied: ids.length };
}

export interface Drift {
  database: number;
  index: number;
  /** Public in the database, absent from the index. */
  missing: string[];
  /** In the index but not public (withdrawn, expired or unknown): the dangerous kind. */
  extra: string[];
  /** In both, but the index holds an older version. */
  stale: string[];
}

/** Compares the public set in the database with the index, id by id and version by version. */
export async function verifyIndex(db: Db, engine: SearchEngine): Promise<Drift> {
  const rows = await db.query<{ id: string; updated: string }>(
    `SELECT id, data->>'updatedAt' AS updated FROM disclosures WHERE status IN ${PUBLIC_STATUS_SQL}`,
  );
  const indexed = await engine.versions();
  const drift: Drift = { database: rows.length, index: indexed.size, missing: [], extra: [], stale: [] };
  const inDb = new Set<string>();
  for (const r of rows) {
    inDb.add(r.id);
    const v = indexed.get(r.id);
    if (v === undefined) drift.missing.push(r.id);
    else if (v !== Date.parse(r.updated)) drift.stale.push(r.id);
  }
  for (const id of indexed.keys()) if (!inDb.has(id)) drift.extra.push(id);
  return drift;
}

export function hasDrift(d: Drift): boolean {
  return d.missing.length + d.extra.length + d.stale.length > 0;
}
