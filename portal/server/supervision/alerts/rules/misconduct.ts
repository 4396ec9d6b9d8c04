import { problemLabels, type EvaluationProblem } from '@sunlight/domain/schemas/evaluation';
import type { AlertRulesSettings } from '@sunlight/domain/schemas/supervision-settings';
import { keyOf, inspectionRecord, evaluationRecord, enterpriseLabel, latest } from '../records';
import { chinaIso } from '../../period';
import type { Alert, AlertData, AlertRecord, AlertRuleDefinition, CheckinRow, EvaluationRow } from '../types';

/** Evaluations reporting 未亮证、索拿卡要、随意检查、重复检查 (configurable), and check-ins without credentials. */
function misconductAlerts(d: AlertData, s: AlertRulesSettings['misconduct']): Alert[] {
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

export const misconduct: AlertRuleDefinition<'misconduct'> = {
  id: 'misconduct',
  label: '企业反映问题',
  describe: (s) =>
    `企业评价反映${s.problems.map((p) => problemLabels[p]).join('、')}${s.credentialsNotShown ? '，或登记时反映未出示执法证件' : ''}`,
  run: misconductAlerts,
};
