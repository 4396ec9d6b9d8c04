import { CHINA_TIME_ZONE } from '@sunlight/domain/china-time';
import { HANDOFF_AWAITING_AGENCY, type HandoffState } from '@sunlight/domain/schemas/case-handoff';
import { isRealIsoDate, todayInChina } from '@sunlight/domain/validators/dates';
import type { Db, SqlParam } from '../db/types';
import type { Role } from './accounts';
import type { Alert, AlertRule } from './alerts';
import { audit } from './audit';
import { chinaDate } from './period';

/**
 * 督办工单 (work orders). A case is opened from an alert (keeping a snapshot of the alert and its
 * records) or by hand; it moves 待处理 → 核查中 → 已办结, or to 不予处理 with a reason. It has an assignee,
 * a deadline and notes. Nothing is deleted (the table's triggers refuse it) and every change is written to
 * the audit log in the same transaction.
 */

export const CASE_STATUSES = ['pending', 'verifying', 'closed', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const caseStatusLabels: Readonly<Record<CaseStatus, string>> = {
  pending: '待处理',
  verifying: '核查中',
  closed: '已办结',
  dismissed: '不予处理',
};
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'dismissed'];

/** Allowed moves. 已办结 and 不予处理 are final. */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  pending: ['verifying', 'dismissed'],
  verifying: ['closed', 'dismissed'],
  closed: [],
  dismissed: [],
};

export const transitionLabels: Readonly<Record<CaseStatus, string>> = {
  pending: '退回待处理',
  verifying: '开始核查',
  closed: '办结',
  dismissed: '不予处理',
};

export const MAX_TITLE = 200;
export const MAX_TEXT = 4000;
export const MAX_NAME = 50;

export interface Actor {
  username: string;
  role: Role;
  ip?: string | null;
}

export interface CaseNote {
  seq: number;
  author: string;
  body: string;
  createdAt: Date;
}

export interface WorkOrder {
  id: string;
  title: string;
  status: CaseStatus;
  agencyId: string | null;
  agencyName: string | null;
  enterpriseCreditCode: string | null;
  alertKey: string | null;
  alertRule: AlertRule | null;
  alertSnapshot: Alert | null;
  description: string;
  assignee: string | null;
  deadline: string | null;
  resolution: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** Open past its deadline (China date). */
  overdue: boolean;
  /** Closed after its deadline. */
  closedLate: boolean;
  /** The current hand-off to an agency account, if any. */
  handoff: Handoff | null;
}

export interface Handoff {
  accountId: string;
  username: string;
  displayName: string | null;
  agencyId: string;
  agencyName: string;
  instruction: string;
  deadline: string;
  state: HandoffState;
  handedAt: Date;
  /** The agency owes a reply past the hand-off's deadline (China date). */
  overdue: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

export type CaseOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; status?: 404 | 409 | 422 };

interface CaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  agency_id: string | null;
  agency_name: string | null;
  enterprise_credit_code: string | null;
  alert_key: string | null;
  alert_rule: AlertRule | null;
  alert_snapshot: Alert | null;
  description: string;
  assignee: string | null;
  deadline: string | null;
  resolution: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  handed_to: string | null;
  handed_username: string | null;
  handed_display_name: string | null;
  handed_agency_id: string | null;
  handed_agency_name: string | null;
  handoff_instruction: string | null;
  handoff_deadline: string | null;
  handoff_state: HandoffState | null;
  handed_at: Date | null;
}

export const CASE_SELECT = `SELECT c.id, c.title, c.status, c.agency_id, coalesce(a.short_name, a.name) AS agency_name,
  c.enterprise_credit_code, c.alert_key, c.alert_rule, c.alert_snapshot, c.description, c.assignee,
  to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.resolution, c.created_by, c.created_at, c.updated_at, c.closed_at,
  c.handed_to, hs.username AS handed_username, hs.display_name AS handed_display_name, hs.agency_id AS handed_agency_id,
  coalesce(ha.short_name, ha.name) AS handed_agency_name, c.handoff_instruction,
  to_char(c.handoff_deadline, 'YYYY-MM-DD') AS handoff_deadline, c.handoff_state, c.handed_at
  FROM supervision_cases c LEFT JOIN agencies a ON a.id = c.agency_id
  LEFT JOIN supervisors hs ON hs.id = c.handed_to LEFT JOIN agencies ha ON ha.id = hs.agency_id`;
const SELECT = CASE_SELECT;

export function toCase(r: CaseRow, today: string): WorkOrder {
  const final = FINAL_STATUSES.includes(r.status);
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    enterpriseCreditCode: r.enterprise_credit_code,
    alertKey: r.alert_key,
    alertRule: r.alert_rule,
    alertSnapshot: r.alert_snapshot,
    description: r.description,
    assignee: r.assignee,
    deadline: r.deadline,
    resolution: r.resolution,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    overdue: !final && !!r.deadline && r.deadline < today,
    closedLate: final && !!r.deadline && !!r.closed_at && chinaDate(r.closed_at) > r.deadline,
    handoff:
      r.handed_to && r.handoff_state && r.handed_agency_id
        ? {
            accountId: r.handed_to,
            username: r.handed_username ?? '',
            displayName: r.handed_display_name,
            agencyId: r.handed_agency_id,
            agencyName: r.handed_agency_name ?? r.handed_agency_id,
            instruction: r.handoff_instruction ?? '',
            deadline: r.handoff_deadline ?? '',
            state: r.handoff_state,
            handedAt: r.handed_at!,
            overdue:
              !final &&
              HANDOFF_AWAITING_AGENCY.includes(r.handoff_state) &&
              !!r.handoff_deadline &&
              r.handoff_deadline < today,
          }
        : null,
  };
}

export type { CaseRow };

/**
 * The assignee of a work order is an account: an active supervisor (承办监督员). Handing the order to an
 * agency account goes through `handOff` (handoff.ts), with an instruction and a deadline.
 */
async function checkAssignee(db: Db, errors: FieldError[], username: string) {
  if (!username) return;
  const [row] = await db.query<{ role: Role }>(
    `SELECT role FROM supervisors WHERE username = $1 AND disabled_at IS NULL`,
    [username],
  );
  if (!row) errors.push({ field: 'assignee', message: '请从列表中选择承办人（启用中的监督员账号）' });
  else if (row.role !== 'supervisor') {
    errors.push({
      field: 'assignee',
      message:
        row.role === 'agency'
          ? '执法单位账号不能直接作为承办人，请用“交办执法单位”交办并写明交办说明和期限'
          : '审计员（只读）账号不能承办工单，请选择监督员账号',
    });
  }
}

const clean = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');

function checkText(errors: FieldError[], field: string, value: string, label: string, max: number, required = true) {
  if (required && !value) errors.push({ field, message: `请填写${label}` });
  else if (value.length > max) errors.push({ field, message: `${label}不超过 ${max} 个字` });
}

function checkDeadline(errors: FieldError[], value: string, today: string) {
  if (!value) return;
  if (!isRealIsoDate(value)) errors.push({ field: 'deadline', message: '办理期限应为真实日期，格式如 2026-12-31' });
  else if (value < today) errors.push({ field: 'deadline', message: '办理期限不能早于今天' });
}

export interface NewCase {
  title?: unknown;
  description?: unknown;
  agencyId?: unknown;
  assignee?: unknown;
  deadline?: unknown;
}

/** Opens a work order, from an alert (snapshot kept) or by hand. */
export async function createCase(
  db: Db,
  input: NewCase,
  actor: Actor,
  alert?: Alert,
  now = new Date(),
): Promise<CaseOutcome<WorkOrder>> {
  const today = todayInChina(now.getTime());
  const title = clean(input.title);
  const description = clean(input.description);
  const assignee = clean(input.assignee);
  const deadline = clean(input.deadline);
  const agencyId = clean(input.agencyId) || alert?.agencyIds[0] || '';
  const errors: FieldError[] = [];
  checkText(errors, 'title', title, '标题', MAX_TITLE);
  checkText(errors, 'description', description, '督办事项', MAX_TEXT);
  checkText(errors, 'assignee', assignee, '承办人', MAX_NAME, false);
  await checkAssignee(db, errors, assignee);
  checkDeadline(errors, deadline, today);
  if (agencyId) {
    const [a] = await db.query(`SELECT 1 FROM agencies WHERE id = $1`, [agencyId]);
    if (!a) errors.push({ field: 'agencyId', message: '请选择列表中的执法主体' });
  }
  if (errors.length) return { ok: false, errors, status: 422 };
  const id = await db.transaction((tx) =>
    insertCase(
      tx,
      {
        title,
        description,
        agencyId: agencyId || null,
        enterpriseCreditCode: alert?.enterpriseCreditCode ?? null,
        assignee: assignee || null,
        deadline: deadline || null,
        alert,
      },
      actor,
      now,
    ),
  );
  return { ok: true, value: (await getCase(db, id, now))! };
}

export interface CaseRecord {
  title: string;
  description: string;
  agencyId: string | null;
  enterpriseCreditCode: string | null;
  assignee: string | null;
  deadline: string | null;
  alert?: Alert;
  reportReceipt?: string;
}

/** Writes a checked work order and its audit entry inside the caller's transaction; returns its id (GD-年-序号). */
export async function insertCase(
  tx: Db,
  c: CaseRecord,
  actor: { username: string; role: Role | null; ip?: string | null },
  now: Date,
): Promise<string> {
  const today = todayInChina(now.getTime());
  const [serial] = await tx.query<{ n: string }>(`SELECT nextval('supervision_case_serial')::text AS n`);
  const caseId = `GD-${today.slice(0, 4)}-${serial!.n.padStart(6, '0')}`;
  const alert = c.alert;
  await tx.query(
    `INSERT INTO supervision_cases (id, title, status, agency_id, enterprise_credit_code, alert_key, alert_rule,
       alert_snapshot, description, assignee, deadline, created_by, created_at, updated_at, report_receipt)
     VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12, $12, $13)`,
    [
      caseId,
      c.title,
      c.agencyId,
      c.enterpriseCreditCode,
      alert?.key ?? null,
      alert?.rule ?? null,
      alert ? JSON.stringify(alert) : null,
      c.description,
      c.assignee,
      c.deadline,
      actor.username,
      now,
      c.reportReceipt ?? null,
    ],
  );
  await audit(
    tx,
    {
      actor: actor.username,
      role: actor.role,
      action: 'case.create',
      targetType: 'case',
      targetId: caseId,
      detail: {
        title: c.title,
        agencyId: c.agencyId,
        assignee: c.assignee,
        deadline: c.deadline,
        ...(alert ? { alertKey: alert.key, alertRule: alert.rule, records: alert.records.length } : {}),
        ...(c.reportReceipt ? { report: c.reportReceipt } : {}),
      },
      ip: actor.ip ?? null,
    },
    now,
  );
  return caseId;
}

export async function getCase(db: Db, id: string, now = new Date()): Promise<WorkOrder | undefined> {
  const [row] = await db.query<CaseRow>(`${SELECT} WHERE c.id = $1`, [id]);
  return row ? toCase(row, todayInChina(now.getTime())) : undefined;
}

export async function caseNotes(db: Db, id: string): Promise<CaseNote[]> {
  const rows = await db.query<{ seq: string; author: string; body: string; created_at: Date }>(
    `SELECT seq, author, body, created_at FROM supervision_case_notes WHERE case_id = $1 ORDER BY seq`,
    [id],
  );
  return rows.map((r) => ({ seq: Number(r.seq), author: r.author, body: r.body, createdAt: r.created_at }));
}

/** Moves a case along TRANSITIONS; 已办结 needs a result and 不予处理 a reason. */
export async function transitionCase(
  db: Db,
  id: string,
  input: { to?: unknown; resolution?: unknown; expectedStatus?: unknown },
  actor: Actor,
  now = new Date(),
): Promise<CaseOutcome<WorkOrder>> {
  const to = clean(input.to) as CaseStatus;
  const resolution = clean(input.resolution);
  const current = await getCase(db, id, now);
  if (!current) return { ok: false, errors: [{ field: 'id', message: `没有编号为 ${id} 的工单` }], status: 404 };
  const expected = clean(input.expectedStatus);
  if (expected && expected !== current.status) {
    return {
      ok: false,
      status: 409,
      errors: [
        {
          field: 'to',
          message: `这个页面打开后，工单状态已被改为“${caseStatusLabels[current.status]}”（可能在另一个标签页或由其他监督员办理），本次操作没有保存。请查看下面的最新状态后再操作。`,
        },
      ],
    };
  }
  if (!CASE_STATUSES.includes(to) || !TRANSITIONS[current.status].includes(to)) {
    return {
      ok: false,
      status: 409,
      errors: [
        {
          field: 'to',
          message: FINAL_STATUSES.includes(current.status)
            ? `工单已${caseStatusLabels[current.status]}，不能再变更状态`
            : `“${caseStatusLabels[current.status]}”的工单只能${TRANSITIONS[current.status].map((s) => transitionLabels[s]).join('或')}`,
        },
      ],
    };
  }
  const errors: FieldError[] = [];
  if (to === 'closed') checkText(errors, 'resolution', resolution, '办结意见', MAX_TEXT);
  else if (to === 'dismissed') checkText(errors, 'resolution', resolution, '不予处理的理由', MAX_TEXT);
  else checkText(errors, 'resolution', resolution, '说明', MAX_TEXT, false);
  if (errors.length) return { ok: false, errors, status: 422 };
  const final = FINAL_STATUSES.includes(to);
  const changed = await db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE supervision_cases SET status = $2, updated_at = $4,
         resolution = CASE WHEN $5 THEN $3 ELSE resolution END,
         closed_at = CASE WHEN $5 THEN $4::timestamptz ELSE closed_at END
       WHERE id = $1 AND status = $6 RETURNING id`,
      [id, to, resolution || null, now, final, current.status],
    );
    if (!rows.length) return false;
    if (!final && resolution) {
      await tx.query(`INSERT INTO supervision_case_notes (case_id, author, body, created_at) VALUES ($1, $2, $3, $4)`, [
        id,
        actor.username,
        resolution,
        now,
      ]);
    }
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.transition',
        targetType: 'case',
        targetId: id,
        detail: { from: current.status, to, ...(resolution ? { text: resolution } : {}) },
        ip: actor.ip ?? null,
      },
      now,
    );
    return true;
  });
  if (!changed) {
    return { ok: false, status: 409, errors: [{ field: 'to', message: '工单状态已被他人修改，请刷新后再操作' }] };
  }
  return { ok: true, value: (await getCase(db, id, now))! };
}

/** Changes the assignee and/or deadline of an open case. */
export async function updateCase(
  db: Db,
  id: string,
  input: { assignee?: unknown; deadline?: unknown },
  actor: Actor,
  now = new Date(),
): Promise<CaseOutcome<WorkOrder>> {
  const current = await getCase(db, id, now);
  if (!current) return { ok: false, errors: [{ field: 'id', message: `没有编号为 ${id} 的工单` }], status: 404 };
  if (FINAL_STATUSES.includes(current.status)) {
    return { ok: false, status: 409, errors: [{ field: 'assignee', message: '工单已结束，不能再修改承办人或期限' }] };
  }
  const assignee = clean(input.assignee);
  const deadline = clean(input.deadline);
  const errors: FieldError[] = [];
  checkText(errors, 'assignee', assignee, '承办人', MAX_NAME, false);
  if (assignee !== (current.assignee ?? '')) await checkAssignee(db, errors, assignee);
  if (deadline !== (current.deadline ?? '')) checkDeadline(errors, deadline, todayInChina(now.getTime()));
  if (errors.length) return { ok: false, errors, status: 422 };
  const before = { assignee: current.assignee, deadline: current.deadline };
  const after = { assignee: assignee || null, deadline: deadline || null };
  if (before.assignee === after.assignee && before.deadline === after.deadline) return { ok: true, value: current };
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE supervision_cases SET assignee = $2, deadline = $3::date, updated_at = $4 WHERE id = $1`, [
      id,
      after.assignee,
      after.deadline,
      now,
    ]);
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.update',
        targetType: 'case',
        targetId: id,
        detail: { before, after },
        ip: actor.ip ?? null,
      },
      now,
    );
  });
  return { ok: true, value: (await getCase(db, id, now))! };
}

export async function addNote(
  db: Db,
  id: string,
  input: { body?: unknown },
  actor: Actor,
  now = new Date(),
): Promise<CaseOutcome<CaseNote>> {
  const current = await getCase(db, id, now);
  if (!current) return { ok: false, errors: [{ field: 'id', message: `没有编号为 ${id} 的工单` }], status: 404 };
  const body = clean(input.body);
  const errors: FieldError[] = [];
  checkText(errors, 'body', body, '备注', MAX_TEXT);
  if (errors.length) return { ok: false, errors, status: 422 };
  const note = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ seq: string }>(
      `INSERT INTO supervision_case_notes (case_id, author, body, created_at) VALUES ($1, $2, $3, $4) RETURNING seq`,
      [id, actor.username, body, now],
    );
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.note',
        targetType: 'case',
        targetId: id,
        detail: { seq: Number(row!.seq), text: body },
        ip: actor.ip ?? null,
      },
      now,
    );
    return { seq: Number(row!.seq), author: actor.username, body, createdAt: now };
  });
  return { ok: true, value: note };
}

export interface CaseQuery {
  status?: CaseStatus;
  overdue?: boolean;
  agencyId?: string;
  page?: number;
  pageSize?: number;
}

export async function listCases(
  db: Db,
  q: CaseQuery = {},
  now = new Date(),
): Promise<{ items: WorkOrder[]; total: number; counts: Record<CaseStatus, number>; overdue: number }> {
  const today = todayInChina(now.getTime());
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: string, v: SqlParam) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.status) add('c.status = ?', q.status);
  if (q.agencyId) add('c.agency_id = ?', q.agencyId);
  if (q.overdue) add(`c.status IN ('pending', 'verifying') AND c.deadline < ?::date`, today);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const size = q.pageSize ?? 20;
  const offset = ((q.page ?? 1) - 1) * size;
  const [total, rows, counts] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision_cases c ${w}`, params),
    db.query<CaseRow>(
      `${SELECT} ${w}
       ORDER BY CASE WHEN c.status IN ('pending', 'verifying') THEN 0 ELSE 1 END,
                CASE WHEN c.status IN ('pending', 'verifying') AND c.deadline < '${today}'::date THEN 0 ELSE 1 END,
                CASE WHEN c.status IN ('pending', 'verifying') THEN c.deadline END NULLS LAST,
                coalesce(c.closed_at, c.created_at) DESC, c.id DESC
       LIMIT ${size} OFFSET ${offset}`,
      params,
    ),
    db.query<{ status: CaseStatus; n: number; overdue: number }>(
      `SELECT status, count(*)::int AS n,
              count(*) FILTER (WHERE status IN ('pending', 'verifying') AND deadline < $1::date)::int AS overdue
       FROM supervision_cases GROUP BY status`,
      [today],
    ),
  ]);
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  let overdue = 0;
  for (const c of counts) {
    byStatus[c.status] = c.n;
    overdue += c.overdue;
  }
  return { items: rows.map((r) => toCase(r, today)), total: total[0]?.n ?? 0, counts: byStatus, overdue };
}

/** The latest work order of each alert key (for the alert list). */
export async function casesForAlerts(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, { id: string; status: CaseStatus }>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ alert_key: string; id: string; status: CaseStatus }>(
    `SELECT DISTINCT ON (alert_key) alert_key, id, status FROM supervision_cases
     WHERE alert_key = ANY($1::text[]) ORDER BY alert_key, created_at DESC`,
    [keys as string[]],
  );
  return new Map(rows.map((r) => [r.alert_key, { id: r.id, status: r.status }]));
}

/** Per agency: cases open past their deadline at `asOf`, and cases closed late within [start, end). */
export async function overdueByAgency(db: Db, start: Date, end: Date, asOf: Date): Promise<Map<string, number>> {
  const asOfDate = chinaDate(new Date(Math.min(asOf.getTime(), end.getTime() - 1)));
  const rows = await db.query<{ agency_id: string; n: number }>(
    `SELECT agency_id, count(*)::int AS n FROM supervision_cases
     WHERE agency_id IS NOT NULL AND deadline IS NOT NULL AND created_at < $2 AND (
       (deadline < $3::date AND (closed_at IS NULL OR closed_at >= $2))
       OR (closed_at >= $1 AND closed_at < $2 AND (closed_at AT TIME ZONE '${CHINA_TIME_ZONE}')::date > deadline))
     GROUP BY agency_id`,
    [start, end, asOfDate],
  );
  return new Map(rows.map((r) => [r.agency_id, r.n]));
}
