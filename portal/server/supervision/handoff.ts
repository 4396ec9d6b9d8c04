import { createHash } from 'node:crypto';
import { chinaDate, todayInChina } from '@sunlight/domain/china-time';
import {
  HANDOFF_AWAITING_AGENCY,
  HandoffWorkingDaysSchema,
  handoffStateLabels,
  type HandoffState,
  type ReviewDecision,
} from '@sunlight/domain/schemas/case-handoff';
import { reportKindLabels, type ReportKind } from '@sunlight/domain/schemas/report';
import type { Db } from '../db/types';
import { findNumberSpans } from '../disclosures/redact-numbers';
import { redactText } from '../disclosures/redact';
import { stripImageMetadata } from '../reports/image-metadata';
import { audit } from './audit';
import {
  CASE_SELECT,
  caseStatusLabels,
  FINAL_STATUSES,
  getCase,
  MAX_TEXT,
  toCase,
  type Actor,
  type CaseOutcome,
  type CaseRow,
  type CaseStatus,
  type FieldError,
  type WorkOrder,
} from './cases';
import { addWorkingDays, type WorkingCalendar } from '@sunlight/domain/working-days';

/**
 * 交办: a supervisor hands a work order to an agency account with an instruction and a deadline in
 * working days; the agency replies (text and optional JPEG/PNG evidence, metadata stripped); the
 * supervisor accepts the reply (the order is closed) or returns it with a reason. Every step is audited
 * in the same transaction.
 *
 * What the agency sees is built here and only here (`agencyCaseView`): the title, the instruction, the
 * deadline, its own replies and the reviews. Never the order's internal description, the reports'
 * receipts, reporters' contact or photos, the alert snapshot or notes. The instruction and title are
 * refused at hand-off when they carry a receipt number, a reporter's contact or any phone, ID, e-mail or
 * social-account number.
 */

export const MAX_EVIDENCE_FILES = 3;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export interface AgencyActor extends Actor {
  agencyId: string | null;
}

const clean = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');
const RECEIPT_ANYWHERE = /FY\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/i;
const PERSONAL_KINDS = new Set(['id_number', 'phone', 'email', 'wechat', 'passport', 'bank_card']);

/** Why `text` may not reach an agency (a receipt, a reporter's contact, a personal number), or undefined. */
export async function leakProblem(db: Db, caseId: string, text: string): Promise<string | undefined> {
  if (RECEIPT_ANYWHERE.test(text)) return '含有反映人的回执编号';
  const reports = await db.query<{ receipt: string; contact: string | null }>(
    `SELECT receipt, contact FROM reports WHERE case_id = $1`,
    [caseId],
  );
  const squeezed = text.replace(/\s+/g, '');
  for (const r of reports) {
    if (squeezed.includes(r.receipt)) return '含有反映人的回执编号';
    const contact = r.contact?.replace(/\s+/g, '');
    if (contact && contact.length >= 3 && squeezed.includes(contact)) return '含有反映人的联系方式';
  }
  if (findNumberSpans(text).some((s) => PERSONAL_KINDS.has(s.kind))) return '含有电话、证件号码、邮箱或社交账号';
  return undefined;
}

/**
 * A proposed instruction for handing the order over: what happened and what to check, without who
 * reported. From reports: kind, time, place, officer and the description with personal numbers masked;
 * from an alert: its title and suggestion; otherwise the order's description without receipt lines.
 */
export async function handoffDraft(db: Db, c: WorkOrder): Promise<string> {
  const reports = await db.query<{
    kind: ReportKind;
    occurred_at: Date;
    place: string;
    description: string;
    officer: string | null;
    certificate_no: string | null;
  }>(
    `SELECT kind, occurred_at, place, description, officer, certificate_no FROM reports
     WHERE case_id = $1 AND duplicate_of IS NULL ORDER BY received_at LIMIT 1`,
    [c.id],
  );
  const r = reports[0];
  const ask = '请核实以下情况，在期限内回复核查结果和整改措施，并附相关材料。';
  if (r) {
    return [
      ask,
      `问题类型：${reportKindLabels[r.kind]}`,
      `发生时间：${chinaDate(r.occurred_at)}`,
      `地点：${r.place}`,
      r.officer ? `涉及执法人员：${r.officer}` : null,
      r.certificate_no ? `电子检查证编号：${r.certificate_no}` : null,
      `情况：${redactText(r.description, { personNames: [] })}`,
    ]
      .filter((x) => x !== null)
      .join('\n');
  }
  if (c.alertSnapshot) return `${ask}\n${c.alertSnapshot.title}\n处理建议：${c.alertSnapshot.suggestion}`;
  const body = c.description
    .split('\n')
    .filter((l) => !/回执|联系方式|反映人/.test(l))
    .join('\n');
  return `${ask}\n${body}`;
}

export interface HandoffInput {
  account?: unknown;
  instruction?: unknown;
  workingDays?: unknown;
}

/** Hands (or re-hands) an open order to an agency account of the agency it concerns. */
export async function handOff(
  db: Db,
  id: string,
  input: HandoffInput,
  actor: Actor,
  calendar: WorkingCalendar,
  now = new Date(),
): Promise<CaseOutcome<WorkOrder>> {
  const current = await getCase(db, id, now);
  if (!current) return { ok: false, errors: [{ field: 'id', message: `没有编号为 ${id} 的工单` }], status: 404 };
  if (FINAL_STATUSES.includes(current.status)) {
    return {
      ok: false,
      status: 409,
      errors: [{ field: 'account', message: `工单已${caseStatusLabels[current.status]}，不能再交办` }],
    };
  }
  if (current.handoff?.state === 'replied') {
    return {
      ok: false,
      status: 409,
      errors: [{ field: 'account', message: '执法单位已回复，请先审核回复（采纳或退回），再决定是否改交其他单位' }],
    };
  }
  const username = clean(input.account);
  const instruction = clean(input.instruction);
  const errors: FieldError[] = [];
  const [account] = username
    ? await db.query<{ id: string; role: string; agency_id: string | null; agency_name: string | null }>(
        `SELECT s.id, s.role, s.agency_id, coalesce(a.short_name, a.name) AS agency_name
         FROM supervisors s LEFT JOIN agencies a ON a.id = s.agency_id
         WHERE s.username = $1 AND s.disabled_at IS NULL`,
        [username],
      )
    : [];
  if (!account || account.role !== 'agency' || !account.agency_id) {
    errors.push({ field: 'account', message: '请从列表中选择执法单位账号' });
  } else if (current.agencyId && current.agencyId !== account.agency_id) {
    errors.push({
      field: 'account',
      message: `这个工单督办的是${current.agencyName ?? current.agencyId}，只能交办给该单位的账号`,
    });
  }
  if (!instruction) errors.push({ field: 'instruction', message: '请填写交办说明：要求执法单位核查什么、回复什么' });
  else if (instruction.length > MAX_TEXT) {
    errors.push({ field: 'instruction', message: `交办说明不超过 ${MAX_TEXT} 个字` });
  } else {
    const leak = await leakProblem(db, id, instruction);
    if (leak) {
      errors.push({
        field: 'instruction',
        message: `交办说明${leak}。执法单位不能知道是谁反映的，请删除后再交办`,
      });
    }
  }
  const titleLeak = await leakProblem(db, id, current.title);
  if (titleLeak) errors.push({ field: 'instruction', message: `工单标题${titleLeak}，不能交办；请另行立案` });
  const days = HandoffWorkingDaysSchema.safeParse(clean(input.workingDays) || undefined);
  if (!days.success) {
    errors.push({ field: 'workingDays', message: days.error.issues[0]?.message ?? '请填写办理期限（工作日）' });
  }
  if (errors.length || !account || !days.success) return { ok: false, errors, status: 422 };

  const today = todayInChina(now.getTime());
  const deadline = addWorkingDays(today, days.data, calendar);
  const toStatus: CaseStatus = current.status === 'pending' ? 'verifying' : current.status;
  const ok = await db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE supervision_cases SET handed_to = $2, handoff_instruction = $3, handoff_deadline = $4::date,
         handoff_state = 'handed', handed_at = $5, status = $6, assignee = $7, updated_at = $5,
         agency_id = coalesce(agency_id, $8)
       WHERE id = $1 AND status = $9 AND handoff_state IS NOT DISTINCT FROM $10 RETURNING id`,
      [
        id,
        account.id,
        instruction,
        deadline,
        now,
        toStatus,
        username,
        account.agency_id,
        current.status,
        current.handoff?.state ?? null,
      ],
    );
    if (!rows.length) return false;
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.handoff',
        targetType: 'case',
        targetId: id,
        detail: {
          account: username,
          agencyId: account.agency_id,
          agencyName: account.agency_name,
          deadline,
          workingDays: days.data,
          text: instruction,
          ...(toStatus !== current.status ? { from: current.status, to: toStatus } : {}),
        },
        ip: actor.ip ?? null,
      },
      now,
    );
    return true;
  });
  if (!ok) return staleConflict();
  return { ok: true, value: (await getCase(db, id, now))! };
}

const staleConflict = <T>(): CaseOutcome<T> => ({
  ok: false,
  status: 409,
  errors: [{ field: 'heading', message: '工单已被他人同时修改，本次操作没有保存。请查看最新状态后再操作。' }],
});

export interface EvidenceFile {
  bytes: Uint8Array;
}

export interface CaseReply {
  seq: number;
  author: string;
  body: string;
  createdAt: Date;
  review: ReviewDecision | null;
  reviewText: string | null;
  reviewedAt: Date | null;
  evidence: number;
}

export async function caseReplies(db: Db, caseId: string): Promise<CaseReply[]> {
  const rows = await db.query<{
    seq: string;
    author: string;
    body: string;
    created_at: Date;
    review: ReviewDecision | null;
    review_text: string | null;
    reviewed_at: Date | null;
    evidence: number;
  }>(
    `SELECT r.seq, r.author, r.body, r.created_at, r.review, r.review_text, r.reviewed_at,
            (SELECT count(*)::int FROM supervision_case_evidence e WHERE e.reply_seq = r.seq) AS evidence
     FROM supervision_case_replies r WHERE r.case_id = $1 ORDER BY r.seq`,
    [caseId],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    author: r.author,
    body: r.body,
    createdAt: r.created_at,
    review: r.review,
    reviewText: r.review_text,
    reviewedAt: r.reviewed_at,
    evidence: r.evidence,
  }));
}

/** The agency account's reply to an order handed to its agency (and awaiting its reply). */
export async function agencyReply(
  db: Db,
  id: string,
  input: { body?: unknown; files?: readonly EvidenceFile[] },
  actor: AgencyActor,
  now = new Date(),
): Promise<CaseOutcome<CaseReply>> {
  const view = actor.agencyId ? await agencyCaseView(db, id, actor.agencyId, now) : undefined;
  if (!view) return { ok: false, status: 404, errors: [{ field: 'id', message: '没有交办给本单位的这个工单' }] };
  if (!HANDOFF_AWAITING_AGENCY.includes(view.state) || view.closed) {
    return {
      ok: false,
      status: 409,
      errors: [
        {
          field: 'body',
          message: `这个工单现在是“${view.stateLabel}”，不需要回复。如已在其他标签页回复，请刷新页面查看。`,
        },
      ],
    };
  }
  const body = clean(input.body);
  const errors: FieldError[] = [];
  if (!body) errors.push({ field: 'body', message: '请填写回复内容：核查结果和整改措施' });
  else if (body.length > MAX_TEXT) errors.push({ field: 'body', message: `回复内容不超过 ${MAX_TEXT} 个字` });
  const files = (input.files ?? []).filter((f) => f.bytes.length > 0);
  const stripped: { type: string; bytes: Uint8Array; sha256: string }[] = [];
  if (files.length > MAX_EVIDENCE_FILES) {
    errors.push({ field: 'evidence', message: `每次回复最多附 ${MAX_EVIDENCE_FILES} 个文件` });
  } else {
    for (const [i, f] of files.entries()) {
      if (f.bytes.length > MAX_EVIDENCE_BYTES) {
        errors.push({ field: 'evidence', message: `第 ${i + 1} 个文件超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB` });
        continue;
      }
      const s = stripImageMetadata(f.bytes);
      if (!s.ok)
        errors.push({ field: 'evidence', message: `第 ${i + 1} 个文件：${s.message}（材料请拍照或截图上传）` });
      else stripped.push({ ...s, sha256: createHash('sha256').update(s.bytes).digest('hex') });
    }
  }
  if (errors.length) return { ok: false, errors, status: 422 };
  const seq = await db.transaction(async (tx) => {
    const moved = await tx.query(
      `UPDATE supervision_cases SET handoff_state = 'replied', updated_at = $2
       WHERE id = $1 AND handoff_state = $3 AND status NOT IN ('closed', 'dismissed') RETURNING id`,
      [id, now, view.state],
    );
    if (!moved.length) return undefined;
    const [row] = await tx.query<{ seq: string }>(
      `INSERT INTO supervision_case_replies (case_id, author, agency_id, body, created_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING seq`,
      [id, actor.username, actor.agencyId, body, now],
    );
    const seq = Number(row!.seq);
    for (const [i, f] of stripped.entries()) {
      await tx.query(
        `INSERT INTO supervision_case_evidence (reply_seq, n, content_type, bytes, sha256, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [seq, i + 1, f.type, f.bytes, f.sha256, now],
      );
    }
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.agency-reply',
        targetType: 'case',
        targetId: id,
        detail: { text: body, evidence: stripped.length },
        ip: actor.ip ?? null,
      },
      now,
    );
    return seq;
  });
  if (seq === undefined) return staleConflict();
  return { ok: true, value: (await caseReplies(db, id)).find((r) => r.seq === seq)! };
}

/** The supervisor's review of the agency's latest reply: accept (the order is closed) or return it. */
export async function reviewReply(
  db: Db,
  id: string,
  input: { decision?: unknown; text?: unknown },
  actor: Actor,
  now = new Date(),
): Promise<CaseOutcome<WorkOrder>> {
  const current = await getCase(db, id, now);
  if (!current) return { ok: false, errors: [{ field: 'id', message: `没有编号为 ${id} 的工单` }], status: 404 };
  if (current.handoff?.state !== 'replied' || FINAL_STATUSES.includes(current.status)) {
    return {
      ok: false,
      status: 409,
      errors: [
        {
          field: 'heading',
          message: `这个页面打开后，工单已变为“${caseStatusLabels[current.status]}${current.handoff ? `，${handoffStateLabels[current.handoff.state]}` : ''}”，没有待审核的回复，本次操作没有保存。`,
        },
      ],
    };
  }
  const decision = clean(input.decision) as ReviewDecision;
  const text = clean(input.text);
  const errors: FieldError[] = [];
  const field = `review-${decision}`;
  if (decision !== 'accepted' && decision !== 'returned') {
    errors.push({ field: 'decision', message: '请选择采纳或退回' });
  } else if (!text) {
    errors.push({
      field,
      message: decision === 'accepted' ? '请填写办结意见' : '请填写退回理由：还需要执法单位核查或补充什么',
    });
  } else if (text.length > MAX_TEXT) errors.push({ field, message: `不超过 ${MAX_TEXT} 个字` });
  if (errors.length) return { ok: false, errors, status: 422 };
  const ok = await db.transaction(async (tx) => {
    const [reply] = await tx.query<{ seq: string }>(
      `SELECT seq FROM supervision_case_replies WHERE case_id = $1 AND review IS NULL ORDER BY seq DESC LIMIT 1`,
      [id],
    );
    if (!reply) return false;
    const accepted = decision === 'accepted';
    const rows = await tx.query(
      `UPDATE supervision_cases SET handoff_state = $2, updated_at = $3,
         status = CASE WHEN $4 THEN 'closed' ELSE status END,
         resolution = CASE WHEN $4 THEN $5 ELSE resolution END,
         closed_at = CASE WHEN $4 THEN $3::timestamptz ELSE closed_at END
       WHERE id = $1 AND handoff_state = 'replied' AND status = $6 RETURNING id`,
      [id, accepted ? 'accepted' : 'returned', now, accepted, text, current.status],
    );
    if (!rows.length) return false;
    await tx.query(
      `UPDATE supervision_case_replies SET review = $2, review_text = $3, reviewed_by = $4, reviewed_at = $5
       WHERE seq = $1`,
      [reply.seq, decision, text, actor.username, now],
    );
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.review',
        targetType: 'case',
        targetId: id,
        detail: {
          decision,
          text,
          reply: Number(reply.seq),
          ...(accepted ? { from: current.status, to: 'closed' } : {}),
        },
        ip: actor.ip ?? null,
      },
      now,
    );
    return true;
  });
  if (!ok) return staleConflict();
  return { ok: true, value: (await getCase(db, id, now))! };
}

/** What an agency account sees of an order handed to its agency. */
export interface AgencyCaseView {
  id: string;
  title: string;
  instruction: string;
  deadline: string;
  handedAt: Date;
  state: HandoffState;
  stateLabel: string;
  closed: boolean;
  overdue: boolean;
  replies: CaseReply[];
}

const agencyView = (c: WorkOrder, replies: CaseReply[]): AgencyCaseView => ({
  id: c.id,
  title: c.title,
  instruction: c.handoff!.instruction,
  deadline: c.handoff!.deadline,
  handedAt: c.handoff!.handedAt,
  state: c.handoff!.state,
  stateLabel:
    FINAL_STATUSES.includes(c.status) && c.handoff!.state !== 'accepted'
      ? `监督部门已${caseStatusLabels[c.status]}`
      : handoffStateLabels[c.handoff!.state],
  closed: FINAL_STATUSES.includes(c.status),
  overdue: c.handoff!.overdue,
  replies,
});

/** The order, if it is handed to an account of `agencyId`; otherwise undefined (the agency sees nothing). */
export async function agencyCaseView(
  db: Db,
  id: string,
  agencyId: string,
  now = new Date(),
): Promise<AgencyCaseView | undefined> {
  const [row] = await db.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1 AND hs.agency_id = $2`, [id, agencyId]);
  if (!row) return undefined;
  const c = toCase(row, todayInChina(now.getTime()));
  if (!c.handoff) return undefined;
  return agencyView(c, await caseReplies(db, id));
}

/** 交办给本单位的工单: awaiting a reply first (overdue first), then by deadline. */
export async function agencyCases(db: Db, agencyId: string, now = new Date()): Promise<AgencyCaseView[]> {
  const today = todayInChina(now.getTime());
  const rows = await db.query<CaseRow>(
    `${CASE_SELECT} WHERE hs.agency_id = $1
     ORDER BY CASE WHEN c.handoff_state IN ('handed', 'returned') AND c.status NOT IN ('closed', 'dismissed') THEN 0 ELSE 1 END,
              c.handoff_deadline, c.handed_at DESC LIMIT 500`,
    [agencyId],
  );
  return rows.map((r) => agencyView(toCase(r, today), []));
}

/** One evidence file of an order's reply; `agencyId` limits it to orders handed to that agency. */
export async function caseEvidence(
  db: Db,
  caseId: string,
  replySeq: number,
  n: number,
  agencyId?: string,
): Promise<{ type: string; bytes: Uint8Array } | undefined> {
  const [row] = await db.query<{ content_type: string; bytes: Uint8Array }>(
    `SELECT e.content_type, e.bytes FROM supervision_case_evidence e
     JOIN supervision_case_replies r ON r.seq = e.reply_seq
     WHERE r.case_id = $1 AND e.reply_seq = $2 AND e.n = $3 AND ($4::text IS NULL OR r.agency_id = $4)`,
    [caseId, replySeq, n, agencyId ?? null],
  );
  return row ? { type: row.content_type, bytes: new Uint8Array(row.bytes) } : undefined;
}
