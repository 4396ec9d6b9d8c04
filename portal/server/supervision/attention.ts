import { todayInChina } from '@sunlight/domain/china-time';
import type { Db } from '../db/types';
import type { SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import { computeAlerts } from './alerts';
import { casesForAlerts, listCases } from './cases';
import { addDays, makePeriod } from './period';

/**
 * 今日待办, the first thing the overview shows: alerts of the last 30 days without a work order (and how many
 * of them are high-risk), open and overdue work orders, and reports still waiting for their 回告.
 */
export interface Attention {
  openAlerts: number;
  highRiskAlerts: number;
  openCases: number;
  overdueCases: number;
  reportsAwaitingReply: number;
  /** The window the alert figures cover. */
  alertsFrom: string;
  alertsTo: string;
  /** The window of the reports figure (a year: a report older than that is long overdue anyway). */
  reportsFrom: string;
}

export const ATTENTION_ALERT_DAYS = 30;

export async function attentionToday(db: Db, settings: SupervisionSettings, now = new Date()): Promise<Attention> {
  const today = todayInChina(now.getTime());
  const period = makePeriod(addDays(today, -(ATTENTION_ALERT_DAYS - 1)), today);
  const reportsFrom = addDays(today, -365);
  const [alerts, cases, [reports]] = await Promise.all([
    computeAlerts(db, period, settings.alerts, now),
    listCases(db, { pageSize: 1 }, now),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports r JOIN supervision_cases c ON c.id = r.case_id
       WHERE r.reply IS NULL AND r.duplicate_of IS NULL AND c.status <> 'dismissed' AND r.received_at >= $1`,
      [makePeriod(reportsFrom, today).start.toISOString()],
    ),
  ]);
  const cased = await casesForAlerts(
    db,
    alerts.map((a) => a.key),
  );
  const open = alerts.filter((a) => !cased.has(a.key));
  return {
    openAlerts: open.length,
    highRiskAlerts: open.filter((a) => a.severity === 'high').length,
    openCases: cases.counts.pending + cases.counts.verifying,
    overdueCases: cases.overdue,
    reportsAwaitingReply: reports?.n ?? 0,
    alertsFrom: period.from,
    alertsTo: period.to,
    reportsFrom,
  };
}
