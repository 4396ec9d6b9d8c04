import type { PublicDisclosure } from '@sunlight/domain/schemas/disclosure';
import type { PublicPermit } from '@sunlight/domain/schemas/permit';
import { CHINA_TIME_ZONE } from '@sunlight/domain/china-time';
import { Cache, CONTENT_TTL_MS, perDatabase } from '../cache';
import type { Db } from '../db/types';
import { allInspectionResults, type ResultRow } from '../inspection-results/read';
import { enterprisePermits } from '../permits/read';
import { PUBLIC_STATUS_SQL } from './status-sql';
import type { Tombstone } from './tombstone';

export type DisclosureLookup =
  | { kind: 'public'; record: PublicDisclosure; updatedAt: string }
  | { kind: 'gone'; id: string; tombstone: Tombstone; updatedAt: string }
  | { kind: 'missing' };

/**
 * What the public may know about one decision: the public form while it is published or corrected,
 * only the tombstone once it is withdrawn or expired. The restricted column is never read here.
 */
export async function lookupDisclosure(db: Db, id: string): Promise<DisclosureLookup> {
  const [row] = await db.query<{
    status: string;
    data: PublicDisclosure | null;
    tombstone: Tombstone | null;
    updated_at: Date;
  }>(
    `SELECT status,
            CASE WHEN status IN ${PUBLIC_STATUS_SQL} THEN data END AS data,
            tombstone, updated_at
     FROM disclosures WHERE id = $1`,
    [id],
  );
  if (!row) return { kind: 'missing' };
  const updatedAt = new Date(row.updated_at).toISOString();
  if (row.data) return { kind: 'public', record: row.data, updatedAt };
  if (row.tombstone) return { kind: 'gone', id, tombstone: row.tombstone, updatedAt };
  return { kind: 'missing' };
}

/** Catalogue data changes only when content is reloaded: a short per-process cache keeps record pages cheap. */
const contentCache = perDatabase(() => new Cache<string, unknown>({ ttlMs: CONTENT_TTL_MS, max: 5000 }));
function cached<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  return contentCache(db).remember(key, load) as Promise<T>;
}

export interface LawTitle {
  code: string;
  title: string;
  articles: Set<number>;
}

/** Titles of the cited laws (and which article numbers exist), for links on record pages. */
export async function lawTitles(db: Db, codes: string[]): Promise<Map<string, LawTitle>> {
  if (!codes.length) return new Map();
  const all = await Promise.all(codes.map((code) => cached(db, `law:${code}`, () => loadLawTitles(db, [code]))));
  return new Map(all.flatMap((m) => [...m]));
}

async function loadLawTitles(db: Db, codes: string[]): Promise<Map<string, LawTitle>> {
  const rows = await db.query<{ code: string; title: string; numbers: number[] }>(
    `SELECT code, title, ARRAY(SELECT (a->>'number')::int FROM jsonb_array_elements(data->'articles') a) AS numbers
     FROM laws WHERE code = ANY($1)`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, { code: r.code, title: r.title, articles: new Set(r.numbers) }]));
}

export interface AgencyRef {
  id: string;
  name: string;
  shortName: string | null;
}

export function agencyRef(db: Db, id: string): Promise<AgencyRef | undefined> {
  return cached(db, `agency:${id}`, () => loadAgencyRef(db, id));
}

async function loadAgencyRef(db: Db, id: string): Promise<AgencyRef | undefined> {
  const [row] = await db.query<{ id: string; name: string; short_name: string | null }>(
    'SELECT id, name, short_name FROM agencies WHERE id = $1',
    [id],
  );
  return row ? { id: row.id, name: row.name, shortName: row.short_name } : undefined;
}

export function agencyNames(db: Db): Promise<Map<string, string>> {
  return cached(db, 'agencies', () => loadAgencyNames(db));
}

async function loadAgencyNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM agencies ORDER BY category, id');
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function discretionSummary(
  db: Db,
  id: string,
): Promise<{ id: string; kind: string; violation: string } | undefined> {
  const [row] = await db.query<{ id: string; kind: string; violation: string }>(
    `SELECT id, kind, data->>'violation' AS violation FROM discretion_items WHERE id = $1`,
    [id],
  );
  return row;
}

export interface EnterpriseView {
  creditCode: string;
  name: string;
  type: string | null;
  industry: string | null;
  region: string | null;
  disclosures: PublicDisclosure[];
  /** Valid public permits (行政许可). */
  permits: PublicPermit[];
  inspections: { total: number; byYear: { year: number; count: number }[] };
  inspectionResults: ResultRow[];
}

/** An enterprise's public record: who it is (no address or representative), its public decisions and permits. */
export async function enterpriseView(db: Db, creditCode: string): Promise<EnterpriseView | undefined> {
  const [ent] = await db.query<{ name: string; type: string | null; region: string | null; industry: string | null }>(
    `SELECT name, type, region, data->>'industry' AS industry FROM enterprises WHERE credit_code = $1`,
    [creditCode],
  );
  const disclosures = (
    await db.query<{ data: PublicDisclosure }>(
      `SELECT data FROM disclosures WHERE party_credit_code = $1 AND status IN ${PUBLIC_STATUS_SQL}
       ORDER BY decision_date DESC, id`,
      [creditCode],
    )
  ).map((r) => r.data);
  const inspectionResults = await allInspectionResults(db, { creditCode });
  const permits = await enterprisePermits(db, creditCode);
  if (!ent && !disclosures.length && !inspectionResults.length && !permits.length) return undefined;
  const byYear = await db.query<{ year: number; count: number }>(
    `SELECT extract(year FROM window_start AT TIME ZONE '${CHINA_TIME_ZONE}')::int AS year, count(*)::int AS count
     FROM inspections WHERE enterprise_credit_code = $1 GROUP BY 1 ORDER BY 1 DESC`,
    [creditCode],
  );
  return {
    creditCode,
    name: ent?.name ?? disclosures[0]?.partyName ?? permits[0]?.partyName ?? inspectionResults[0]!.enterpriseName,
    type: ent?.type ?? null,
    industry: ent?.industry ?? null,
    region: ent?.region ?? disclosures[0]?.region ?? permits[0]?.region ?? null,
    disclosures,
    permits,
    inspections: { total: byYear.reduce((s, r) => s + r.count, 0), byYear },
    inspectionResults,
  };
}
