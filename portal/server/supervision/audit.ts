import type { Db, SqlParam } from '../db/types';

/**
 * The append-only audit log (supervision_audit): who did what, when, to which record, from where. The
 * table's triggers refuse UPDATE, DELETE and TRUNCATE, so an entry once written stays as written.
 */
export interface AuditEntry {
  actor: string;
  role?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function audit(db: Db, e: AuditEntry, at?: Date): Promise<void> {
  await db.query(
    `INSERT INTO supervision_audit (actor, role, action, target_type, target_id, detail, ip, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()))`,
    [
      e.actor.slice(0, 100),
      e.role ?? null,
      e.action,
      e.targetType ?? null,
      e.targetId ?? null,
      JSON.stringify(e.detail ?? {}),
      e.ip ?? null,
      at ?? null,
    ],
  );
}

export interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  page?: number;
  pageSize?: number;
}

/** Newest first, with the total for paging. */
export async function listAudit(db: Db, q: AuditQuery = {}): Promise<{ rows: AuditRow[]; total: number }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: string, v: SqlParam) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.actor) add('actor = ?', q.actor);
  if (q.action) add('action = ?', q.action);
  if (q.targetType) add('target_type = ?', q.targetType);
  if (q.targetId) add('target_id = ?', q.targetId);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const size = q.pageSize ?? 50;
  const offset = ((q.page ?? 1) - 1) * size;
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision_audit ${w}`, params);
  const rows = await db.query<{
    seq: string | number;
    at: Date;
    actor: string;
    role: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    detail: Record<string, unknown>;
    ip: string | null;
  }>(`SELECT * FROM supervision_audit ${w} ORDER BY seq DESC LIMIT ${size} OFFSET ${offset}`, params);
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      role: r.role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: r.detail,
      ip: r.ip,
    })),
  };
}

/** Chinese names of the audited actions. */
export const auditActionLabels: Record<string, string> = {
  'account.create': '创建账号',
  'account.unlock': '解除登录限制',
  'account.disable': '停用账号',
  'account.password': '重设密码',
  'login.success': '登录',
  'login.failure': '登录失败',
  'login.locked': '账号锁定',
  'login.refused-locked': '锁定期间尝试登录',
  'login.throttled': '登录需等待（尝试过于频繁）',
  'view.accounts': '查看账号',
  logout: '退出登录',
  'csrf.refused': '拒绝无效表单',
  'forbidden.read-only': '只读账号尝试修改',
  'view.overview': '查看执法总览',
  'view.alerts': '查看预警列表',
  'view.alert': '查看预警详情',
  'view.cases': '查看工单列表',
  'view.case': '查看工单',
  'view.report-photo': '查看反映照片',
  'view.assessment': '查看评议考核',
  'export.assessment': '导出评议考核',
  'view.audit': '查看审计日志',
  'case.create': '新建工单',
  'case.transition': '变更工单状态',
  'case.update': '修改承办人或期限',
  'case.note': '添加工单备注',
  'case.reply': '回告反映人',
  'case.handoff': '交办执法单位',
  'case.agency-reply': '执法单位回复',
  'case.review': '审核执法单位回复',
  'view.agency-cases': '查看交办给本单位的工单',
  'view.agency-case': '查看交办的工单',
  'view.case-evidence': '查看回复材料',
  'forbidden.agency': '执法单位账号越权访问（已拒绝）',
  'view.reviews': '查看脱敏审核',
  'review.release': '放行脱敏审核',
};
