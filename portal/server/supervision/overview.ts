import { RATING_DIMENSIONS, type RatingDimension } from '@sunlight/domain/schemas/evaluation';
import { CHINA_TIME_ZONE } from '@sunlight/domain/china-time';
import type { Db } from '../db/types';
import { COUNTED_STATUS_SQL } from '../disclosures/status-sql';
import { buckets, type Period } from './period';
import { COUNTED_INSPECTION_SQL, participationByAgency, totalParticipation, type Participation } from './figures';

/**
 * 执法总览: per agency for a period — inspections (by window start, not cancelled), certificates issued,
 * check-ins (事中登记), evaluations (事后评价) with the average of every rating dimension, and penalty
 * decisions (by decision date, withdrawn ones left out) — with trend series by day or month.
 */

export type Ratings = Record<RatingDimension, number | null>;

export interface Measures {
  inspections: number;
  /** Inspections accepted over the annual cap (投诉举报/上级交办 with a reason). */
  flagged: number;
  certificates: number;
  checkins: number;
  /** Check-ins where the enterprise said no credentials were shown. */
  checkinsWithoutCredentials: number;
  evaluations: number;
  /** Evaluations reporting at least one problem. */
  evaluationsWithProblems: number;
  decisions: number;
  ratings: Ratings;
  /** 扫码登记率: inspections ended in the period and how many of them were checked in (figures.ts). */
  participation: Participation;
}

export interface AgencyOverview extends Measures {
  id: string;
  name: string;
  shortName: string;
  category: string;
}

export interface TrendPoint {
  key: string;
  inspections: number;
  certificates: number;
  checkins: number;
  evaluations: number;
  decisions: number;
  /** Average 总体满意 of the bucket's evaluations. */
  overall: number | null;
}

export interface Overview {
  agencies: AgencyOverview[];
  totals: Measures;
  trend: { unit: 'day' | 'month'; points: TrendPoint[] };
  /** Set when the overview is for one agency. */
  agencyId?: string;
}

const emptyRatings = (): Ratings => Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, null])) as Ratings;

const zero = (): Measures => ({
  inspections: 0,
  flagged: 0,
  certificates: 0,
  checkins: 0,
  checkinsWithoutCredentials: 0,
  evaluations: 0,
  evaluationsWithProblems: 0,
  decisions: 0,
  ratings: emptyRatings(),
  participation: { ended: 0, checked: 0 },
});

const avgColumns = RATING_DIMENSIONS.map((d) => `avg((e.ratings->>'${d}')::numeric)::float8 AS "${d}"`).join(', ');

export async function overview(db: Db, p: Period, agencyId?: string, now = new Date()): Promise<Overview> {
  const unit = buckets(p);
  const fmt = unit.unit === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
  const agencyFilter = (col: string, n: number) => (agencyId ? ` AND ${col} = $${n}` : '');
  const params = agencyId ? [p.start, p.end, agencyId] : [p.start, p.end];
  const dparams = agencyId ? [p.from, p.to, agencyId] : [p.from, p.to];

  const [participation, agencies, inspections, certificates, checkins, evaluations, decisions] = await Promise.all([
    participationByAgency(db, p, now, agencyId),
    db.query<{ id: string; name: string; short_name: string | null; category: string }>(
      `SELECT id, name, short_name, category FROM agencies ${agencyId ? 'WHERE id = $1' : ''} ORDER BY category, name`,
      agencyId ? [agencyId] : [],
    ),
    db.query<{ agency_id: string; bucket: string; n: number; flagged: number }>(
      `SELECT agency_id, to_char(window_start AT TIME ZONE '${CHINA_TIME_ZONE}', '${fmt}') AS bucket,
              count(*)::int AS n, count(*) FILTER (WHERE flagged)::int AS flagged
       FROM inspections i WHERE window_start >= $1 AND window_start < $2 AND ${COUNTED_INSPECTION_SQL('i')}${agencyFilter('agency_id', 3)}
       GROUP BY 1, 2`,
      params,
    ),
    db.query<{ agency_id: string; bucket: string; n: number }>(
      `SELECT agency_id, to_char(issued_at AT TIME ZONE '${CHINA_TIME_ZONE}', '${fmt}') AS bucket, count(*)::int AS n
       FROM certificates WHERE issued_at >= $1 AND issued_at < $2${agencyFilter('agency_id', 3)} GROUP BY 1, 2`,
      params,
    ),
    db.query<{ agency_id: string; bucket: string; n: number; hidden: number }>(
      `SELECT c.agency_id, to_char(k.created_at AT TIME ZONE '${CHINA_TIME_ZONE}', '${fmt}') AS bucket, count(*)::int AS n,
              count(*) FILTER (WHERE NOT k.credentials_shown)::int AS hidden
       FROM checkins k JOIN certificates c ON c.certificate_no = k.certificate_no
       WHERE k.created_at >= $1 AND k.created_at < $2${agencyFilter('c.agency_id', 3)} GROUP BY 1, 2`,
      params,
    ),
    db.query<{ agency_id: string; bucket: string; n: number; problems: number } & Ratings>(
      `SELECT e.agency_id, to_char(e.created_at AT TIME ZONE '${CHINA_TIME_ZONE}', '${fmt}') AS bucket, count(*)::int AS n,
              count(*) FILTER (WHERE jsonb_array_length(e.problems) > 0)::int AS problems, ${avgColumns}
       FROM evaluations e WHERE e.created_at >= $1 AND e.created_at < $2${agencyFilter('e.agency_id', 3)} GROUP BY 1, 2`,
      params,
    ),
    db.query<{ agency_id: string; bucket: string; n: number }>(
      `SELECT agency_id, to_char(decision_date, '${fmt}') AS bucket, count(*)::int AS n
       FROM disclosures WHERE decision_date >= $1::date AND decision_date <= $2::date
         AND status IN ${COUNTED_STATUS_SQL}${agencyFilter('agency_id', 3)} GROUP BY 1, 2`,
      dparams,
    ),
  ]);

  const byAgency = new Map<string, Measures>();
  const m = (id: string) => {
    let x = byAgency.get(id);
    if (!x) byAgency.set(id, (x = zero()));
    return x;
  };
  const points = new Map<string, TrendPoint>(
    unit.keys.map((k) => [
      k,
      { key: k, inspections: 0, certificates: 0, checkins: 0, evaluations: 0, decisions: 0, overall: null },
    ]),
  );
  const totals = zero();
  /** Adds n to one measure of the agency and of the totals. */
  const add = (agencyId: string, key: Exclude<keyof Measures, 'ratings' | 'participation'>, n: number) => {
    m(agencyId)[key] += n;
    totals[key] += n;
  };
  /** Adds a bucket's count to the agency, the totals and the bucket's trend point. */
  const count = (
    r: { agency_id: string; bucket: string; n: number },
    key: Exclude<keyof TrendPoint, 'key' | 'overall'>,
  ) => {
    add(r.agency_id, key, r.n);
    const pt = points.get(r.bucket);
    if (pt) pt[key] += r.n;
  };
  for (const r of inspections) {
    count(r, 'inspections');
    add(r.agency_id, 'flagged', r.flagged);
  }
  for (const r of certificates) count(r, 'certificates');
  for (const r of checkins) {
    count(r, 'checkins');
    add(r.agency_id, 'checkinsWithoutCredentials', r.hidden);
  }
  for (const r of decisions) count(r, 'decisions');
  // Weighted averages: sum of (bucket average × bucket count) over the buckets.
  const sums = new Map<string, Record<RatingDimension, number>>();
  const totalSums = Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, 0])) as Record<RatingDimension, number>;
  const overallByBucket = new Map<string, { s: number; n: number }>();
  for (const r of evaluations) {
    count(r, 'evaluations');
    add(r.agency_id, 'evaluationsWithProblems', r.problems);
    let s = sums.get(r.agency_id);
    if (!s) sums.set(r.agency_id, (s = Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, 0])) as never));
    for (const d of RATING_DIMENSIONS) {
      s[d] += Number(r[d]) * r.n;
      totalSums[d] += Number(r[d]) * r.n;
    }
    const b = overallByBucket.get(r.bucket) ?? { s: 0, n: 0 };
    b.s += Number(r.overall) * r.n;
    b.n += r.n;
    overallByBucket.set(r.bucket, b);
  }
  for (const [id, x] of participation) m(id).participation = x;
  totals.participation = totalParticipation(participation);
  const round2 = (n: number) => Math.round(n * 100) / 100;
  for (const [id, s] of sums) {
    const a = m(id);
    for (const d of RATING_DIMENSIONS) a.ratings[d] = a.evaluations ? round2(s[d] / a.evaluations) : null;
  }
  if (totals.evaluations)
    for (const d of RATING_DIMENSIONS) totals.ratings[d] = round2(totalSums[d] / totals.evaluations);
  for (const [k, b] of overallByBucket) {
    const pt = points.get(k);
    if (pt && b.n) pt.overall = round2(b.s / b.n);
  }
  return {
    agencies: agencies.map((a) => ({
      id: a.id,
      name: a.name,
      shortName: a.short_name ?? a.name,
      category: a.category,
      ...(byAgency.get(a.id) ?? zero()),
    })),
    totals,
    trend: { unit: unit.unit, points: [...points.values()] },
    ...(agencyId ? { agencyId } : {}),
  };
}
