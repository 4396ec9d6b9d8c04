import { isPublicDisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { AgencyNames } from '@sunlight/search-indexer/document';
import type { SearchDoc, SearchEngine } from '@sunlight/search-indexer/types';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import { latestSeq } from '../records/change-log';
import { RECORD_SOURCES, recordSource } from '../records/registry';
import type { PublicRecordSource } from '../records/source';

async function agencyNames(db: Db): Promise<Map<string, AgencyNames>> {
  const rows = await db.query<{ id: string; name: string; short_name: string | null }>(
    'SELECT id, name, short_name FROM agencies',
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, shortName: r.short_name ?? r.name }]));
}

function docOf(
  source: PublicRecordSource,
  row: { agency_id: string; data: unknown },
  agencies: Map<string, AgencyNames>,
): SearchDoc {
  return source.searchDoc(row.data, agencies.get(row.agency_id) ?? { name: row.agency_id, shortName: row.agency_id });
}

/** How many records of every type are public: what a complete index holds. */
export async function publicCount(db: Db): Promise<number> {
  let total = 0;
  for (const source of RECORD_SOURCES) {
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${source.table} WHERE status IN ${PUBLIC_STATUS_SQL}`,
    );
    total += n;
  }
  return total;
}

export interface RebuildProgress {
  (done: number, total: number): void;
}

/**
 * Rebuilds an index from the database: every public record of every type, in id order, in batches. Returns the
 * change-log position it covers; changes after it are applied by `syncChanges`.
 */
export async function rebuildIndex(
  db: Db,
  engine: SearchEngine,
  progress?: RebuildProgress,
  batch = 2000,
): Promise<{ documents: number; seq: number }> {
  const seq = await latestSeq(db);
  const total = await publicCount(db);
  const agencies = await agencyNames(db);
  let done = 0;
  const fill = async (upsert: (docs: SearchDoc[]) => Promise<void>) => {
    progress?.(0, total);
    for (const source of RECORD_SOURCES) {
      let after = '';
      for (;;) {
        const rows = await db.query<{ id: string; agency_id: string; data: unknown }>(
          `SELECT id, agency_id, data FROM ${source.table} WHERE status IN ${PUBLIC_STATUS_SQL} AND id > $1 ORDER BY id LIMIT $2`,
          [after, batch],
        );
        if (!rows.length) break;
        await upsert(rows.map((r) => docOf(source, r, agencies)));
        done += rows.length;
        after = rows[rows.length - 1]!.id;
        progress?.(done, total);
      }
    }
  };
  if (engine.replaceAll) await engine.replaceAll(fill);
  else {
    await engine.clear();
    await fill((docs) => engine.upsert(docs));
  }
  return { documents: done, seq };
}

/**
 * Applies the change log after `since` to the index: each changed disclosure is re-read and either
 * upserted (still public) or removed (withdrawn, expired). Returns the new position. Throws if a write
 * fails, so the caller keeps its position and applies the same changes again.
 */
export async function syncChanges(
  db: Db,
  engine: SearchEngine,
  since: number,
  limit = 5000,
): Promise<{ seq: number; applied: number }> {
  const changes = await db.query<{ seq: number; record_type: RecordType; record_id: string }>(
    'SELECT seq::int8 AS seq, record_type, record_id FROM record_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
    [since, limit],
  );
  if (!changes.length) return { seq: since, applied: 0 };
  const agencies = await agencyNames(db);
  const byType = new Map<RecordType, Set<string>>();
  for (const c of changes) byType.set(c.record_type, (byType.get(c.record_type) ?? new Set()).add(c.record_id));
  let applied = 0;
  for (const [type, idSet] of byType) {
    const source = recordSource(type);
    const ids = [...idSet];
    const rows = await db.query<{ id: string; agency_id: string; status: string; data: unknown }>(
      `SELECT id, agency_id, status, data FROM ${source.table} WHERE id = ANY($1)`,
      [ids],
    );
    const publicRows = rows.filter((r) => isPublicDisclosureStatus(r.status));
    const publicIds = new Set(publicRows.map((r) => r.id));
    // Removals first: a batch of updates that keeps failing must not hold a withdrawal back.
    await engine.remove(ids.filter((id) => !publicIds.has(id)));
    await engine.upsert(publicRows.map((r) => docOf(source, r, agencies)));
    applied += ids.length;
  }
  return { seq: changes[changes.length - 1]!.seq, applied };
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

/** Compares the public set in the database with the index, id by id and version by version (every record's public form carries `updatedAt`). */
export async function verifyIndex(db: Db, engine: SearchEngine): Promise<Drift> {
  const rows: { id: string; updated: string }[] = [];
  for (const source of RECORD_SOURCES) {
    rows.push(
      ...(await db.query<{ id: string; updated: string }>(
        `SELECT id, data->>'updatedAt' AS updated FROM ${source.table} WHERE status IN ${PUBLIC_STATUS_SQL}`,
      )),
    );
  }
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
