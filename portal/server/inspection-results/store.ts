import { createHash } from 'node:crypto';
import { z } from 'zod';
import { chinaDate, chinaInstant, chinaIso, DAY_MS } from '@sunlight/domain/china-time';
import { describeFieldErrors, fieldErrors, type FieldError } from '@sunlight/domain/errors';
import type { Inspection } from '@sunlight/domain/schemas/inspection';
import {
  InspectionResultInputSchema,
  InspectionResultWithdrawSchema,
  inspectionResultFieldLabels,
  inspectionResultInputLabels,
  inspectionResultWithdrawLabels,
  PublicInspectionResultSchema,
  type InspectionResultInput,
  type InspectionResultStatus,
  type PublicInspectionResult,
} from '@sunlight/domain/schemas/inspection-result';
import type { Db } from '../db/types';
import { isPublicDisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import { isPersonLikeName, redactionContext, sameContent } from '../disclosures/store';
import { maskPersonName, redact, type RedactionContext } from '../disclosures/redact';
import { buildTombstone, type Tombstone } from '../disclosures/tombstone';
import type { ProblemKind } from '../http/problem';
import { appendChange, appendChanges, type ChangeKind } from '../records/change-log';

/** The stable public id of an inspection's result: `r` + 15 base-36 characters of a hash of the task number. */
export function inspectionResultId(inspectionId: string): string {
  const hash = createHash('sha256').update(`inspection-result\n${inspectionId}`).digest();
  let n = 0n;
  for (const byte of hash.subarray(0, 10)) n = (n << 8n) | BigInt(byte);
  return `r${n.toString(36).padStart(15, '0').slice(0, 15)}`;
}

/** What the agency recorded, as it is kept for supervisors (never read by a public surface). */
type Submission = Omit<InspectionResultInput, 'correctionNote'> & { correctionNote?: string };

export interface ResultContext {
  now: Date;
  /** When the result was recorded: publication is due `delayDays` after it (a backfill passes the historic time). */
  recordedAt: Date;
  delayDays: number;
}

export type StoreResultOutcome =
  | {
      ok: true;
      outcome: 'created' | 'updated' | 'unchanged';
      id: string;
      status: InspectionResultStatus;
      publishAt: string;
    }
  | { ok: false; kind: ProblemKind; detail: string; errors?: FieldError[] };

const refuse = (kind: ProblemKind, field: string, label: string, message: string): StoreResultOutcome => ({
  ok: false,
  kind,
  detail: `「${label}」(${field})：${message}`,
  errors: [{ field, label, message }],
});

interface EnterpriseRow {
  name: string;
  type: string | null;
  region: string | null;
  legal_representative: string | null;
}

/** Whose personal data the result's texts may hold, and which names must survive redaction. */
function contextOf(ent: EnterpriseRow | undefined, agencyName: string): { ctx: RedactionContext; personName: boolean } {
  const name = ent?.name ?? '';
  const ctx = redactionContext({
    partyName: name,
    partyType: ent?.type === '个体工商户' ? '个体工商户' : '法人及非法人组织',
    legalRepresentative: ent?.legal_representative ?? undefined,
    authorityName: agencyName,
    dataSourceName: agencyName,
  } as Parameters<typeof redactionContext>[0]);
  return { ctx, personName: ent?.type === '个体工商户' && isPersonLikeName(name) };
}

/** Free text is published redacted; what the redactor doubts is masked too (a result does not wait for review). */
const clean = (value: string | undefined, ctx: RedactionContext) =>
  value === undefined ? undefined : redact(value, ctx).text;

const SOURCE_TASK: Record<string, string> = {
  投诉举报: '投诉举报核查',
  上级交办: '上级交办检查',
  专项: '专项检查',
  巡查: '日常巡查',
};

/** 检查任务名称: the campaign of a 专项 task, the month's 双随机 plan, or the agency's kind of inspection. */
export function taskName(
  inspection: Pick<Inspection, 'source' | 'reason' | 'windowStart'>,
  agencyName: string,
): string {
  if (inspection.source === '专项' && inspection.reason) return inspection.reason;
  if (inspection.source === '双随机') {
    const [y, m] = chinaDate(inspection.windowStart).split('-');
    return `${agencyName}${y}年${Number(m)}月“双随机、一公开”抽查`;
  }
  return `${agencyName}${SOURCE_TASK[inspection.source] ?? '检查'}`;
}

/** What a result's public form is built from besides the task and the submission. */
export interface ResultRefs {
  agencyName: string;
  enterprise: EnterpriseRow | undefined;
  items: ReadonlyMap<string, { name: string; field: string | null }>;
}

async function loadRefs(tx: Db, inspection: Inspection, itemCodes: readonly string[]): Promise<ResultRefs> {
  const [agency] = await tx.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [inspection.agencyId]);
  const [enterprise] = await tx.query<EnterpriseRow>(
    `SELECT name, type, region, data->>'legalRepresentative' AS legal_representative FROM enterprises WHERE credit_code = $1`,
    [inspection.enterpriseCreditCode],
  );
  const items = await tx.query<{ code: string; name: string; field: string | null }>(
    `SELECT code, data->>'name' AS name, field FROM inspection_items WHERE code = ANY($1::text[])`,
    [itemCodes],
  );
  return {
    agencyName: agency?.name ?? inspection.agencyId,
    enterprise,
    items: new Map(items.map((i) => [i.code, { name: i.name, field: i.field }])),
  };
}

/** The public form of a result: names of the items, the enterprise as public rules allow, texts redacted. */
function publicForm(
  inspection: Inspection,
  input: Submission,
  meta: { id: string; status: 'published' | 'corrected'; publishedOn: string; createdAt: string; updatedAt: string },
  refs: ResultRefs,
): PublicInspectionResult {
  const { agencyName, enterprise: ent } = refs;
  const field = input.inspectedItemCodes.map((c) => refs.items.get(c)?.field).find((f) => !!f);
  const { ctx, personName } = contextOf(ent, agencyName);
  const pub = {
    id: meta.id,
    inspectionId: inspection.id,
    taskName: redact(taskName(inspection, agencyName), ctx).text,
    source: inspection.source,
    agencyId: inspection.agencyId,
    agencyName,
    enterpriseName: ent ? (personName ? maskPersonName(ent.name) : ent.name) : '（执法对象库中无此名称）',
    enterpriseCreditCode: inspection.enterpriseCreditCode,
    ...(ent?.type ? { enterpriseType: ent.type } : {}),
    ...(ent?.region ? { region: ent.region } : {}),
    ...(field ? { field } : {}),
    items: input.inspectedItemCodes.map((code) => ({ code, name: refs.items.get(code)?.name ?? code })),
    completedOn: input.completedOn,
    result: input.result,
    ...(input.note ? { note: clean(input.note, ctx) } : {}),
    ...(inspection.drawId ? { drawId: inspection.drawId } : {}),
    ...(input.penaltyDecisionNo ? { penaltyDecisionNo: clean(input.penaltyDecisionNo, ctx) } : {}),
    ...(input.correctionNote ? { correctionNote: clean(input.correctionNote, ctx) } : {}),
    status: meta.status,
    publishedOn: meta.publishedOn,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  };
  return PublicInspectionResultSchema.parse(pub);
}

async function keepHistory(tx: Db, id: string, replacedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_result_history (result_id, status, data, restricted, replaced_by)
     SELECT id, status, data, restricted, $2 FROM inspection_results WHERE id = $1`,
    [id, replacedBy],
  );
}

const logChange = (tx: Db, id: string, kind: ChangeKind, reason: string | null, at: Date) =>
  appendChange(tx, { type: 'inspection-result', id, kind, reason, at });

const isPublic = isPublicDisclosureStatus;

/**
 * The one write path of a result (agency ingest and sample content): checks it against the task, stores
 * the public form beside the submission, marks the task completed and, once public, appends to the change
 * log, in the caller's transaction. A new result is scheduled `delayDays` after it was recorded (published
 * at once when that time has passed); sending it again unchanged changes nothing; other content replaces
 * it (history kept) and, once public, is a correction that needs a public correction note.
 */
export async function storeInspectionResult(
  tx: Db,
  inspection: Inspection,
  input: Submission,
  ctx: ResultContext,
): Promise<StoreResultOutcome> {
  const labels = inspectionResultInputLabels;
  const outside = input.inspectedItemCodes.filter((c) => !inspection.itemCodes.includes(c));
  if (outside.length) {
    return refuse(
      'validation-failed',
      'inspectedItemCodes',
      labels.inspectedItemCodes,
      `${outside.join('、')} 不是本次检查任务的检查事项（任务的检查事项：${inspection.itemCodes.join('、')}）`,
    );
  }
  const windowStart = chinaDate(inspection.windowStart);
  if (input.completedOn < windowStart) {
    return refuse(
      'validation-failed',
      'completedOn',
      labels.completedOn,
      `检查完成日期不能早于检查时间窗开始日 ${windowStart}`,
    );
  }
  const today = chinaDate(ctx.now);
  if (input.completedOn > today) {
    return refuse('validation-failed', 'completedOn', labels.completedOn, `检查完成日期不能晚于今天（${today}）`);
  }
  const id = inspectionResultId(inspection.id);
  const [existing] = await tx.query<{
    status: InspectionResultStatus;
    data: PublicInspectionResult;
    publish_at: Date;
  }>('SELECT status, data, publish_at FROM inspection_results WHERE id = $1 FOR UPDATE', [id]);
  if (existing?.status === 'withdrawn') {
    return {
      ok: false,
      kind: 'conflict',
      detail: '该检查结果已撤回，不能通过重新提交恢复公示；如需公开新的结果，请为新的检查任务提交',
    };
  }
  const wasPublic = !!existing && isPublic(existing.status);
  const publishAt = existing
    ? new Date(existing.publish_at)
    : new Date(ctx.recordedAt.getTime() + ctx.delayDays * DAY_MS);
  const status: InspectionResultStatus = wasPublic
    ? 'corrected'
    : publishAt.getTime() <= ctx.now.getTime()
      ? 'published'
      : 'scheduled';
  const nowIso = chinaIso(ctx.now);
  const submission: Submission = { ...input };
  if (!wasPublic) delete submission.correctionNote;
  let pub: PublicInspectionResult;
  try {
    pub = publicForm(
      inspection,
      submission,
      {
        id,
        status: status === 'corrected' ? 'corrected' : 'published',
        publishedOn: existing?.data.publishedOn ?? chinaDate(publishAt),
        createdAt: existing?.data.createdAt ?? nowIso,
        updatedAt: nowIso,
      },
      await loadRefs(tx, inspection, submission.inspectedItemCodes),
    );
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err;
    const errors = fieldErrors(err, inspectionResultFieldLabels);
    return {
      ok: false,
      kind: 'validation-failed',
      detail: `自动脱敏后仍不能公开（${describeFieldErrors(errors)}）`,
      errors,
    };
  }
  const publishAtIso = publishAt.toISOString();
  if (existing) {
    const { correctionNote: _a, status: _s, ...before } = existing.data;
    const { correctionNote: _b, status: _t, ...after } = pub;
    if (sameContent(before as never, after as never)) {
      return { ok: true, outcome: 'unchanged', id, status: existing.status, publishAt: publishAtIso };
    }
    if (wasPublic && !input.correctionNote) {
      return refuse(
        'validation-failed',
        'correctionNote',
        labels.correctionNote,
        '该检查结果已经公开，更正时必须填写更正说明（将在结果页公开）',
      );
    }
    await keepHistory(tx, id, status === 'corrected' ? 'corrected' : 'replaced');
  }
  await tx.query(
    `INSERT INTO inspection_results (id, inspection_id, agency_id, enterprise_credit_code, status, result, source,
       completed_on, publish_at, draw_id, penalty_decision_no, data, restricted, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, result = EXCLUDED.result,
       completed_on = EXCLUDED.completed_on, penalty_decision_no = EXCLUDED.penalty_decision_no,
       data = EXCLUDED.data, restricted = EXCLUDED.restricted, updated_at = EXCLUDED.updated_at`,
    [
      id,
      inspection.id,
      inspection.agencyId,
      inspection.enterpriseCreditCode,
      status,
      input.result,
      inspection.source,
      input.completedOn,
      publishAtIso,
      inspection.drawId ?? null,
      input.penaltyDecisionNo ?? null,
      pub,
      { submission, recordedAt: ctx.recordedAt.toISOString() },
      ctx.now.toISOString(),
    ],
  );
  const { correctionNote: _c, ...completion } = submission;
  await tx.query(
    `UPDATE inspections SET status = 'completed', data = data || $2::jsonb, updated_at = $3 WHERE id = $1`,
    [
      inspection.id,
      JSON.stringify({
        status: 'completed',
        result: completion.result,
        completedOn: completion.completedOn,
        inspectedItemCodes: completion.inspectedItemCodes,
        ...(completion.note ? { resultNote: completion.note } : {}),
        ...(completion.penaltyDecisionNo ? { penaltyDecisionNo: completion.penaltyDecisionNo } : {}),
      }),
      ctx.now.toISOString(),
    ],
  );
  if (status === 'corrected') await logChange(tx, id, 'corrected', null, ctx.now);
  else if (status === 'published') await logChange(tx, id, 'published', null, ctx.now);
  return { ok: true, outcome: existing ? 'updated' : 'created', id, status, publishAt: publishAtIso };
}

/**
 * Sample content: the results of completed tasks (their content records carry them), recorded at 18:00 on
 * the day of completion, so those past the delay are public at once. The same public form and status rules
 * as `storeInspectionResult`, in bulk; results already stored are left as they are.
 */
export async function seedInspectionResults(
  tx: Db,
  inspections: readonly Inspection[],
  now: Date,
  delayDays: number,
): Promise<Record<string, number>> {
  const done = inspections.filter((i) => i.status === 'completed' && i.result && i.completedOn);
  if (!done.length) return {};
  const stored = new Set(
    (
      await tx.query<{ inspection_id: string }>(
        'SELECT inspection_id FROM inspection_results WHERE inspection_id = ANY($1::text[])',
        [done.map((i) => i.id)],
      )
    ).map((r) => r.inspection_id),
  );
  const todo = done.filter((i) => !stored.has(i.id));
  const agencies = new Map(
    (await tx.query<{ id: string; name: string }>('SELECT id, name FROM agencies')).map((a) => [a.id, a.name]),
  );
  const enterprises = new Map(
    (
      await tx.query<EnterpriseRow & { credit_code: string }>(
        `SELECT credit_code, name, type, region, data->>'legalRepresentative' AS legal_representative
         FROM enterprises WHERE credit_code = ANY($1::text[])`,
        [[...new Set(todo.map((i) => i.enterpriseCreditCode))]],
      )
    ).map((e) => [e.credit_code, e]),
  );
  const items = new Map(
    (
      await tx.query<{ code: string; name: string; field: string | null }>(
        `SELECT code, data->>'name' AS name, field FROM inspection_items WHERE code = ANY($1::text[])`,
        [[...new Set(todo.flatMap((i) => i.inspectedItemCodes ?? i.itemCodes))]],
      )
    ).map((i) => [i.code, { name: i.name, field: i.field }]),
  );
  const counts: Record<string, number> = {};
  const rows: unknown[] = [];
  const published: { id: string; publishAt: Date }[] = [];
  for (const inspection of todo) {
    const submission: Submission = {
      result: inspection.result!,
      completedOn: inspection.completedOn!,
      inspectedItemCodes: inspection.inspectedItemCodes ?? inspection.itemCodes,
      ...(inspection.resultNote ? { note: inspection.resultNote } : {}),
      ...(inspection.penaltyDecisionNo ? { penaltyDecisionNo: inspection.penaltyDecisionNo } : {}),
    };
    const recordedAt = chinaInstant(submission.completedOn, '18:00');
    const publishAt = new Date(recordedAt.getTime() + delayDays * DAY_MS);
    const status = publishAt.getTime() <= now.getTime() ? 'published' : 'scheduled';
    const id = inspectionResultId(inspection.id);
    let pub: PublicInspectionResult;
    try {
      pub = publicForm(
        inspection,
        submission,
        {
          id,
          status: 'published',
          publishedOn: chinaDate(publishAt),
          createdAt: chinaIso(recordedAt),
          updatedAt: chinaIso(status === 'published' ? publishAt : recordedAt),
        },
        {
          agencyName: agencies.get(inspection.agencyId) ?? inspection.agencyId,
          enterprise: enterprises.get(inspection.enterpriseCreditCode),
          items,
        },
      );
    } catch (err) {
      if (!(err instanceof z.ZodError)) throw err;
      counts.refused = (counts.refused ?? 0) + 1;
      continue;
    }
    counts[status] = (counts[status] ?? 0) + 1;
    if (status === 'published') published.push({ id, publishAt });
    rows.push({
      id,
      inspection_id: inspection.id,
      agency_id: inspection.agencyId,
      enterprise_credit_code: inspection.enterpriseCreditCode,
      status,
      result: submission.result,
      source: inspection.source,
      completed_on: submission.completedOn,
      publish_at: publishAt.toISOString(),
      draw_id: inspection.drawId ?? null,
      penalty_decision_no: submission.penaltyDecisionNo ?? null,
      data: pub,
      restricted: { submission, recordedAt: recordedAt.toISOString() },
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await tx.query(
      `INSERT INTO inspection_results (id, inspection_id, agency_id, enterprise_credit_code, status, result, source,
         completed_on, publish_at, draw_id, penalty_decision_no, data, restricted, updated_at)
       SELECT e->>'id', e->>'inspection_id', e->>'agency_id', e->>'enterprise_credit_code', e->>'status', e->>'result',
              e->>'source', (e->>'completed_on')::date, (e->>'publish_at')::timestamptz, e->>'draw_id',
              e->>'penalty_decision_no', e->'data', e->'restricted', $2::timestamptz
       FROM jsonb_array_elements($1::jsonb) e
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows.slice(i, i + 500)), now.toISOString()],
    );
  }
  published.sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime() || (a.id < b.id ? -1 : 1));
  await appendChanges(
    tx,
    published.map((p) => ({ type: 'inspection-result', id: p.id, kind: 'published', reason: null, at: now })),
  );
  return counts;
}

/** The inspection task, for its agency only. */
async function ownedInspection(
  tx: Db,
  inspectionId: string,
  agencyId: string,
): Promise<{ ok: true; inspection: Inspection; status: string } | { ok: false; kind: ProblemKind; detail: string }> {
  const [row] = await tx.query<{ agency_id: string; status: string; data: Inspection }>(
    'SELECT agency_id, status, data FROM inspections WHERE id = $1 FOR UPDATE',
    [inspectionId],
  );
  if (!row) return { ok: false, kind: 'not-found', detail: `没有编号为 ${inspectionId} 的检查任务` };
  if (row.agency_id !== agencyId) {
    return { ok: false, kind: 'forbidden', detail: '只能为本机关的检查任务登记或撤回检查结果' };
  }
  return { ok: true, inspection: { ...row.data, id: inspectionId }, status: row.status };
}

/** POST /api/v1/ingest/inspections/{id}/result: an agency records (or corrects) the result of its inspection. */
export async function recordInspectionResult(
  db: Db,
  inspectionId: string,
  agencyId: string,
  raw: unknown,
  opts: { now?: Date; delayDays: number },
): Promise<StoreResultOutcome> {
  const now = opts.now ?? new Date();
  const parsed = InspectionResultInputSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, inspectionResultInputLabels);
    return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
  }
  return db.transaction(async (tx) => {
    const found = await ownedInspection(tx, inspectionId, agencyId);
    if (!found.ok) return found;
    if (found.status === 'cancelled') {
      return { ok: false, kind: 'conflict', detail: '该检查任务已取消（检查证已撤销），没有检查结果' };
    }
    return storeInspectionResult(tx, found.inspection, parsed.data, {
      now,
      recordedAt: now,
      delayDays: opts.delayDays,
    });
  });
}

/** Publishes every scheduled result whose time has come, in the caller's transaction; returns their ids. */
export async function publishDue(tx: Db, now: Date): Promise<string[]> {
  const due = await tx.query<{ id: string; publish_at: Date; data: PublicInspectionResult }>(
    `SELECT id, publish_at, data FROM inspection_results WHERE status = 'scheduled' AND publish_at <= $1
     ORDER BY publish_at, id FOR UPDATE`,
    [now.toISOString()],
  );
  for (const r of due) {
    const data = { ...r.data, status: 'published', publishedOn: chinaDate(now), updatedAt: chinaIso(now) };
    await tx.query(`UPDATE inspection_results SET status = 'published', data = $2, updated_at = $3 WHERE id = $1`, [
      r.id,
      data,
      now.toISOString(),
    ]);
    await logChange(tx, r.id, 'published', null, now);
  }
  return due.map((r) => r.id);
}

/** The scheduled job's step: publishes what is due at `now`. */
export function publishDueResults(db: Db, now: Date): Promise<string[]> {
  return db.transaction((tx) => publishDue(tx, now));
}

export type WithdrawResultOutcome =
  | { ok: true; id: string; status: 'withdrawn'; tombstone: Tombstone }
  | { ok: false; kind: ProblemKind; detail: string; errors?: FieldError[] };

/**
 * Withdraws a result (scheduled or public): a tombstone with the task number, date and the redacted reason
 * replaces it on every public surface; history is kept for supervisors.
 */
export async function withdrawInspectionResult(
  db: Db,
  inspectionId: string,
  agencyId: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<WithdrawResultOutcome> {
  const parsed = InspectionResultWithdrawSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, inspectionResultWithdrawLabels);
    return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
  }
  return db.transaction(async (tx) => {
    const found = await ownedInspection(tx, inspectionId, agencyId);
    if (!found.ok) return found;
    const id = inspectionResultId(inspectionId);
    const [row] = await tx.query<{ status: string }>('SELECT status FROM inspection_results WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    if (!row) return { ok: false, kind: 'not-found', detail: `检查任务 ${inspectionId} 还没有登记检查结果` };
    if (row.status === 'withdrawn') return { ok: false, kind: 'conflict', detail: '该检查结果已经撤回' };
    const [agency] = await tx.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [agencyId]);
    const [ent] = await tx.query<EnterpriseRow>(
      `SELECT name, type, region, data->>'legalRepresentative' AS legal_representative FROM enterprises WHERE credit_code = $1`,
      [found.inspection.enterpriseCreditCode],
    );
    const reason = redact(parsed.data.reason, contextOf(ent, agency?.name ?? agencyId).ctx).text;
    const tombstone = buildTombstone({
      decisionNo: inspectionId,
      status: 'withdrawn',
      reason,
      at: now,
      publicationEnd: null,
    });
    await keepHistory(tx, id, 'withdrawn');
    await tx.query(
      `UPDATE inspection_results SET status = 'withdrawn', tombstone = $2, updated_at = $3 WHERE id = $1`,
      [id, tombstone, now.toISOString()],
    );
    if (isPublic(row.status)) await logChange(tx, id, 'withdrawn', reason, now);
    return { ok: true, id, status: 'withdrawn', tombstone };
  });
}
