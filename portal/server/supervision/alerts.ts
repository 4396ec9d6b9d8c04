import { createHash } from 'node:crypto';
import {
  problemLabels,
  ratingLabels,
  RATING_DIMENSIONS,
  type EvaluationProblem,
  type RatingDimension,
} from '@sunlight/domain/schemas/evaluation';
import type { InspectionCap } from '@sunlight/domain/schemas/inspection-cap';
import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import {
  failureActionLabels,
  failureReasonLabels,
  type FailureAction,
  type FailureReason,
} from '../business-identity/failures';
import type { Db } from '../db/types';
import { CHINA_OFFSET_MS, chinaDate, chinaIso, DAY_MS, formatDate, makePeriod, addDays, type Period } from './period';

/**
 * 智慧预警: alerts computed from the inspection, certificate, check-in and evaluation tables for a period,
 * with thresholds from `supervision.json`. Nothing is stored: the same data and settings always give the
 * same alerts, each with a stable key and the records behind it. A work order opened from an alert keeps
 * a snapshot of it.
 */

export const ALERT_RULES = [
  'cap',
  'frequent',
  'multiAgency',
  'noCheckin',
  'impersonation',
  'misconduct',
  'lowRating',
  'offHours',
  'bulk',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const alertRuleLabels: Readonly<Record<AlertRule, string>> = {
  cap: '超出年度检查上限',
  frequent: '重复检查',
  multiAgency: '多头检查',
  noCheckin: '未扫码登记',
  impersonation: '冒用企业名义',
  misconduct: '企业反映问题',
  lowRating: '评分偏低',
  offHours: '非工作时间签发',
  bulk: '集中批量签发',
};

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

export type AlertRecord = InspectionRecord | EvaluationRecord | CheckinRecord | CertificateRecord | ProofFailureRecord;

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

const keyOf = (rule: AlertRule, ...parts: (string | number)[]) =>
  `${rule}-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16)}`;

interface InspectionRow {
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

interface CertificateRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  status: string;
  issued_at: Date;
  approver: string | null;
  enterprise_name: string | null;
}

interface EvaluationRow {
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

interface CheckinRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  enterprise_credit_code: string;
  enterprise_name: string | null;
  credentials_shown: boolean;
  created_at: Date;
}

interface ProofFailureRow {
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

/** Everything the rules look at, loaded once per computation. */
export interface AlertData {
  period: Period;
  now: Date;
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
  /** Averages of the period of the same length just before, per agency (for 评分偏低). */
  previousRatings: Map<string, { n: number } & Record<RatingDimension, number>>;
}

/** An InspectionRow per inspection (with its certificate and enterprise name); the caller adds WHERE. */
const SELECT_INSPECTIONS = `SELECT i.id, i.agency_id, i.enterprise_credit_code, en.name AS enterprise_name, i.source, i.status,
         i.window_start, i.window_end, i.flagged, i.data->>'approver' AS approver, i.data->>'reason' AS reason,
         i.data->'itemCodes' AS item_codes, c.certificate_no, c.status AS cert_status, c.issued_at,
         EXISTS (SELECT 1 FROM checkins k WHERE k.certificate_no = c.certificate_no) AS checked_in
  FROM inspections i
  LEFT JOIN certificates c ON c.inspection_id = i.id
  LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code`;

export async function loadAlertData(db: Db, period: Period, rules: AlertRulesSettings, now: Date): Promise<AlertData> {
  const lookbackDays = Math.max(rules.frequent.withinDays, rules.multiAgency.withinDays, 32);
  const yearStart = new Date(Date.parse(`${period.from.slice(0, 4)}-01-01T00:00:00+08:00`));
  const loadFrom = new Date(Math.min(yearStart.getTime(), period.start.getTime() - lookbackDays * DAY_MS));
  const bulkFrom = new Date(period.start.getTime() - rules.bulk.withinMinutes * 60_000);
  const previous = makePeriod(addDays(period.from, -period.days), addDays(period.from, -1));
  const avg = RATING_DIMENSIONS.map((d) => `avg((ratings->>'${d}')::numeric)::float8 AS "${d}"`).join(', ');

  const [agencies, items, caps, inspections, certificates, evaluations, checkins, prev, proofFailures] =
    await Promise.all([
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
       FROM certificates c JOIN inspections i ON i.id = c.inspection_id
       LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
       WHERE c.issued_at >= $1 AND c.issued_at < $2
       ORDER BY c.issued_at, c.certificate_no`,
        [bulkFrom, period.end],
      ),
      db.query<EvaluationRow>(
        `SELECT e.certificate_no, c.inspection_id, e.agency_id, i.enterprise_credit_code, en.name AS enterprise_name,
              e.ratings, e.problems, e.comment, e.created_at
       FROM evaluations e JOIN certificates c ON c.certificate_no = e.certificate_no
       JOIN inspections i ON i.id = c.inspection_id
       LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
       WHERE e.created_at >= $1 AND e.created_at < $2
       ORDER BY e.created_at, e.certificate_no`,
        [period.start, period.end],
      ),
      db.query<CheckinRow>(
        `SELECT k.certificate_no, c.inspection_id, c.agency_id, i.enterprise_credit_code, en.name AS enterprise_name,
              k.credentials_shown, k.created_at
       FROM checkins k JOIN certificates c ON c.certificate_no = k.certificate_no
       JOIN inspections i ON i.id = c.inspection_id
       LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
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
       JOIN inspections i ON i.id = c.inspection_id
       LEFT JOIN enterprises en ON en.credit_code = i.enterprise_credit_code
       WHERE f.at >= $1 AND f.at < $2
       ORDER BY f.at, f.seq`,
        [period.start, period.end],
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
    agencies: new Map(agencies.map((a) => [a.id, a.short_name ?? a.name])),
    itemFields: new Map(items.filter((i) => i.field).map((i) => [i.code, i.field as string])),
    caps: caps[0]?.data ?? [],
    inspections,
    referenced: new Map(extra.map((r) => [r.id, r])),
    certificates,
    evaluations,
    checkins,
    proofFailures,
    previousRatings: new Map(prev.map((r) => [r.agency_id, r])),
  };
}

// ---------------------------------------------------------------- records

const inPeriod = (t: Date, p: Period) => t.getTime() >= p.start.getTime() && t.getTime() < p.end.getTime();

function fieldsOf(d: AlertData, r: InspectionRow): string[] {
  const out = new Set<string>();
  for (const code of r.item_codes ?? []) {
    const f = d.itemFields.get(code);
    if (f) out.add(f);
  }
  return [...out];
}

function inspectionRecord(d: AlertData, r: InspectionRow, note?: string): InspectionRecord {
  return {
    type: 'inspection',
    inspectionId: r.id,
    agencyId: r.agency_id,
    agencyName: d.agencies.get(r.agency_id) ?? r.agency_id,
    enterpriseCreditCode: r.enterprise_credit_code,
    enterpriseName: r.enterprise_name,
    source: r.source,
    status: r.status,
    windowStart: chinaIso(r.window_start),
    windowEnd: chinaIso(r.window_end),
    fields: fieldsOf(d, r),
    approver: r.approver,
    flagged: r.flagged,
    reason: r.reason,
    certificateNo: r.certificate_no,
    certificateStatus: r.cert_status,
    issuedAt: r.issued_at ? chinaIso(r.issued_at) : null,
    checkedIn: r.checked_in || r.cert_status === 'used',
    ...(note ? { note } : {}),
  };
}

function evaluationRecord(d: AlertData, r: EvaluationRow): EvaluationRecord {
  return {
    type: 'evaluation',
    certificateNo: r.certificate_no,
    inspectionId: r.inspection_id,
    agencyId: r.agency_id,
    agencyName: d.agencies.get(r.agency_id) ?? r.agency_id,
    enterpriseCreditCode: r.enterprise_credit_code,
    enterpriseName: r.enterprise_name,
    ratings: r.ratings,
    problems: r.problems,
    comment: r.comment,
    createdAt: chinaIso(r.created_at),
  };
}

function certificateRecord(d: AlertData, r: CertificateRow, note?: string): CertificateRecord {
  return {
    type: 'certificate',
    certificateNo: r.certificate_no,
    inspectionId: r.inspection_id,
    agencyId: r.agency_id,
    agencyName: d.agencies.get(r.agency_id) ?? r.agency_id,
    enterpriseName: r.enterprise_name,
    approver: r.approver,
    issuedAt: chinaIso(r.issued_at),
    status: r.status,
    ...(note ? { note } : {}),
  };
}

const enterpriseLabel = (r: { enterprise_name: string | null; enterprise_credit_code: string }) =>
  r.enterprise_name ?? r.enterprise_credit_code;

const latest = (times: Date[]) => chinaIso(Math.max(...times.map((t) => t.getTime())));

/**
 * Groups of items, sorted by time, in which some window of `windowMs` holds a qualifying set;
 * overlapping qualifying windows merge into one episode.
 */
export function episodes<T>(
  items: readonly T[],
  time: (x: T) => number,
  windowMs: number,
  qualifies: (slice: readonly T[]) => boolean,
): T[][] {
  const out: T[][] = [];
  let cur: { a: number; b: number } | undefined;
  let j = 0;
  for (let i = 0; i < items.length; i++) {
    if (j < i) j = i;
    while (j < items.length && time(items[j]!) - time(items[i]!) < windowMs) j++;
    const slice = items.slice(i, j);
    if (!qualifies(slice)) continue;
    if (cur && i < cur.b) cur.b = Math.max(cur.b, j);
    else {
      if (cur) out.push(items.slice(cur.a, cur.b));
      cur = { a: i, b: j };
    }
  }
  if (cur) out.push(items.slice(cur.a, cur.b));
  return out;
}

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const live = (r: InspectionRow) => r.status !== 'cancelled';

// ---------------------------------------------------------------- rules

/** An enterprise inspected by one agency in one field more often in a year than the agency's published cap. */
export function capAlerts(d: AlertData): Alert[] {
  const caps = new Map(d.caps.map((c) => [`${c.agencyId}|${c.field}|${c.year}`, c]));
  const groups = new Map<string, { cap: InspectionCap; rows: InspectionRow[] }>();
  for (const r of d.inspections.filter(live)) {
    const year = Number(chinaDate(r.window_start).slice(0, 4));
    for (const field of fieldsOf(d, r)) {
      const cap = caps.get(`${r.agency_id}|${field}|${year}`);
      if (!cap) continue;
      const k = `${r.agency_id}|${r.enterprise_credit_code}|${field}|${year}`;
      const g = groups.get(k);
      if (g) g.rows.push(r);
      else groups.set(k, { cap, rows: [r] });
    }
  }
  const out: Alert[] = [];
  for (const { cap, rows } of groups.values()) {
    if (rows.length <= cap.maxPerEnterprise) continue;
    const over = rows.slice(cap.maxPerEnterprise);
    if (!over.some((r) => inPeriod(r.window_start, d.period))) continue;
    const first = rows[0]!;
    const agency = d.agencies.get(cap.agencyId) ?? cap.agencyId;
    const unexplained = over.filter((r) => !r.flagged);
    out.push({
      key: keyOf('cap', cap.agencyId, first.enterprise_credit_code, cap.field, cap.year),
      rule: 'cap',
      severity: unexplained.length ? 'high' : 'medium',
      title: `${enterpriseLabel(first)} ${cap.year}年被${agency}在“${cap.field}”领域检查${rows.length}次，超出上限${cap.maxPerEnterprise}次`,
      detail:
        `${agency}公布的${cap.year}年“${cap.field}”领域同一企业检查上限为${cap.maxPerEnterprise}次（${cap.basis}），` +
        `该企业已被检查${rows.length}次，超出${over.length}次` +
        (unexplained.length
          ? `，其中${unexplained.length}次没有投诉举报或上级交办的超限理由。`
          : '；超出的检查均以投诉举报或上级交办为由，需核实理由是否属实。'),
      threshold: `年度上限 ${cap.maxPerEnterprise} 次（${cap.basis}）`,
      suggestion: '核实超出上限的检查是否确有投诉举报或上级交办依据；没有依据的，责令纠正并纳入评议考核。',
      agencyIds: [cap.agencyId],
      enterpriseCreditCode: first.enterprise_credit_code,
      at: latest(rows.map((r) => r.window_start)),
      records: rows.map((r, i) =>
        inspectionRecord(
          d,
          r,
          i >= cap.maxPerEnterprise ? `第${i + 1}次，超出上限${r.flagged ? '（已说明理由）' : ''}` : `第${i + 1}次`,
        ),
      ),
    });
  }
  return out;
}

/**
 * Runs of live inspections, grouped by `group`, with more than `s.maxInspections` within `s.withinDays`
 * days (and meeting `qualifies`), that touch the period: for 重复检查 and 多头检查.
 */
function inspectionEpisodes(
  d: AlertData,
  group: (r: InspectionRow) => string,
  s: { maxInspections: number; withinDays: number },
  qualifies: (ep: readonly InspectionRow[]) => boolean = () => true,
): InspectionRow[][] {
  const out: InspectionRow[][] = [];
  for (const rows of groupBy(d.inspections.filter(live), group).values()) {
    if (rows.length <= s.maxInspections) continue;
    const eps = episodes(
      rows,
      (r) => r.window_start.getTime(),
      s.withinDays * DAY_MS,
      (x) => x.length > s.maxInspections && qualifies(x),
    );
    out.push(...eps.filter((ep) => ep.some((r) => inPeriod(r.window_start, d.period))));
  }
  return out;
}

/** From the first to the last inspection of an episode, as dates. */
const episodeSpan = (ep: readonly InspectionRow[]) =>
  `${formatDate(chinaDate(ep[0]!.window_start))}至${formatDate(chinaDate(ep[ep.length - 1]!.window_start))}`;

/** The fields an episode alert ends with: its enterprise, latest time and the inspections. */
const episodeRecords = (d: AlertData, ep: readonly InspectionRow[]) => ({
  enterpriseCreditCode: ep[0]!.enterprise_credit_code,
  at: latest(ep.map((r) => r.window_start)),
  records: ep.map((r) => inspectionRecord(d, r)),
});

/** 重复检查: one agency inspecting one enterprise more than N times within M days. */
export function frequentAlerts(d: AlertData, s: AlertRulesSettings['frequent']): Alert[] {
  return inspectionEpisodes(d, (r) => `${r.agency_id}|${r.enterprise_credit_code}`, s).map((ep): Alert => {
    const first = ep[0]!;
    const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
    return {
      key: keyOf('frequent', first.agency_id, first.enterprise_credit_code, first.id),
      rule: 'frequent',
      severity: ep.length > 2 * s.maxInspections ? 'high' : 'medium',
      title: `${agency}在${s.withinDays}天内对${enterpriseLabel(first)}检查${ep.length}次`,
      detail: `${episodeSpan(ep)}，${agency}对同一企业开展检查${ep.length}次（来源：${[...new Set(ep.map((r) => r.source))].join('、')}）。`,
      threshold: `同一机关${s.withinDays}天内对同一企业检查超过 ${s.maxInspections} 次`,
      suggestion: '核实是否存在重复检查：同一事项能合并的应合并，已检查且无新线索的不应再次入企。',
      agencyIds: [first.agency_id],
      ...episodeRecords(d, ep),
    };
  });
}

/** 多头检查: more than N inspections of one enterprise by at least K agencies within M days → joint inspection. */
export function multiAgencyAlerts(d: AlertData, s: AlertRulesSettings['multiAgency']): Alert[] {
  const agenciesIn = (xs: readonly InspectionRow[]) => new Set(xs.map((r) => r.agency_id));
  const eps = inspectionEpisodes(
    d,
    (r) => r.enterprise_credit_code,
    s,
    (x) => agenciesIn(x).size >= s.minAgencies,
  );
  return eps.map((ep): Alert => {
    const first = ep[0]!;
    const ids = [...agenciesIn(ep)];
    const names = ids.map((id) => d.agencies.get(id) ?? id);
    return {
      key: keyOf('multiAgency', first.enterprise_credit_code, first.id),
      rule: 'multiAgency',
      severity: ids.length >= 3 || ep.length > 2 * s.maxInspections ? 'high' : 'medium',
      title: `${enterpriseLabel(first)}在${s.withinDays}天内被${ids.length}个机关检查${ep.length}次`,
      detail: `${episodeSpan(ep)}，${names.join('、')}先后对同一企业开展检查${ep.length}次。`,
      threshold: `${s.withinDays}天内同一企业被至少 ${s.minAgencies} 个机关检查超过 ${s.maxInspections} 次`,
      suggestion: `建议由${names[0]}牵头，会同${names.slice(1).join('、')}开展联合检查（“综合查一次”），之后的检查事项合并进行，减少对企业的干扰。`,
      agencyIds: ids,
      ...episodeRecords(d, ep),
    };
  });
}

/** An inspection whose window ended (plus a grace period) without a check-in by the enterprise. */
export function noCheckinAlerts(d: AlertData, s: AlertRulesSettings['noCheckin']): Alert[] {
  const out: Alert[] = [];
  const cutoff = d.now.getTime() - s.graceHours * 3_600_000;
  for (const r of d.inspections) {
    if (!live(r) || r.cert_status === 'revoked') continue;
    if (!inPeriod(r.window_end, d.period) || r.window_end.getTime() > cutoff) continue;
    if (r.checked_in || r.cert_status === 'used') continue;
    const agency = d.agencies.get(r.agency_id) ?? r.agency_id;
    out.push({
      key: keyOf('noCheckin', r.id),
      rule: 'noCheckin',
      severity: r.certificate_no ? 'medium' : 'high',
      title: `${agency}对${enterpriseLabel(r)}的检查结束后没有扫码登记`,
      detail: r.certificate_no
        ? `检查时间窗至${formatDate(chinaDate(r.window_end))}结束，被检查企业没有扫码登记（事中登记），检查证 ${r.certificate_no} 未被使用。`
        : `该检查任务没有电子检查证，检查时间窗至${formatDate(chinaDate(r.window_end))}结束，也没有扫码登记。`,
      threshold: `检查时间窗结束 ${s.graceHours} 小时后仍无登记`,
      suggestion: '核实检查是否实际开展、检查人员是否出示电子检查证并请企业扫码登记；未开展的应撤销检查证。',
      agencyIds: [r.agency_id],
      enterpriseCreditCode: r.enterprise_credit_code,
      at: chinaIso(r.window_end),
      records: [inspectionRecord(d, r, r.certificate_no ? '未登记' : '无电子检查证')],
    });
  }
  return out;
}

/** Evaluations reporting 未亮证、索拿卡要、随意检查、重复检查 (configurable), and check-ins without credentials. */
export function misconductAlerts(d: AlertData, s: AlertRulesSettings['misconduct']): Alert[] {
  const watched = new Set<EvaluationProblem>(s.problems);
  const high = new Set<EvaluationProblem>(s.highSeverity);
  const byCert = new Map<string, { evaluation?: EvaluationRow; checkins: CheckinRow[] }>();
  for (const e of d.evaluations) {
    if (!e.problems.some((p) => watched.has(p))) continue;
    byCert.set(e.certificate_no, { evaluation: e, checkins: [] });
  }
  if (s.credentialsNotShown) {
    for (const k of d.checkins) {
      const entry = byCert.get(k.certificate_no) ?? { checkins: [] };
      entry.checkins.push(k);
      byCert.set(k.certificate_no, entry);
    }
  }
  const inspections = new Map([...d.referenced, ...d.inspections.map((r) => [r.id, r] as const)]);
  const out: Alert[] = [];
  for (const [certificateNo, { evaluation, checkins }] of byCert) {
    const base = evaluation ?? checkins[0]!;
    const agency = d.agencies.get(base.agency_id) ?? base.agency_id;
    const problems = (evaluation?.problems ?? []).filter((p) => watched.has(p));
    const reported = [...problems.map((p) => problemLabels[p])];
    if (checkins.length && !problems.includes('no_credentials')) reported.push('登记时反映未出示执法证件');
    const inspection = inspections.get(base.inspection_id);
    const records: AlertRecord[] = [];
    if (evaluation) records.push(evaluationRecord(d, evaluation));
    for (const k of checkins) {
      records.push({
        type: 'checkin',
        certificateNo: k.certificate_no,
        inspectionId: k.inspection_id,
        agencyId: k.agency_id,
        agencyName: agency,
        enterpriseName: k.enterprise_name,
        credentialsShown: k.credentials_shown,
        createdAt: chinaIso(k.created_at),
      });
    }
    if (inspection) records.push(inspectionRecord(d, inspection));
    out.push({
      key: keyOf('misconduct', certificateNo),
      rule: 'misconduct',
      severity: problems.some((p) => high.has(p)) ? 'high' : 'medium',
      title: `企业反映${agency}检查中${reported.join('、')}`,
      detail:
        `被检查企业${enterpriseLabel(base)}对检查证 ${certificateNo} 的检查反映：${reported.join('、')}。` +
        (evaluation?.comment ? '企业附有文字意见（见下方记录）。' : ''),
      threshold: `反映以下问题之一：${[...watched].map((p) => problemLabels[p]).join('、')}${s.credentialsNotShown ? '；或登记时反映未出示执法证件' : ''}`,
      suggestion: problems.includes('solicitation')
        ? '涉及索拿卡要：及时核查，必要时移送纪检监察机关；核查中注意保护反映问题的企业。'
        : '向企业和检查人员核实情况；属实的，责令整改并纳入评议考核。核查中不得向被检查机关透露评价内容和评价人。',
      agencyIds: [base.agency_id],
      enterpriseCreditCode: base.enterprise_credit_code,
      at: latest([...(evaluation ? [evaluation.created_at] : []), ...checkins.map((k) => k.created_at)]),
      records,
    });
  }
  return out;
}

/**
 * 冒用企业名义: check-ins or evaluations attempted on a genuine certificate without proof of being the
 * inspected business — only its agency, its inspectors and the business hold the certificate token.
 */
export function impersonationAlerts(d: AlertData): Alert[] {
  const out: Alert[] = [];
  for (const [certificateNo, rows] of groupBy(d.proofFailures, (f) => f.certificate_no)) {
    const first = rows[0]!;
    const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
    const actions = [...new Set(rows.map((f) => failureActionLabels[f.action]))].join('、');
    const reasons = [...new Set(rows.map((f) => failureReasonLabels[f.reason]))].join('、');
    const inspection = d.inspections.find((r) => r.id === first.inspection_id) ?? d.referenced.get(first.inspection_id);
    out.push({
      key: keyOf('impersonation', certificateNo),
      rule: 'impersonation',
      severity: 'high',
      title: `有人试图以被检查企业名义对${agency}的检查进行${actions}`,
      detail:
        `检查证 ${certificateNo}（被检查企业${enterpriseLabel(first)}）收到${rows.length}次未能证明企业身份的${actions}：${reasons}。` +
        '检查证令牌印在二维码上，由执法机关和检查人员掌握；企业本人的提交须带本机绑定的企业身份凭证。',
      threshold: '任何一次未能证明企业身份的登记或评价',
      suggestion:
        '向被检查企业核实是否本企业所为（不向执法机关透露）；如系执法机关或检查人员代为登记、评价，依法严肃处理并纳入评议考核。',
      agencyIds: [first.agency_id],
      enterpriseCreditCode: first.enterprise_credit_code,
      at: latest(rows.map((f) => f.at)),
      records: [
        ...rows.map((f): ProofFailureRecord => ({
          type: 'proofFailure',
          certificateNo: f.certificate_no,
          agencyId: f.agency_id,
          agencyName: agency,
          action: f.action,
          reason: f.reason,
          ip: f.ip,
          at: chinaIso(f.at),
        })),
        ...(inspection ? [inspectionRecord(d, inspection)] : []),
      ],
    });
  }
  return out;
}

/** An agency whose average rating on a configured dimension is below the threshold. */
export function lowRatingAlerts(d: AlertData, s: AlertRulesSettings['lowRating']): Alert[] {
  const out: Alert[] = [];
  for (const [agencyId, rows] of groupBy(d.evaluations, (e) => e.agency_id)) {
    if (rows.length < s.minEvaluations) continue;
    const averages = Object.fromEntries(
      RATING_DIMENSIONS.map((dim) => [dim, rows.reduce((sum, e) => sum + Number(e.ratings[dim]), 0) / rows.length]),
    ) as Record<RatingDimension, number>;
    const low = s.dimensions.filter((dim) => averages[dim] < s.threshold);
    if (!low.length) continue;
    const agency = d.agencies.get(agencyId) ?? agencyId;
    const prev = d.previousRatings.get(agencyId);
    const fmt = (n: number) => n.toFixed(2);
    out.push({
      key: keyOf('lowRating', agencyId, d.period.from, d.period.to),
      rule: 'lowRating',
      severity: low.some((dim) => averages[dim] < s.threshold - 1) ? 'high' : 'medium',
      title: `${agency}企业评价${low.map((dim) => ratingLabels[dim]).join('、')}平均分低于${s.threshold}`,
      detail:
        `${formatDate(d.period.from)}至${formatDate(d.period.to)}共${rows.length}条评价：` +
        low
          .map(
            (dim) =>
              `${ratingLabels[dim]}平均${fmt(averages[dim])}分${prev && prev.n > 0 ? `（上一期${fmt(Number(prev[dim]))}分）` : ''}`,
          )
          .join('，') +
        '。',
      threshold: `${s.dimensions.map((dim) => ratingLabels[dim]).join('、')}平均分低于 ${s.threshold}（至少 ${s.minEvaluations} 条评价）`,
      suggestion: '约谈该机关，分析评分低的检查（见下方评价记录），督促改进执法方式；评价人信息不得向该机关透露。',
      agencyIds: [agencyId],
      at: latest(rows.map((e) => e.created_at)),
      records: [...rows]
        .sort((a, b) => Number(a.ratings.overall) - Number(b.ratings.overall))
        .map((e) => evaluationRecord(d, e)),
    });
  }
  return out;
}

/** Working time in China of an instant under the configured hours, weekends, holidays and 调休 workdays. */
export function isWorkingTime(t: Date, s: AlertRulesSettings['offHours']): boolean {
  const local = new Date(t.getTime() + CHINA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  if (s.holidays.includes(date)) return false;
  const weekday = local.getUTCDay();
  if (s.weekends && (weekday === 0 || weekday === 6) && !s.workdays.includes(date)) return false;
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes >= at(s.workdayStart) && minutes < at(s.workdayEnd);
}

/** Certificates issued outside working hours, one alert per approver and day. */
export function offHoursAlerts(d: AlertData, s: AlertRulesSettings['offHours']): Alert[] {
  const out: Alert[] = [];
  const off = d.certificates.filter((c) => inPeriod(c.issued_at, d.period) && !isWorkingTime(c.issued_at, s));
  for (const rows of groupBy(off, (c) => `${c.agency_id}|${c.approver ?? ''}|${chinaDate(c.issued_at)}`).values()) {
    const first = rows[0]!;
    const day = chinaDate(first.issued_at);
    const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
    const who = first.approver ?? '（未填审批人）';
    out.push({
      key: keyOf('offHours', first.agency_id, first.approver ?? '', day),
      rule: 'offHours',
      severity: rows.length > 3 ? 'medium' : 'low',
      title: `${agency}审批人${who}于${formatDate(day)}非工作时间签发检查证${rows.length}张`,
      detail: `签发时间：${rows.map((c) => chinaIso(c.issued_at).slice(11, 16)).join('、')}（北京时间）。`,
      threshold: `工作时间为工作日 ${s.workdayStart}–${s.workdayEnd}${s.weekends ? '，周末和节假日不办公' : ''}`,
      suggestion: '核实非工作时间审批的必要性（如夜间突发事件）；没有正当理由的，检查审批是否流于形式。',
      agencyIds: [first.agency_id],
      at: latest(rows.map((c) => c.issued_at)),
      records: rows.map((c) => certificateRecord(d, c)),
    });
  }
  return out;
}

/** One approver approving more than N certificates within M minutes. */
export function bulkAlerts(d: AlertData, s: AlertRulesSettings['bulk']): Alert[] {
  const out: Alert[] = [];
  for (const rows of groupBy(d.certificates, (c) => `${c.agency_id}|${c.approver ?? ''}`).values()) {
    if (rows.length <= s.maxCertificates) continue;
    const eps = episodes(
      rows,
      (c) => c.issued_at.getTime(),
      s.withinMinutes * 60_000,
      (x) => x.length > s.maxCertificates,
    );
    for (const ep of eps) {
      if (!ep.some((c) => inPeriod(c.issued_at, d.period))) continue;
      const first = ep[0]!;
      const last = ep[ep.length - 1]!;
      const agency = d.agencies.get(first.agency_id) ?? first.agency_id;
      const minutes = Math.max(1, Math.round((last.issued_at.getTime() - first.issued_at.getTime()) / 60_000));
      out.push({
        key: keyOf('bulk', first.agency_id, first.approver ?? '', first.certificate_no),
        rule: 'bulk',
        severity: ep.length > 3 * s.maxCertificates ? 'high' : 'medium',
        title: `${agency}审批人${first.approver ?? '（未填）'}在${minutes}分钟内签发检查证${ep.length}张`,
        detail: `${chinaIso(first.issued_at).slice(0, 16).replace('T', ' ')}至${chinaIso(last.issued_at).slice(11, 16)}，同一审批人集中签发${ep.length}张检查证。`,
        threshold: `同一审批人 ${s.withinMinutes} 分钟内签发超过 ${s.maxCertificates} 张`,
        suggestion: '核实是否逐一审查检查必要性、检查事项和检查人员；批量“走过场”审批的，督促整改。',
        agencyIds: [first.agency_id],
        at: latest(ep.map((c) => c.issued_at)),
        records: ep.map((c) => certificateRecord(d, c)),
      });
    }
  }
  return out;
}

const severityRank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Every alert of the period under the configured rules, most severe and most recent first. */
export function runRules(d: AlertData, rules: AlertRulesSettings): Alert[] {
  const all: Alert[] = [
    ...(rules.cap.enabled ? capAlerts(d) : []),
    ...(rules.frequent.enabled ? frequentAlerts(d, rules.frequent) : []),
    ...(rules.multiAgency.enabled ? multiAgencyAlerts(d, rules.multiAgency) : []),
    ...(rules.noCheckin.enabled ? noCheckinAlerts(d, rules.noCheckin) : []),
    ...(rules.impersonation.enabled ? impersonationAlerts(d) : []),
    ...(rules.misconduct.enabled ? misconductAlerts(d, rules.misconduct) : []),
    ...(rules.lowRating.enabled ? lowRatingAlerts(d, rules.lowRating) : []),
    ...(rules.offHours.enabled ? offHoursAlerts(d, rules.offHours) : []),
    ...(rules.bulk.enabled ? bulkAlerts(d, rules.bulk) : []),
  ];
  return all.sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] || b.at.localeCompare(a.at) || a.key.localeCompare(b.key),
  );
}

export async function computeAlerts(
  db: Db,
  period: Period,
  rules: AlertRulesSettings,
  now = new Date(),
): Promise<Alert[]> {
  return runRules(await loadAlertData(db, period, rules, now), rules);
}

export interface AlertFilter {
  rule?: AlertRule;
  agencyId?: string;
  severity?: Severity;
  /** open: no work order yet; cased: a work order exists. */
  state?: 'open' | 'cased';
}

export function filterAlerts(alerts: readonly Alert[], f: AlertFilter, cased: ReadonlySet<string>): Alert[] {
  return alerts.filter(
    (a) =>
      (!f.rule || a.rule === f.rule) &&
      (!f.agencyId || a.agencyIds.includes(f.agencyId)) &&
      (!f.severity || a.severity === f.severity) &&
      (!f.state || (f.state === 'cased') === cased.has(a.key)),
  );
}

export function countByRule(alerts: readonly Alert[]): Record<AlertRule, number> {
  const counts = Object.fromEntries(ALERT_RULES.map((r) => [r, 0])) as Record<AlertRule, number>;
  for (const a of alerts) counts[a.rule]++;
  return counts;
}

/** Describes each enabled rule and its thresholds, for the alerts page. */
export function describeRules(rules: AlertRulesSettings): { rule: AlertRule; enabled: boolean; text: string }[] {
  const r = rules;
  return [
    {
      rule: 'cap',
      enabled: r.cap.enabled,
      text: '同一机关在同一领域一年内检查同一企业的次数超过该机关公布的年度上限（inspection-caps.json）',
    },
    {
      rule: 'frequent',
      enabled: r.frequent.enabled,
      text: `同一机关 ${r.frequent.withinDays} 天内检查同一企业超过 ${r.frequent.maxInspections} 次`,
    },
    {
      rule: 'multiAgency',
      enabled: r.multiAgency.enabled,
      text: `同一企业 ${r.multiAgency.withinDays} 天内被至少 ${r.multiAgency.minAgencies} 个机关检查超过 ${r.multiAgency.maxInspections} 次，建议联合检查`,
    },
    {
      rule: 'noCheckin',
      enabled: r.noCheckin.enabled,
      text: `检查时间窗结束 ${r.noCheckin.graceHours} 小时后，企业仍未扫码登记`,
    },
    {
      rule: 'impersonation',
      enabled: r.impersonation.enabled,
      text: '有人在真实的检查证上提交登记或评价，却未能证明是被检查企业（无凭证、凭证无效或属于其他企业）',
    },
    {
      rule: 'misconduct',
      enabled: r.misconduct.enabled,
      text: `企业评价反映${r.misconduct.problems.map((p) => problemLabels[p]).join('、')}${r.misconduct.credentialsNotShown ? '，或登记时反映未出示执法证件' : ''}`,
    },
    {
      rule: 'lowRating',
      enabled: r.lowRating.enabled,
      text: `机关的${r.lowRating.dimensions.map((x) => ratingLabels[x]).join('、')}平均分低于 ${r.lowRating.threshold}（至少 ${r.lowRating.minEvaluations} 条评价）`,
    },
    {
      rule: 'offHours',
      enabled: r.offHours.enabled,
      text: `在工作日 ${r.offHours.workdayStart}–${r.offHours.workdayEnd} 以外${r.offHours.weekends ? '（含周末、节假日）' : ''}签发检查证`,
    },
    {
      rule: 'bulk',
      enabled: r.bulk.enabled,
      text: `同一审批人 ${r.bulk.withinMinutes} 分钟内签发检查证超过 ${r.bulk.maxCertificates} 张`,
    },
  ];
}
