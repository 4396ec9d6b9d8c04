import { createHash } from 'node:crypto';
import { chinaDate, chinaIso, DAY_MS, formatDate, type Period } from '../period';
import type {
  AlertData,
  AlertRule,
  CertificateRecord,
  CertificateRow,
  EvaluationRecord,
  EvaluationRow,
  InspectionRecord,
  InspectionRow,
} from './types';

/** What the rules share: stable keys, records of the rows behind an alert, grouping and time windows. */

export const keyOf = (rule: AlertRule, ...parts: (string | number)[]) =>
  `${rule}-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16)}`;

export const inPeriod = (t: Date, p: Period) => t.getTime() >= p.start.getTime() && t.getTime() < p.end.getTime();

export function fieldsOf(d: AlertData, r: InspectionRow): string[] {
  const out = new Set<string>();
  for (const code of r.item_codes ?? []) {
    const f = d.itemFields.get(code);
    if (f) out.add(f);
  }
  return [...out];
}

export function inspectionRecord(d: AlertData, r: InspectionRow, note?: string): InspectionRecord {
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
    // A check-in is a check-in record (figures.ts), never a certificate marked used.
    checkedIn: r.checked_in,
    ...(note ? { note } : {}),
  };
}

export function evaluationRecord(d: AlertData, r: EvaluationRow): EvaluationRecord {
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

export function certificateRecord(d: AlertData, r: CertificateRow, note?: string): CertificateRecord {
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

export const enterpriseLabel = (r: { enterprise_name: string | null; enterprise_credit_code: string }) =>
  r.enterprise_name ?? r.enterprise_credit_code;

export const latest = (times: Date[]) => chinaIso(Math.max(...times.map((t) => t.getTime())));

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

export function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

export const live = (r: InspectionRow) => r.status !== 'cancelled';

/**
 * Runs of live inspections, grouped by `group`, with more than `s.maxInspections` within `s.withinDays`
 * days (and meeting `qualifies`), that touch the period: for 重复检查 and 多头检查.
 */
export function inspectionEpisodes(
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
export const episodeSpan = (ep: readonly InspectionRow[]) =>
  `${formatDate(chinaDate(ep[0]!.window_start))}至${formatDate(chinaDate(ep[ep.length - 1]!.window_start))}`;

/** The fields an episode alert ends with: its enterprise, latest time and the inspections. */
export const episodeRecords = (d: AlertData, ep: readonly InspectionRow[]) => ({
  enterpriseCreditCode: ep[0]!.enterprise_credit_code,
  at: latest(ep.map((r) => r.window_start)),
  records: ep.map((r) => inspectionRecord(d, r)),
});
