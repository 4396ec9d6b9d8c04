/** Plain-language Chinese wording for the catalogue's closed lists. */
import type { AgencyCategory } from '@sunlight/domain/schemas/agency';
import type { PowerType } from '@sunlight/domain/schemas/common';
import type { DiscretionKind } from '@sunlight/domain/schemas/discretion-item';
import { inspectorStatusLabels } from '@sunlight/domain/schemas/inspector';

export const AGENCY_CATEGORY_TEXT: Readonly<Record<AgencyCategory, { label: string; meaning: string }>> = {
  A: { label: 'A类：开发区', meaning: '开发区、园区的管理委员会，在本园区范围内依法赋权执法。' },
  B: { label: 'B类：街道、镇', meaning: '街道办事处和镇人民政府，在本辖区内开展综合行政执法。' },
  C: {
    label: 'C类：有执法队伍的部门',
    meaning: '区政府工作部门，有自己的行政执法队伍（如执法大队、支队），直接上门执法。',
  },
  D: {
    label: 'D类：无执法队伍的部门',
    meaning: '区政府工作部门，没有单独的执法队伍，由部门的业务科室在法定职责内实施执法。',
  },
};

/** The four lists, for a business: what each kind means for you. */
export const DISCRETION_KIND_TEXT: Readonly<
  Record<DiscretionKind, { short: string; forBusiness: string; tag: string; example: string }>
> = {
  不予处罚: {
    short: '不罚款、不处罚',
    forBusiness:
      '违法行为轻微并及时改正、没有造成危害后果的，或者初次违法且危害后果轻微并及时改正的，不给予行政处罚。执法人员会责令您改正，并进行批评教育。',
    tag: 'tag--green',
    example: '例如：首次未按规定公示信息，在限期内改正了，不罚款。',
  },
  减轻处罚: {
    short: '低于法定最低标准处罚',
    forBusiness:
      '有主动消除或者减轻违法后果、配合查处等法定情形的，可以在法定最低限度以下处罚，或者改用较轻的处罚种类。',
    tag: 'tag--blue',
    example: '例如：法律规定罚款 1 万元至 5 万元，减轻处罚可以罚 1 万元以下。',
  },
  从轻处罚: {
    short: '在法定范围内从轻处罚',
    forBusiness: '有主动改正、如实陈述等情形的，在法律规定的处罚种类和幅度内，选择较轻的种类或者较低的数额。',
    tag: 'tag--grey',
    example: '例如：法律规定罚款 1 万元至 5 万元，从轻处罚一般靠近 1 万元。',
  },
  从重处罚: {
    short: '在法定范围内从重处罚',
    forBusiness:
      '有屡次违法、拒不改正、危害公共安全或者群众健康等情形的，在法律规定的处罚种类和幅度内，选择较重的种类或者较高的数额。',
    tag: 'tag--red',
    example: '例如：法律规定罚款 1 万元至 5 万元，从重处罚一般靠近 5 万元。',
  },
};

/** The ten power types (权力类型), with a short explanation. */
export const POWER_TYPE_TEXT: Readonly<Record<PowerType, string>> = {
  行政许可: '办证、审批：做某件事之前需要政府同意。',
  行政处罚: '对违法行为给予警告、罚款、吊销许可证等处罚。',
  行政强制: '查封、扣押、强制拆除等强制措施和强制执行。',
  行政征收: '依法收取税费、征收财产等。',
  行政给付: '发放补贴、救助金、抚恤金等。',
  行政检查: '上门或书面检查是否遵守法律规定。',
  行政确认: '确认身份、资格、事实，如登记、认定。',
  行政奖励: '对做出贡献的单位和个人给予表彰奖励。',
  行政裁决: '对与行政管理有关的民事纠纷作出裁决。',
  其他: '不属于以上类型的其他行政权力。',
};

export type InspectorDisplayStatus = 'valid' | 'expired' | 'suspended' | 'revoked';

export const INSPECTOR_STATUS_TEXT: Readonly<
  Record<InspectorDisplayStatus, { label: string; tag: string; meaning: string }>
> = {
  valid: {
    label: inspectorStatusLabels.valid,
    tag: 'tag--green',
    meaning: '执法证有效，持证人可以在所列执法领域内执法。',
  },
  expired: {
    label: '已过有效期',
    tag: 'tag--red',
    meaning: '执法证已过有效期，持证人不得执法。您可以拒绝其检查，并拨打投诉电话反映。',
  },
  suspended: {
    label: inspectorStatusLabels.suspended,
    tag: 'tag--yellow',
    meaning: '执法证已被暂停使用，暂停期间持证人不得执法。您可以拒绝其检查，并拨打投诉电话反映。',
  },
  revoked: {
    label: inspectorStatusLabels.revoked,
    tag: 'tag--red',
    meaning: '执法证已注销，持证人不再具有执法资格。您可以拒绝其检查，并拨打投诉电话反映。',
  },
};

/** A certificate marked valid whose date has passed is shown as expired. */
export function inspectorDisplayStatus(status: string, validUntil: string, today: string): InspectorDisplayStatus {
  if (status === 'suspended' || status === 'revoked') return status;
  return validUntil < today ? 'expired' : 'valid';
}
