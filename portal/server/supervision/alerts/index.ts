import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../../db/types';
import type { Period } from '../period';
import { loadAlertData } from './data';
import { ALERT_RULES, runRules } from './registry';
import type { Alert, AlertRule, Severity } from './types';

/**
 * 智慧预警: alerts computed from the inspection, certificate, check-in and evaluation tables for a period,
 * with thresholds from `supervision.json`. Nothing is stored: the same data and settings always give the
 * same alerts, each with a stable key and the records behind it. A work order opened from an alert keeps
 * a snapshot of it.
 */

export { ALERT_RULES, alertRuleLabels, describeRules, runRules } from './registry';
export { loadAlertData } from './data';
export { episodes } from './records';
export { isWorkingTime } from './rules/offHours';
export * from './types';

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
