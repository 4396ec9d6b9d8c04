import { keyOf, inspectionRecord, enterpriseLabel, latest, groupBy } from '../records';
import { chinaIso } from '../../period';
import { failureActionLabels, failureReasonLabels } from '../../../business-identity/failures';
import type { Alert, AlertData, AlertRuleDefinition, ProofFailureRecord } from '../types';

/**
 * 冒用企业名义: check-ins or evaluations attempted on a genuine certificate without proof of being the
 * inspected business — only its agency, its inspectors and the business hold the certificate token.
 */
function impersonationAlerts(d: AlertData): Alert[] {
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

export const impersonation: AlertRuleDefinition<'impersonation'> = {
  id: 'impersonation',
  label: '冒用企业名义',
  describe: () => '有人在真实的检查证上提交登记或评价，却未能证明是被检查企业（无凭证、凭证无效或属于其他企业）',
  run: impersonationAlerts,
};
