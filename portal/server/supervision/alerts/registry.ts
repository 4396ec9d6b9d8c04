import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { bulk } from './rules/bulk';
import { cap } from './rules/cap';
import { frequent } from './rules/frequent';
import { impersonation } from './rules/impersonation';
import { lowRating } from './rules/lowRating';
import { misconduct } from './rules/misconduct';
import { multiAgency } from './rules/multiAgency';
import { noCheckin } from './rules/noCheckin';
import { offHours } from './rules/offHours';
import { reports } from './rules/reports';
import type { Alert, AlertData, AlertRule, AlertRuleDefinition, Severity } from './types';

/** Every alert rule, in the order the alerts page lists them. */
const definitions: { [K in AlertRule]: AlertRuleDefinition<K> } = {
  cap,
  frequent,
  multiAgency,
  noCheckin,
  impersonation,
  misconduct,
  lowRating,
  offHours,
  reports,
  bulk,
};

export const ALERT_RULES = Object.keys(definitions) as AlertRule[];

export const alertRuleLabels = Object.fromEntries(ALERT_RULES.map((r) => [r, definitions[r].label])) as Readonly<
  Record<AlertRule, string>
>;

/** The one place a rule's definition meets its own section of the settings. */
const withSettings = <K extends AlertRule>(rule: K, rules: AlertRulesSettings) => ({
  definition: definitions[rule] as AlertRuleDefinition<K>,
  settings: rules[rule],
});

const severityRank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Every alert of the period under the configured rules, most severe and most recent first. */
export function runRules(d: AlertData, rules: AlertRulesSettings): Alert[] {
  const all = ALERT_RULES.flatMap((rule) => {
    const { definition, settings } = withSettings(rule, rules);
    return settings.enabled ? definition.run(d, settings) : [];
  });
  return all.sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] || b.at.localeCompare(a.at) || a.key.localeCompare(b.key),
  );
}

/** Describes each rule, whether it is enabled and its thresholds, for the alerts page. */
export function describeRules(rules: AlertRulesSettings): { rule: AlertRule; enabled: boolean; text: string }[] {
  return ALERT_RULES.map((rule) => {
    const { definition, settings } = withSettings(rule, rules);
    return { rule, enabled: settings.enabled, text: definition.describe(settings) };
  });
}
