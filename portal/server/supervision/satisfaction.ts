import { chinaYearBounds } from '@sunlight/domain/china-time';
import { RATING_DIMENSIONS, type RatingDimension } from '@sunlight/domain/schemas/evaluation';
import { PUBLIC_MIN_EVALUATIONS } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';
import { supervisionSettings } from './settings';

/**
 * The public, anonymised satisfaction summary (for /statistics): per agency and calendar year, the number
 * of evaluations and the average of each rating dimension — only for agencies with at least
 * `publicSummary.minEvaluations` (never fewer than 5) evaluations. No comment, problem, certificate,
 * enterprise or date of a single evaluation ever leaves this module; agencies below the minimum are only
 * counted, not named with figures.
 *
 * Differencing is closed off too: only final evaluations count (an evaluation can be replaced for 7 days;
 * a published average moving with one revision would reveal it), and they count in whole batches of the
 * minimum, oldest first (12 final evaluations publish as 10). So a published figure only ever changes by
 * at least `minimum` new evaluations at once, and comparing two versions of the page reveals no single
 * rating.
 */

export interface AgencySatisfaction {
  agencyId: string;
  name: string;
  shortName: string;
  evaluations: number;
  /** Rounded to one decimal. */
  averages: Record<RatingDimension, number>;
}

export interface SatisfactionSummary {
  year: number;
  minEvaluations: number;
  agencies: AgencySatisfaction[];
  /** Agencies with 1 to minEvaluations − 1 evaluations: figures withheld. */
  withheldAgencies: number;
  /** Final evaluations of the year, including the withheld agencies' (a count only). */
  totalEvaluations: number;
  /** Evaluations behind the published figures. */
  shownEvaluations: number;
  /**
   * Averages over the published agencies only. Including the withheld agencies would let anyone subtract
   * the published rows and recover the ratings of a single evaluation.
   */
  overall: Record<RatingDimension, number> | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function publicSatisfaction(
  db: Db,
  year: number,
  minimum?: number,
  now = new Date(),
): Promise<SatisfactionSummary> {
  const min = Math.max(PUBLIC_MIN_EVALUATIONS, minimum ?? (await supervisionSettings(db)).publicSummary.minEvaluations);
  const rows = await db.query<
    { agency_id: string; name: string; short_name: string | null; n: number; all_final: number } & Record<
      RatingDimension,
      number
    >
  >(
    `WITH e AS (
       SELECT agency_id, ratings,
              row_number() OVER (PARTITION BY agency_id ORDER BY created_at, certificate_no) AS rn,
              count(*) OVER (PARTITION BY agency_id) AS total
       FROM evaluations
       WHERE created_at >= $1 AND created_at < $2 AND final_at <= $3
     )
     SELECT e.agency_id, a.name, a.short_name, max(e.total)::int AS all_final,
            count(*) FILTER (WHERE e.rn <= (e.total / $4) * $4)::int AS n,
            ${RATING_DIMENSIONS.map((d) => `avg((e.ratings->>'${d}')::numeric) FILTER (WHERE e.rn <= (e.total / $4) * $4)::float8 AS "${d}"`).join(', ')}
     FROM e JOIN agencies a ON a.id = e.agency_id
     GROUP BY e.agency_id, a.name, a.short_name`,
    [...chinaYearBounds(year), now, min],
  );
  const averages = (r: Record<RatingDimension, number>) =>
    Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, round1(Number(r[d]))])) as Record<RatingDimension, number>;
  const shown = rows.filter((r) => r.n >= min);
  const total = rows.reduce((s, r) => s + r.all_final, 0);
  const shownTotal = shown.reduce((s, r) => s + r.n, 0);
  let overall: Record<RatingDimension, number> | null = null;
  if (shown.length > 1) {
    overall = Object.fromEntries(
      RATING_DIMENSIONS.map((d) => [d, round1(shown.reduce((s, r) => s + Number(r[d]) * r.n, 0) / shownTotal)]),
    ) as Record<RatingDimension, number>;
  }
  return {
    year,
    minEvaluations: min,
    agencies: shown
      .map((r) => ({
        agencyId: r.agency_id,
        name: r.name,
        shortName: r.short_name ?? r.name,
        evaluations: r.n,
        averages: averages(r),
      }))
      .sort((a, b) => b.averages.overall - a.averages.overall || b.evaluations - a.evaluations),
    withheldAgencies: rows.length - shown.length,
    totalEvaluations: total,
    shownEvaluations: shownTotal,
    overall,
  };
}
