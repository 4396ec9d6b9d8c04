import type { EvaluationProblem, RatingDimension } from '@sunlight/domain/schemas/evaluation';
import type { InspectionCap } from '@sunlight/domain/schemas/inspection-cap';
import type { ReportKind } from '@sunlight/domain/schemas/report';
import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { FailureAction, FailureReason } from '../../business-identity/failures';
import type { WorkingCalendar } from '@sunlight/domain/working-days';
import type { Period } from '../period';

/** A rule's id: one per section of the `alerts` settings in `supervision.json`. */
export type AlertRule = keyof AlertRulesSettings;

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityLabels: Readonly<Record<Severity, string>> = { high: '高', medium: '中', low: '低' };

export interface InspectionRecord {
  type: 'inspection';
  inspectionId: string;
  agencyId: string;
  agencyName: string;
  enterpriseCreditCode: string;
  enterpriseName: string | null;
  source: string;
  status: string;
  windowStart: string;
  windowEnd: string;
  fields: string[];
  approver: string | null;
  flagged: boolean;
  reason: string | null;
  certificateNo: string | null;
  certificateStatus: string | null;
  issuedAt: string | null;
  checkedIn: boolean;
  /** Why this record matters to the alert (e.g. 第3次，超出上限). */
  note?: string;
}

export interface EvaluationRecord {
  type: 'evaluation';
  certificateNo: string;
  inspectionId: string;
  agencyId: string;
  agencyName: string;
  enterpriseCreditCode: string;
  enterpriseName: string | null;
  ratings: Record<RatingDimension, number>;
  problems: EvaluationProblem[];
  comment: string | null;
  createdAt: string;
}

export interface CheckinRecord {
  type: 'checkin';
  certificateNo: string;
  inspectionId: string;
  agencyId: string;
  agencyName: string;
  enterpriseName: string | null;
  credentialsShown: boolean;
  createdAt: string;
}

export interface CertificateRecord {
  type: 'certificate';
  certificateNo: string;
  inspectionId: string;
  agencyId: string;
  agencyName: string;
  enterpriseName: string | null;
  approver: string | null;
  issuedAt: string;
  status: string;
  note?: string;
}

/** An attempt to check in or rate without proving to be the inspected business. */
export interface ProofFailureRecord {
  type: 'proofFailure';
  certificateNo: string;
  agencyId: string;
  agencyName: string;
  action: FailureAction;
  reason: FailureReason;
  ip: string | null;
  at: string;
}

/** A 反映问题 report: what, when and how far it got; never who reported or how to reach them. */
export interface ReportRecord {
  type: 'report';
  receipt: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  kind: ReportKind;
  occurredAt: string;
  receivedAt: string;
}

export type AlertRecord =
  InspectionRecord | EvaluationRecord | CheckinRecord | CertificateRecord | ProofFailureRecord | ReportRecord;

export interface Alert {
  /** Stable across recomputation: the rule and what the alert is about. */
  key: string;
  rule: AlertRule;
  severity: Severity;
  title: string;
  /** What was found, in numbers. */
  detail: string;
  /** The configured threshold the alert is measured against. */
  threshold: string;
  /** What the supervisor is advised to do. */
  suggestion: string;
  agencyIds: string[];
  enterpriseCreditCode?: string;
  /** Time of the latest record (China time ISO), for sorting. */
  at: string;
  records: AlertRecord[];
}

/** One alert rule: its label, how its configured thresholds read, and how it finds alerts in the data. */
export interface AlertRuleDefinition<K extends AlertRule> {
  id: K;
  label: string;
  /** The rule and its thresholds in words, for the alerts page. */
  describe: (settings: AlertRulesSettings[K]) => string;
  run: (data: AlertData, settings: AlertRulesSettings[K]) => Alert[];
}

/** Everything the rules look at, loaded once per computation. */
export interface AlertData {
  period: Period;
  now: Date;
  /** Weekends, holidays and 调休 workdays (working-days.ts with the content's calendar.json). */
  calendar: WorkingCalendar;
  agencies: Map<string, string>;
  itemFields: Map<string, string>;
  caps: InspectionCap[];
  /** Inspections loaded for the window rules (window start from the lookback to the period end). */
  inspections: InspectionRow[];
  /** Earlier inspections that evaluations or check-ins of the period refer to. */
  referenced: Map<string, InspectionRow>;
  certificates: CertificateRow[];
  evaluations: EvaluationRow[];
  checkins: CheckinRow[];
  /** Failed business proofs on genuine certificates in the period (冒用企业名义). */
  proofFailures: ProofFailureRow[];
  /** 反映问题 naming an agency, received from the lookback to the period end (repeats of one report left out). */
  reports: ReportRow[];
  /** Averages of the period of the same length just before, per agency (for 评分偏低). */
  previousRatings: Map<string, { n: number } & Record<RatingDimension, number>>;
}

export interface InspectionRow {
  id: string;
  agency_id: string;
  enterprise_credit_code: string;
  enterprise_name: string | null;
  source: string;
  status: string;
  window_start: Date;
  window_end: Date;
  flagged: boolean;
  approver: string | null;
  reason: string | null;
  item_codes: string[] | null;
  certificate_no: string | null;
  cert_status: string | null;
  issued_at: Date | null;
  checked_in: boolean;
}

export interface CertificateRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  status: string;
  issued_at: Date;
  approver: string | null;
  enterprise_name: string | null;
}

export interface EvaluationRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  enterprise_credit_code: string;
  enterprise_name: string | null;
  ratings: Record<RatingDimension, number>;
  problems: EvaluationProblem[];
  comment: string | null;
  created_at: Date;
}

export interface CheckinRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  enterprise_credit_code: string;
  enterprise_name: string | null;
  credentials_shown: boolean;
  created_at: Date;
}

export interface ProofFailureRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  enterprise_credit_code: string;
  enterprise_name: string | null;
  action: FailureAction;
  reason: FailureReason;
  ip: string | null;
  at: Date;
}

export interface ReportRow {
  receipt: string;
  case_id: string;
  agency_id: string;
  kind: ReportKind;
  occurred_at: Date;
  received_at: Date;
}
