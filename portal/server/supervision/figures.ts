import { RATING_DIMENSIONS, type RatingDimension } from '@sunlight/domain/schemas/evaluation';
import type { Db } from '../db/types';
import type { Period } from './period';

/**
 * One definition per figure of the supervision workspace. The overview, the alerts, the assessment and
 * the public statistics all count with these fragments and queries, so a figure reads the same on every
 * page (figures.db.test.ts computes each one several ways and compares them).
 *
 * - 检查任务 (inspection): a row of `inspections` that is not cancelled, counted by its window start.
 * - 扫码登记 (check-in): a row of `checkins` — the enterprise's own 事中登记. A certificate whose status
 *   is `used` is NOT a check-in: the status can be set by the agency's system, and counting it let an
 *   agency raise its own check-in rate.
 * - 扫码登记率 (participation): of the inspections whose window ended in the period (and by now), not
 *   cancelled and whose certificate was not revoked, the share with a check-in.
 * - 企业评价 (evaluation): a row of `evaluations`, counted by when it was submitted. (The public summary
 *   counts only final evaluations in whole batches — an anonymity rule, see satisfaction.ts.)
 * - 预警 (alert): an alert of the period that names the agency and was not dismissed as unfounded.
 */

/** SQL: an inspection row (alias `i`) that counts. */
export const COUNTED_INSPECTION_SQL = (i = 'i') => `${i}.status <> 'cancelled'`;

/** SQL: the certificate (alias `c`) has a real check-in record. */
export const CHECKED_IN_SQL = (c = 'c') =>
  `EXISTS (SELECT 1 FROM checkins k WHERE k.certificate_no = ${c}.certificate_no)`;

/** SQL: the inspection's window ended within [$start, $end) and by $now, and it was meant to happen. */
const ENDED_SQL = (start: string, end: string, now: string) =>
  `${COUNTED_INSPECTION_SQL('i')} AND coalesce(c.status, '') <> 'revoked'
   AND i.window_end >= ${start} AND i.window_end < ${end} AND i.window_end <= ${now}`;

export interface Participation {
  /** Inspections whose window ended in the period. */
  ended: number;
  /** Of those, inspections whose enterprise checked in. */
  checked: number;
}

/** 扫码登记率 per agency (agencies without an ended inspection are absent). */
export async function participationByAgency(
  db: Db,
  period: Period,
  now: Date,
  agencyId?: string,
): Promise<Map<string, Participation>> {
  const rows = await db.query<{ agency_id: string; ended: number; checked: number }>(
    `SELECT i.agency_id, count(*)::int AS ended, count(*) FILTER (WHERE ${CHECKED_IN_SQL('c')})::int AS checked
     FROM inspections i LEFT JOIN certificates c ON c.inspection_id = i.id
     WHERE ${ENDED_SQL('$1', '$2', '$3')}${agencyId ? ' AND i.agency_id = $4' : ''}
     GROUP BY i.agency_id`,
    agencyId ? [period.start, period.end, now, agencyId] : [period.start, period.end, now],
  );
  return new Map(rows.map((r) => [r.agency_id, { ended: r.ended, checked: r.checked }]));
}

/** The district-wide (or one agency's) 扫码登记率 from per-agency figures. */
export function totalParticipation(by: ReadonlyMap<string, Participation>): Participation {
  let ended = 0;
  let checked = 0;
  for (const p of by.values()) {
    ended += p.ended;
    checked += p.checked;
  }
  return { ended, checked };
}

/** `83.3%` of a participation, or null when nothing ended. */
export const participationRate = (p: Participation): number | null =>
  p.ended ? Math.round((p.checked / p.ended) * 1000) / 10 : null;

export interface EvaluationFigures {
  n: number;
  /** Mean of all rating dimensions together (1–5). */
  mean: number;
  ratings: Record<RatingDimension, number>;
}

/** 企业评价 per agency: submitted in the period. */
export async function evaluationsByAgency(db: Db, period: Period): Promise<Map<string, EvaluationFigures>> {
  const sum = RATING_DIMENSIONS.map((d) => `(ratings->>'${d}')::numeric`).join(' + ');
  const avg = RATING_DIMENSIONS.map((d) => `avg((ratings->>'${d}')::numeric)::float8 AS "${d}"`).join(', ');
  const rows = await db.query<{ agency_id: string; n: number; mean: number } & Record<RatingDimension, number>>(
    `SELECT agency_id, count(*)::int AS n, avg((${sum}) / ${RATING_DIMENSIONS.length})::float8 AS mean, ${avg}
     FROM evaluations WHERE created_at >= $1 AND created_at < $2 GROUP BY agency_id`,
    [period.start, period.end],
  );
  return new Map(
    rows.map((r) => [
      r.agency_id,
      {
        n: r.n,
        mean: r.mean,
        ratings: Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, Number(r[d])])) as Record<RatingDimension, number>,
      },
    ]),
  );
}

/** 检查任务 per agency: counted inspections whose window started in the period. */
export async function inspectionsByAgency(db: Db, period: Period): Promise<Map<string, number>> {
  const rows = await db.query<{ agency_id: string; n: number }>(
    `SELECT i.agency_id, count(*)::int AS n FROM inspections i
     WHERE ${COUNTED_INSPECTION_SQL('i')} AND i.window_start >= $1 AND i.window_start < $2 GROUP BY i.agency_id`,
    [period.start, period.end],
  );
  return new Map(rows.map((r) => [r.agency_id, r.n]));
}

/** 预警 per agency: every alert counts once for each agency it names (dismissed ones are left out before). */
export function alertsByAgency(alerts: readonly { agencyIds: readonly string[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of alerts) for (const id of new Set(a.agencyIds)) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}
