import { RATING_DIMENSIONS, type RatingDimension } from '@sunlight/domain/schemas/evaluation';
import type { InspectionCap } from '@sunlight/domain/schemas/inspection-cap';
import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { chinaInstant } from '@sunlight/domain/china-time';
import type { Db } from '../../db/types';
import { loadWorkingCalendar } from '../../working-calendar';
import { CHECKED_IN_SQL } from '../figures';
import { DAY_MS, makePeriod, addDays, type Period } from '../period';
import type {
  AlertData,
  CertificateRow,
  CheckinRow,
  EvaluationRow,
  InspectionRow,
  ProofFailureRow,
  ReportRow,
} from './types';

/** An InspectionRow per inspection (with its certificate and enterprise name); the caller adds WHERE. */
const SELECT_INSPECTIONS = `SELECT i.id, i.agency_id, i.enterprise_credit_code, en.name AS enterprise_name, i.source, i.status,
         i.window_start, i.window_end, i.flagged, i.data->>'approver' AS approver, i.data->>'reason' AS reason,
         i.data->'itemCodes' AS item_codes, c.certificate_no, c.status AS cert_status, c.issued_at,
         ${CHECKED_IN_SQL('c')} AS checked_in
  FROM inspections i
  LEFT JOIN certificates c ON c.inspection_id = i.id
  LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code`;

/** A certificate row's inspection and enterprise, for queries over `certificates c` or tables joined to it. */
const CERTIFICATE_CONTEXT = `JOIN inspections i ON i.id = c.inspection_id
  LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code`;

export async function loadAlertData(db: Db, period: Period, rules: AlertRulesSettings, now: Date): Promise<AlertData> {
  const lookbackDays = Math.max(rules.frequent.withinDays, rules.multiAgency.withinDays, 32);
  const yearStart = chinaInstant(`${period.from.slice(0, 4)}-01-01`);
  const loadFrom = new Date(Math.min(yearStart.getTime(), period.start.getTime() - lookbackDays * DAY_MS));
  const bulkFrom = new Date(period.start.getTime() - rules.bulk.withinMinutes * 60_000);
  const previous = makePeriod(addDays(period.from, -period.days), addDays(period.from, -1));
  const avg = RATING_DIMENSIONS.map((d) => `avg((ratings->>'${d}')::numeric)::float8 AS "${d}"`).join(', ');

  const [
    calendar,
    agencies,
    items,
    caps,
    inspections,
    certificates,
    evaluations,
    checkins,
    prev,
    proofFailures,
    reports,
  ] = await Promise.all([
    loadWorkingCalendar(db),
    db.query<{ id: string; name: string; short_name: string | null }>(`SELECT id, name, short_name FROM agencies`),
    db.query<{ code: string; field: string | null }>(`SELECT code, field FROM inspection_items`),
    db.query<{ data: InspectionCap[] }>(`SELECT data FROM settings WHERE key = 'inspection-caps'`),
    db.query<InspectionRow>(
      `${SELECT_INSPECTIONS}
       WHERE i.window_start >= $1 AND i.window_start < $2
       ORDER BY i.window_start, i.id`,
      [loadFrom, period.end],
    ),
    db.query<CertificateRow>(
      `SELECT c.certificate_no, c.inspection_id, c.agency_id, c.status, c.issued_at, i.data->>'approver' AS approver,
              en.name AS enterprise_name
       FROM certificates c ${CERTIFICATE_CONTEXT}
       WHERE c.issued_at >= $1 AND c.issued_at < $2
       ORDER BY c.issued_at, c.certificate_no`,
      [bulkFrom, period.end],
    ),
    db.query<EvaluationRow>(
      `SELECT e.certificate_no, c.inspection_id, e.agency_id, i.enterprise_credit_code, en.name AS enterprise_name,
              e.ratings, e.problems, e.comment, e.created_at
       FROM evaluations e JOIN certificates c ON c.certificate_no = e.certificate_no
       ${CERTIFICATE_CONTEXT}
       WHERE e.created_at >= $1 AND e.created_at < $2
       ORDER BY e.created_at, e.certificate_no`,
      [period.start, period.end],
    ),
    db.query<CheckinRow>(
      `SELECT k.certificate_no, c.inspection_id, c.agency_id, i.enterprise_credit_code, en.name AS enterprise_name,
              k.credentials_shown, k.created_at
       FROM checkins k JOIN certificates c ON c.certificate_no = k.certificate_no
       ${CERTIFICATE_CONTEXT}
       WHERE k.created_at >= $1 AND k.created_at < $2 AND NOT k.credentials_shown
       ORDER BY k.created_at`,
      [period.start, period.end],
    ),
    db.query<{ agency_id: string; n: number } & Record<RatingDimension, number>>(
      `SELECT agency_id, count(*)::int AS n, ${avg} FROM evaluations
       WHERE created_at >= $1 AND created_at < $2 GROUP BY agency_id`,
      [previous.start, previous.end],
    ),
    db.query<ProofFailureRow>(
      `SELECT f.certificate_no, c.inspection_id, f.agency_id, i.enterprise_credit_code, en.name AS enterprise_name,
              f.action, f.reason, f.ip, f.at
       FROM business_proof_failures f JOIN certificates c ON c.certificate_no = f.certificate_no
       ${CERTIFICATE_CONTEXT}
       WHERE f.at >= $1 AND f.at < $2
       ORDER BY f.at, f.seq`,
      [period.start, period.end],
    ),
    db.query<ReportRow>(
      `SELECT receipt, case_id, agency_id, kind, occurred_at, received_at FROM reports
       WHERE agency_id IS NOT NULL AND duplicate_of IS NULL AND received_at >= $1 AND received_at < $2
       ORDER BY received_at, receipt`,
      [new Date(period.start.getTime() - rules.reports.withinDays * DAY_MS), period.end],
    ),
  ]);
  // Inspections behind evaluations and check-ins of the period that started before the loaded range.
  const known = new Set(inspections.map((r) => r.id));
  const missing = [...new Set([...evaluations, ...checkins, ...proofFailures].map((x) => x.inspection_id))].filter(
    (id) => !known.has(id),
  );
  const extra = missing.length
    ? await db.query<InspectionRow>(`${SELECT_INSPECTIONS} WHERE i.id = ANY($1::text[])`, [missing])
    : [];
  return {
    period,
    now,
    calendar,
    agencies: new Map(agencies.map((a) => [a.id, a.short_name ?? a.name])),
    itemFields: new Map(items.filter((i) => i.field).map((i) => [i.code, i.field as string])),
    caps: caps[0]?.data ?? [],
    inspections,
    referenced: new Map(extra.map((r) => [r.id, r])),
    certificates,
    evaluations,
    checkins,
    proofFailures,
    reports,
    previousRatings: new Map(prev.map((r) => [r.agency_id, r])),
  };
}
