import { reviewDecisionLabels, type ReviewDecision } from '@sunlight/domain/schemas/case-handoff';
import { roleLabels, type Role } from './accounts';
import { alertRuleLabels } from './alerts';
import { caseStatusLabels, type CaseStatus } from './cases';

/**
 * The detail of an audit entry in plain Chinese ("状态：核查中 → 已办结", "交办给 区应急局"), for the audit
 * page and a work order's history. Every key an entry may carry has a Chinese name; a value that is a
 * status, role or rule is shown by its label, never its key.
 */

type Detail = Record<string, unknown>;

const KEY_LABELS: Record<string, string> = {
  from: '自',
  to: '至',
  agency: '执法主体',
  agencyId: '执法主体',
  status: '状态',
  overdue: '只看超期',
  page: '页码',
  actor: '操作人',
  action: '操作',
  rule: '预警类型',
  severity: '等级',
  state: '办理情况',
  count: '条数',
  rows: '行数',
  category: '类别',
  found: '预警存在',
  fields: '放行字段',
  role: '角色',
  scope: '限制范围',
  until: '等待至',
  trustedBrowser: '常用浏览器',
  failuresCleared: '清除失败次数',
  known: '账号存在',
  disabled: '账号已停用',
  text: '内容',
  title: '标题',
  assignee: '承办人',
  deadline: '期限',
  report: '反映回执',
  receipts: '反映份数',
  records: '记录数',
  alertKey: '预警',
  alertRule: '预警类型',
  seq: '序号',
  evidence: '附件数',
};

const SCOPES: Record<string, string> = {
  device: '该浏览器',
  usernames: '该来源地址（尝试多个用户名）',
  client: '该来源地址',
};

const isStatus = (v: unknown): v is CaseStatus => typeof v === 'string' && v in caseStatusLabels;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function valueText(key: string, v: unknown, names: ReadonlyMap<string, string>): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (isStatus(v)) return caseStatusLabels[v];
  if ((key === 'agency' || key === 'agencyId') && typeof v === 'string') return names.get(v) ?? v;
  if (key === 'role' && typeof v === 'string') return roleLabels[v as Role] ?? v;
  if ((key === 'rule' || key === 'alertRule') && typeof v === 'string') {
    return alertRuleLabels[v as keyof typeof alertRuleLabels] ?? v;
  }
  if (key === 'until' && typeof v === 'string') return v.replace('T', ' ').slice(0, 16);
  if (Array.isArray(v)) return v.map((x) => str(x)).join('、');
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v as Detail)
      .map(([k, x]) => `${KEY_LABELS[k] ?? k} ${valueText(k, x, names)}`)
      .join('，');
  }
  return str(v);
}

/** Generic rendering: each non-empty key by its Chinese name. */
function generic(d: Detail, names: ReadonlyMap<string, string>): string {
  return Object.entries(d)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${KEY_LABELS[k] ?? k}：${valueText(k, v, names)}`)
    .join('；');
}

const statusMove = (d: Detail) =>
  isStatus(d.from) && isStatus(d.to) ? `状态：${caseStatusLabels[d.from]} → ${caseStatusLabels[d.to]}` : '';
const join = (...parts: string[]) => parts.filter(Boolean).join('；');

/** `names`: agency ids → short names (from the agencies table), for entries that carry an agency id. */
export function auditDetailText(
  action: string,
  detail: Detail | null | undefined,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const d = detail ?? {};
  switch (action) {
    case 'case.transition':
      return join(statusMove(d), d.text ? `说明：${str(d.text)}` : '');
    case 'case.update': {
      const b = (d.before ?? {}) as Detail;
      const a = (d.after ?? {}) as Detail;
      return join(
        b.assignee !== a.assignee ? `承办人：${str(b.assignee) || '未指定'} → ${str(a.assignee) || '未指定'}` : '',
        b.deadline !== a.deadline ? `期限：${str(b.deadline) || '未设定'} → ${str(a.deadline) || '未设定'}` : '',
      );
    }
    case 'case.note':
      return str(d.text);
    case 'case.create':
      return join(
        str(d.title),
        d.agencyId ? `执法主体：${names.get(str(d.agencyId)) ?? str(d.agencyId)}` : '',
        d.assignee ? `承办人：${str(d.assignee)}` : '',
        d.deadline ? `期限：${str(d.deadline)}` : '',
        d.alertRule ? `依据预警：${valueText('alertRule', d.alertRule, names)}` : '',
        d.report ? `来自公众反映（回执 ${str(d.report)}）` : '',
      );
    case 'case.reply':
      return join(`回告：${str(d.text)}`, typeof d.receipts === 'number' ? `${d.receipts} 份反映` : '');
    case 'case.handoff':
      return join(
        `交办给 ${str(d.agencyName) || names.get(str(d.agencyId)) || str(d.agencyId)}（账号 ${str(d.account)}）`,
        d.deadline ? `期限：${str(d.deadline)}${d.workingDays ? `（${str(d.workingDays)} 个工作日）` : ''}` : '',
        statusMove(d),
        d.text ? `交办说明：${str(d.text)}` : '',
      );
    case 'case.agency-reply':
      return join(`执法单位回复：${str(d.text)}`, d.evidence ? `附 ${str(d.evidence)} 个文件` : '');
    case 'case.review':
      return join(
        reviewDecisionLabels[d.decision as ReviewDecision] ?? '',
        d.text ? `${d.decision === 'returned' ? '退回理由' : '办结意见'}：${str(d.text)}` : '',
        statusMove(d),
      );
    case 'login.success':
      return d.trustedBrowser ? '常用浏览器' : '新浏览器（此后视为常用浏览器）';
    case 'login.failure':
      return d.known === false ? '用户名不存在' : d.disabled ? '账号已停用' : '密码错误';
    case 'login.throttled':
      return join(
        d.scope ? `限制范围：${SCOPES[str(d.scope)] ?? str(d.scope)}` : '',
        d.until ? `需等待至 ${valueText('until', d.until, names)}` : '',
      );
    case 'account.create':
      return join(
        d.role ? `角色：${valueText('role', d.role, names)}` : '',
        d.agencyId ? `所属执法主体：${names.get(str(d.agencyId)) ?? str(d.agencyId)}` : '',
      );
    default:
      return generic(d, names);
  }
}
