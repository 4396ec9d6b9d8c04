import { chinaIso } from '@sunlight/domain/china-time';
import type { EvaluationProblem, RatingDimension } from '@sunlight/domain/schemas/evaluation';
import type { ReportKind } from '@sunlight/domain/schemas/report';
import type { Db } from '../db/types';
import type { CaseStatus } from './cases';

/**
 * One inspection as a supervisor follows it (检查档案): the task, its certificate, the enterprise's check-ins
 * and evaluation, reports that name it, and the work orders that concern it. Reporters stay anonymous here.
 */
export interface InspectionFile {
  id: string;
  agencyId: string;
  agencyName: string;
  source: string;
  status: string;
  flagged: boolean;
  windowStart: string;
  windowEnd: string;
  enterpriseCreditCode: string;
  enterpriseName: string | null;
  officers: { id: string; name: string; certificateNo: string }[];
  itemCodes: string[];
  certificate: {
    no: string;
    status: string;
    issuedAt: string;
    validFrom: string;
    validUntil: string;
    revocationReason: string | null;
  } | null;
  checkins: { at: string; credentialsShown: boolean; certificateStatus: string }[];
  evaluation: {
    at: string;
    ratings: Record<RatingDimension, number>;
    problems: EvaluationProblem[];
    comment: string | null;
    revisions: number;
  } | null;
  reports: { receipt: string; kind: ReportKind; receivedAt: string; caseId: string }[];
  cases: { id: string; title: string; status: CaseStatus }[];
}

export async function inspectionFile(db: Db, id: string): Promise<InspectionFile | undefined> {
  const [i] = await db.query<{
    id: string;
    agency_id: string;
    agency_name: string;
    source: string;
    status: string;
    flagged: boolean;
    window_start: Date | string;
    window_end: Date | string;
    enterprise_credit_code: string;
    enterprise_name: string | null;
    data: { inspectorIds?: string[]; itemCodes?: string[] };
  }>(
    `SELECT i.id, i.agency_id, a.name AS agency_name, i.source, i.status, i.flagged, i.window_start, i.window_end,
       i.enterprise_credit_code, en.name AS enterprise_name, i.data
     FROM inspections i JOIN agencies a ON a.id = i.agency_id
     LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
     WHERE i.id = $1`,
    [id],
  );
  if (!i) return undefined;
  const inspectorIds = i.data.inspectorIds ?? [];
  const [officers, certs, checkins, evaluations, reports, cases] = await Promise.all([
    inspectorIds.length
      ? db.query<{ id: string; name: string; certificate_no: string }>(
          `SELECT id, name, certificate_no FROM inspectors WHERE id IN (${inspectorIds.map((_, n) => `$${n + 1}`).join(', ')})`,
          inspectorIds,
        )
      : Promise.resolve([]),
    db.query<{
      certificate_no: string;
      status: string;
      issued_at: Date | string;
      valid_from: Date | string;
      valid_until: Date | string;
      revocation_reason: string | null;
    }>(
      `SELECT certificate_no, status, issued_at, valid_from, valid_until, revocation_reason
       FROM certificates WHERE inspection_id = $1`,
      [id],
    ),
    db.query<{ created_at: Date | string; credentials_shown: boolean; certificate_status: string }>(
      `SELECT k.created_at, k.credentials_shown, k.certificate_status FROM checkins k
       JOIN certificates c ON c.certificate_no = k.certificate_no WHERE c.inspection_id = $1 ORDER BY k.created_at`,
      [id],
    ),
    db.query<{
      created_at: Date | string;
      ratings: Record<RatingDimension, number>;
      problems: EvaluationProblem[];
      comment: string | null;
      revisions: number;
    }>(
      `SELECT e.created_at, e.ratings, e.problems, e.comment, e.revisions FROM evaluations e
       JOIN certificates c ON c.certificate_no = e.certificate_no WHERE c.inspection_id = $1`,
      [id],
    ),
    db.query<{ receipt: string; kind: ReportKind; received_at: Date | string; case_id: string }>(
      `SELECT r.receipt, r.kind, r.received_at, r.case_id FROM reports r
       WHERE r.inspection_id = $1 OR r.certificate_no IN (SELECT certificate_no FROM certificates WHERE inspection_id = $1)
       ORDER BY r.received_at`,
      [id],
    ),
    db.query<{ id: string; title: string; status: CaseStatus }>(
      `SELECT sc.id, sc.title, sc.status FROM supervision_cases sc
       WHERE sc.alert_snapshot->'records' @> jsonb_build_array(jsonb_build_object('inspectionId', $1::text))
          OR sc.id IN (SELECT case_id FROM reports WHERE inspection_id = $1)
       ORDER BY sc.created_at`,
      [id],
    ),
  ]);
  const byId = new Map(officers.map((o) => [o.id, o]));
  const cert = certs[0];
  const ev = evaluations[0];
  return {
    id: i.id,
    agencyId: i.agency_id,
    agencyName: i.agency_name,
    source: i.source,
    status: i.status,
    flagged: i.flagged,
    windowStart: chinaIso(i.window_start),
    windowEnd: chinaIso(i.window_end),
    enterpriseCreditCode: i.enterprise_credit_code,
    enterpriseName: i.enterprise_name,
    officers: inspectorIds.map((oid) => {
      const o = byId.get(oid);
      return { id: oid, name: o?.name ?? oid, certificateNo: o?.certificate_no ?? '' };
    }),
    itemCodes: i.data.itemCodes ?? [],
    certificate: cert
      ? {
          no: cert.certificate_no,
          status: cert.status,
          issuedAt: chinaIso(cert.issued_at),
          validFrom: chinaIso(cert.valid_from),
          validUntil: chinaIso(cert.valid_until),
          revocationReason: cert.revocation_reason,
        }
      : null,
    checkins: checkins.map((k) => ({
      at: chinaIso(k.created_at),
      credentialsShown: k.credentials_shown,
      certificateStatus: k.certificate_status,
    })),
    evaluation: ev
      ? {
          at: chinaIso(ev.created_at),
          ratings: ev.ratings,
          problems: ev.problems,
          comment: ev.comment,
          revisions: ev.revisions,
        }
      : null,
    reports: reports.map((r) => ({
      receipt: r.receipt,
      kind: r.kind,
      receivedAt: chinaIso(r.received_at),
      caseId: r.case_id,
    })),
    cases,
  };
}
