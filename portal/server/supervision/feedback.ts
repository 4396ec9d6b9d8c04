import { z } from 'zod';
import { EVALUATION_PROBLEMS, type EvaluationProblem, type RatingDimension } from '@sunlight/domain/schemas/evaluation';
import { REPORT_KINDS, type ReportKind, type ReportStatus } from '@sunlight/domain/schemas/report';
import { chinaIso } from '@sunlight/domain/china-time';
import type { Db, SqlParam } from '../db/types';
import { statusOfCase } from '../reports/store';
import type { CaseStatus } from './cases';
import type { Period } from './period';

/**
 * 评价与反映 in the workspace: every evaluation (事后评价) and every report (反映问题), searchable by
 * agency, officer, enterprise, certificate, rating, problem kind and period, each linked to its inspection
 * and any work order. Supervisors and auditors only: an agency account never reaches this module's pages.
 * Who reported (contact, client key) is not selected here at all; it stays on the work order.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || undefined)
    .optional();

export const FeedbackFilterSchema = z.object({
  agency: optionalText(64),
  /** An officer's id, name or 执法证号 (exact or a part of the name). */
  officer: optionalText(40),
  /** A credit code (exact) or a part of the enterprise's name. */
  enterprise: optionalText(60),
  certificate: optionalText(40),
  /** Evaluations whose 总体满意 is at most this. */
  maxRating: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  problem: optionalText(20),
  /** Reports still waiting for their 回告 (not duplicates, not closed as unfounded). */
  awaiting: z.literal('1').optional().catch(undefined),
});
export type FeedbackFilter = z.infer<typeof FeedbackFilterSchema>;

export function readFeedbackFilter(sp: URLSearchParams): FeedbackFilter {
  const raw = Object.fromEntries(
    ['agency', 'officer', 'enterprise', 'certificate', 'maxRating', 'problem', 'awaiting'].map((k) => [
      k,
      sp.get(k) || undefined,
    ]),
  );
  const parsed = FeedbackFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

export interface OfficerRef {
  id: string;
  name: string;
}

export interface EvaluationEntry {
  certificateNo: string;
  inspectionId: string;
  agencyId: string;
  agencyName: string;
  enterpriseCreditCode: string;
  enterpriseName: string | null;
  officers: OfficerRef[];
  ratings: Record<RatingDimension, number>;
  problems: EvaluationProblem[];
  comment: string | null;
  revisions: number;
  final: boolean;
  at: string;
  caseIds: string[];
}

export interface ReportEntry {
  receipt: string;
  caseId: string;
  caseStatus: CaseStatus;
  status: ReportStatus;
  kind: ReportKind;
  agencyId: string | null;
  agencyName: string | null;
  officer: string | null;
  officerMatch: OfficerRef | null;
  certificateNo: string | null;
  inspectionId: string | null;
  enterpriseCreditCode: string | null;
  place: string;
  description: string;
  occurredAt: string;
  receivedAt: string;
  replied: boolean;
  duplicateOf: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A WHERE clause built with numbered parameters. */
class Where {
  readonly parts: string[] = [];
  readonly params: SqlParam[] = [];
  add(sql: (p: (v: SqlParam) => string) => string): void {
    this.parts.push(sql((v) => `$${this.params.push(v)}`));
  }
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Inspectors matching an officer filter: by id, 执法证号 or a part of the name. */
const officerIds = (p: (v: SqlParam) => string, officer: string) =>
  `(SELECT id FROM inspectors WHERE id = ${p(officer)} OR certificate_no = ${p(officer)} OR name LIKE ${p(like(officer))})`;

export async function searchEvaluations(
  db: Db,
  period: Period,
  f: FeedbackFilter,
  page: { page: number; pageSize: number },
  now: Date,
): Promise<Page<EvaluationEntry>> {
  const w = new Where();
  w.add((p) => `e.created_at >= ${p(period.start.toISOString())} AND e.created_at < ${p(period.end.toISOString())}`);
  if (f.agency) w.add((p) => `e.agency_id = ${p(f.agency)}`);
  if (f.certificate) w.add((p) => `e.certificate_no = ${p(f.certificate)}`);
  if (f.enterprise)
    w.add(
      (p) => `(i.enterprise_credit_code = ${p(f.enterprise!.toUpperCase())} OR en.name LIKE ${p(like(f.enterprise!))})`,
    );
  if (f.officer)
    w.add(
      (p) => `EXISTS (SELECT 1 FROM jsonb_array_elements_text(i.data->'inspectorIds') AS o(id)
      WHERE o.id IN ${officerIds(p, f.officer!)})`,
    );
  if (f.maxRating) w.add((p) => `(e.ratings->>'overall')::int <= ${p(f.maxRating)}`);
  if (f.problem && (EVALUATION_PROBLEMS as readonly string[]).includes(f.problem))
    w.add((p) => `e.problems @> ${p(JSON.stringify([f.problem]))}::jsonb`);
  const from = `FROM evaluations e
    JOIN certificates c ON c.certificate_no = e.certificate_no
    JOIN inspections i ON i.id = c.inspection_id
    JOIN agencies a ON a.id = e.agency_id
    LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
    ${w}`;
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, w.params);
  const rows = await db.query<{
    certificate_no: string;
    inspection_id: string;
    agency_id: string;
    agency_name: string;
    enterprise_credit_code: string;
    enterprise_name: string | null;
    inspector_ids: string[] | null;
    ratings: Record<RatingDimension, number>;
    problems: EvaluationProblem[];
    comment: string | null;
    revisions: number;
    final_at: Date | string;
    created_at: Date | string;
    case_ids: string[] | null;
  }>(
    `SELECT e.certificate_no, i.id AS inspection_id, e.agency_id, a.name AS agency_name, i.enterprise_credit_code,
       en.name AS enterprise_name, i.data->'inspectorIds' AS inspector_ids, e.ratings, e.problems, e.comment,
       e.revisions, e.final_at, e.created_at,
       (SELECT jsonb_agg(sc.id ORDER BY sc.created_at) FROM supervision_cases sc
         WHERE sc.alert_snapshot->'records' @> jsonb_build_array(jsonb_build_object('inspectionId', i.id))) AS case_ids
     ${from}
     ORDER BY e.created_at DESC, e.certificate_no
     LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`,
    w.params,
  );
  const names = await officerNames(
    db,
    rows.flatMap((r) => r.inspector_ids ?? []),
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      certificateNo: r.certificate_no,
      inspectionId: r.inspection_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      enterpriseCreditCode: r.enterprise_credit_code,
      enterpriseName: r.enterprise_name,
      officers: (r.inspector_ids ?? []).map((id) => ({ id, name: names.get(id) ?? id })),
      ratings: r.ratings,
      problems: r.problems,
      comment: r.comment,
      revisions: r.revisions,
      final: new Date(r.final_at).getTime() <= now.getTime(),
      at: chinaIso(r.created_at),
      caseIds: r.case_ids ?? [],
    })),
  };
}

export async function searchReports(
  db: Db,
  period: Period,
  f: FeedbackFilter,
  page: { page: number; pageSize: number },
): Promise<Page<ReportEntry>> {
  const w = new Where();
  w.add((p) => `r.received_at >= ${p(period.start.toISOString())} AND r.received_at < ${p(period.end.toISOString())}`);
  if (f.agency) w.add((p) => `r.agency_id = ${p(f.agency)}`);
  if (f.certificate) w.add((p) => `r.certificate_no = ${p(f.certificate)}`);
  if (f.enterprise)
    w.add(
      (p) => `(i.enterprise_credit_code = ${p(f.enterprise!.toUpperCase())} OR en.name LIKE ${p(like(f.enterprise!))})`,
    );
  if (f.officer)
    w.add((p) => `(r.inspector_id IN ${officerIds(p, f.officer!)} OR r.officer LIKE ${p(like(f.officer!))})`);
  if (f.problem && (REPORT_KINDS as readonly string[]).includes(f.problem)) w.add((p) => `r.kind = ${p(f.problem)}`);
  if (f.awaiting) w.add(() => `r.reply IS NULL AND r.duplicate_of IS NULL AND sc.status <> 'dismissed'`);
  // A rating filter selects evaluations only.
  if (f.maxRating) w.add(() => 'false');
  const from = `FROM reports r
    JOIN supervision_cases sc ON sc.id = r.case_id
    LEFT JOIN agencies a ON a.id = r.agency_id
    LEFT JOIN inspections i ON i.id = r.inspection_id
    LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
    LEFT JOIN inspectors ins ON ins.id = r.inspector_id
    ${w}`;
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, w.params);
  const rows = await db.query<{
    receipt: string;
    case_id: string;
    case_status: CaseStatus;
    kind: ReportKind;
    agency_id: string | null;
    agency_name: string | null;
    officer: string | null;
    inspector_id: string | null;
    inspector_name: string | null;
    certificate_no: string | null;
    inspection_id: string | null;
    enterprise_credit_code: string | null;
    place: string;
    description: string;
    occurred_at: Date | string;
    received_at: Date | string;
    reply: string | null;
    duplicate_of: string | null;
  }>(
    `SELECT r.receipt, r.case_id, sc.status AS case_status, r.kind, r.agency_id, a.name AS agency_name, r.officer,
       r.inspector_id, ins.name AS inspector_name, r.certificate_no, r.inspection_id, i.enterprise_credit_code,
       r.place, r.description, r.occurred_at, r.received_at, r.reply, r.duplicate_of
     ${from}
     ORDER BY r.received_at DESC, r.receipt
     LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`,
    w.params,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      receipt: r.receipt,
      caseId: r.case_id,
      caseStatus: r.case_status,
      status: statusOfCase[r.case_status],
      kind: r.kind,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      officer: r.officer,
      officerMatch: r.inspector_id ? { id: r.inspector_id, name: r.inspector_name ?? r.inspector_id } : null,
      certificateNo: r.certificate_no,
      inspectionId: r.inspection_id,
      enterpriseCreditCode: r.enterprise_credit_code,
      place: r.place,
      description: r.description,
      occurredAt: chinaIso(r.occurred_at),
      receivedAt: chinaIso(r.received_at),
      replied: r.reply !== null,
      duplicateOf: r.duplicate_of,
    })),
  };
}

async function officerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM inspectors WHERE id IN (${unique.map((_, i) => `$${i + 1}`).join(', ')})`,
    unique,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
