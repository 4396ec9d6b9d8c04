import type { Db } from '../../db/types';
import { casesForAlerts, type CaseStatus } from '../cases';
import type { Alert } from './types';

/**
 * Where each alert stands: the work order opened from it, or else a work order about one of its
 * inspections (opened from another alert or from a 反映问题 report naming the inspection) — so an alert
 * on an inspection whose case is closed shows that case's state instead of 未立案.
 */
export interface AlertState {
  caseId: string;
  status: CaseStatus;
  /** alert: the work order of this alert; inspection: a work order about one of its inspections. */
  via: 'alert' | 'inspection';
}

/** Open (no case, or a case still being handled) before closed ones (已办结, 不予处理). */
export const isSettled = (s: AlertState | undefined) => s?.status === 'closed' || s?.status === 'dismissed';

export async function alertStates(db: Db, alerts: readonly Alert[]): Promise<Map<string, AlertState>> {
  const own = await casesForAlerts(
    db,
    alerts.map((a) => a.key),
  );
  const out = new Map<string, AlertState>();
  for (const [key, c] of own) out.set(key, { caseId: c.id, status: c.status, via: 'alert' });
  const inspectionsOf = (a: Alert) => [
    ...new Set(a.records.flatMap((r) => ('inspectionId' in r && r.inspectionId ? [r.inspectionId] : []))),
  ];
  const ids = [...new Set(alerts.filter((a) => !out.has(a.key)).flatMap(inspectionsOf))];
  if (!ids.length) return out;
  const rows = await db.query<{ inspection_id: string; id: string; status: CaseStatus }>(
    `SELECT DISTINCT ON (x.inspection_id) x.inspection_id, c.id, c.status
     FROM (
       SELECT r.inspection_id, r.case_id FROM reports r WHERE r.inspection_id = ANY($1::text[])
       UNION ALL
       SELECT rec->>'inspectionId', s.id FROM supervision_cases s
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(s.alert_snapshot->'records', '[]'::jsonb)) rec
       WHERE rec->>'inspectionId' = ANY($1::text[])
     ) x JOIN supervision_cases c ON c.id = x.case_id
     ORDER BY x.inspection_id, c.created_at DESC`,
    [ids],
  );
  const byInspection = new Map(rows.map((r) => [r.inspection_id, r]));
  for (const a of alerts) {
    if (out.has(a.key)) continue;
    const hit = inspectionsOf(a)
      .map((id) => byInspection.get(id))
      .find((x) => x !== undefined);
    if (hit) out.set(a.key, { caseId: hit.id, status: hit.status, via: 'inspection' });
  }
  return out;
}

/**
 * The alerts that count against agencies (assessment, rankings): every alert except those whose own
 * work order was closed as 不予处理 — the supervisor found it unfounded and said why (kept in the audit log).
 */
export async function countedAlerts(db: Db, alerts: readonly Alert[]): Promise<Alert[]> {
  const own = await casesForAlerts(
    db,
    alerts.map((a) => a.key),
  );
  return alerts.filter((a) => own.get(a.key)?.status !== 'dismissed');
}

/** Open alerts first (in their own order), then those whose work order is settled. */
export function openFirst(alerts: readonly Alert[], states: ReadonlyMap<string, AlertState>): Alert[] {
  return [
    ...alerts.filter((a) => !isSettled(states.get(a.key))),
    ...alerts.filter((a) => isSettled(states.get(a.key))),
  ];
}
