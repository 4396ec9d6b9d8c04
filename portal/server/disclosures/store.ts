import { createHash } from 'node:crypto';
import { computePublicationEnd } from '@sunlight/domain/publication-period';
import {
  PublicDisclosureSchema,
  toPublicDisclosure,
  type DisclosureInput,
  type DisclosureRecord,
  type PublicDisclosure,
} from '@sunlight/domain/schemas/disclosure';
import type { PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import type { Db } from '../db/types';
import { maskPersonName, redactText } from './redact';

/** Serialises writers of the change log so its sequence order is commit order. */
export const CHANGE_LOG_LOCK = 7_201_804_119;

/** The stable public id of a decision: the same (agency, decision number) always gets the same id. */
export function disclosureId(agencyId: string, decisionNo: string): string {
  const hash = createHash('sha256').update(`${agencyId}\n${decisionNo}`).digest();
  let n = 0n;
  for (const byte of hash.subarray(0, 10)) n = (n << 8n) | BigInt(byte);
  return `d${n.toString(36).padStart(15, '0').slice(0, 15)}`;
}

export type StoreOutcome =
  | {
      outcome: 'created' | 'updated' | 'unchanged';
      id: string;
      status: DisclosureRecord['status'];
      publicationEndDate: string;
    }
  | { outcome: 'not_published'; id: string; reason: string }
  | { outcome: 'refused'; id: string; reason: string };

export interface Tombstone {
  decisionNo: string;
  status: 'withdrawn' | 'expired';
  date: string;
  withdrawalType?: string;
  reason: string;
}

export interface StoreContext {
  rules: readonly PublicationRule[];
  /** Today in China (YYYY-MM-DD): decides whether the period has already ended. */
  today: string;
  now: Date;
  /** When the decision was first published; defaults to today (backfills pass the historic date). */
  publishedOn?: string;
  /** A public id fixed by trusted content; agency ingest always derives it from the decision number. */
  id?: string;
  /** Set for a correction (更正): the record becomes `corrected` and shows this note. */
  correctionNote?: string;
}

const TEXT_FIELDS = [
  'violationFacts',
  'penaltyContent',
  'penaltyBasis',
  'licenceSuspended',
  'remarks',
  'publicText',
] as const;

/** The public form: restricted fields dropped, natural persons' names masked, personal numbers removed. */
export function toPublicForm(record: DisclosureRecord): PublicDisclosure {
  const pub = toPublicDisclosure(record) as Record<string, unknown>;
  const personNames: string[] = [];
  if (record.partyType !== '法人及非法人组织') personNames.push(record.partyType === '自然人' ? record.partyName : '');
  if (record.legalRepresentative) personNames.push(record.legalRepresentative);
  const ctx = { personNames: personNames.filter(Boolean) };
  if (record.partyType === '自然人') pub.partyName = maskPersonName(record.partyName);
  else pub.partyName = redactText(record.partyName, ctx);
  if (record.legalRepresentative) pub.legalRepresentative = maskPersonName(record.legalRepresentative);
  for (const key of TEXT_FIELDS) {
    const value = pub[key];
    if (typeof value === 'string') pub[key] = redactText(value, ctx);
  }
  return PublicDisclosureSchema.parse(pub);
}

/**
 * The one write path for a decision pushed by an agency (or loaded from content): decides whether and
 * until when it is public, stores the redacted public form beside the restricted original, and appends
 * to the change log in the same transaction. Idempotent on (agency, decision number).
 */
export async function storeDisclosure(tx: Db, input: DisclosureInput, ctx: StoreContext): Promise<StoreOutcome> {
  const id = ctx.id ?? disclosureId(input.agencyId, input.decisionNo);
  const existing = (
    await tx.query<{
      status: string;
      data: PublicDisclosure;
      restricted: { input?: DisclosureInput; publishedOn?: string };
    }>('SELECT status, data, restricted FROM disclosures WHERE id = $1 FOR UPDATE', [id])
  )[0];
  if (existing?.status === 'withdrawn') {
    return {
      outcome: 'refused',
      id,
      reason: '该决定已撤回，不能通过重新推送恢复公示；如重新作出决定，请使用新的决定书文号',
    };
  }
  const publishedOn = existing?.restricted.publishedOn ?? ctx.publishedOn ?? ctx.today;
  const decision = computePublicationEnd(input, ctx.rules, publishedOn);
  const nowIso = ctx.now.toISOString();

  if (!decision.publish) {
    if (existing && (existing.status === 'published' || existing.status === 'corrected')) {
      await withdrawDisclosure(tx, id, { type: '变更', reason: `更新后不再符合公示条件：${decision.reason}` }, ctx.now);
    }
    return { outcome: 'not_published', id, reason: decision.reason };
  }

  const status: DisclosureRecord['status'] =
    decision.endDate < ctx.today
      ? 'expired'
      : ctx.correctionNote || existing?.status === 'corrected'
        ? 'corrected'
        : 'published';
  const record: DisclosureRecord = {
    ...input,
    id,
    status: status === 'expired' ? 'published' : status,
    publishedOn,
    publicationEndDate: decision.endDate,
    publicationRuleId: decision.ruleId,
    createdAt: existing?.data.createdAt ?? nowIso,
    updatedAt: nowIso,
    ...(ctx.correctionNote
      ? { correctionNote: ctx.correctionNote }
      : existing?.data.correctionNote
        ? { correctionNote: existing.data.correctionNote }
        : {}),
  };
  let pub: PublicDisclosure;
  try {
    pub = toPublicForm(record);
  } catch (err) {
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (!issues) throw err;
    const detail = issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；');
    return { outcome: 'refused', id, reason: `自动脱敏后仍不能公开（${detail}）。请在案件系统中处理后重新推送。` };
  }
  const restricted = { input, publishedOn };

  if (existing && sameContent(existing.data, pub) && existing.status === status) {
    return { outcome: 'unchanged', id, status, publicationEndDate: decision.endDate };
  }
  await tx.query(
    `INSERT INTO disclosures (id, agency_id, decision_no, status, decision_date, publication_end, party_credit_code, data, restricted, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, decision_date = EXCLUDED.decision_date,
       publication_end = EXCLUDED.publication_end, party_credit_code = EXCLUDED.party_credit_code,
       data = EXCLUDED.data, restricted = EXCLUDED.restricted, updated_at = EXCLUDED.updated_at`,
    [
      id,
      input.agencyId,
      input.decisionNo,
      status,
      input.decisionDate,
      decision.endDate,
      input.partyCreditCode ?? null,
      pub,
      restricted,
      nowIso,
    ],
  );
  const wasPublic = existing?.status === 'published' || existing?.status === 'corrected';
  if (status !== 'expired') await logChange(tx, id, existing ? 'corrected' : 'published', null, ctx.now);
  else if (wasPublic) await logChange(tx, id, 'expired', '公示期已满', ctx.now);
  return { outcome: existing ? 'updated' : 'created', id, status, publicationEndDate: decision.endDate };
}

function sameContent(a: PublicDisclosure, b: PublicDisclosure): boolean {
  const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: PublicDisclosure) => rest;
  return canonical(strip(a)) === canonical(strip(b));
}

/** JSON with sorted keys: jsonb does not keep key order, so plain stringify cannot compare. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function logChange(
  tx: Db,
  id: string,
  kind: 'published' | 'corrected' | 'withdrawn' | 'expired',
  reason: string | null,
  at: Date,
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  await tx.query('INSERT INTO disclosure_changes (disclosure_id, kind, reason, at) VALUES ($1, $2, $3, $4)', [
    id,
    kind,
    reason,
    at.toISOString(),
  ]);
}

async function keepHistory(tx: Db, id: string, replacedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO disclosure_history (disclosure_id, status, data, restricted, replaced_by)
     SELECT id, status, data, restricted, $2 FROM disclosures WHERE id = $1`,
    [id, replacedBy],
  );
}

/**
 * Takes a record off every public surface: status, public tombstone (number, date, reason only),
 * history for supervisors and a change-log entry, in the caller's transaction.
 */
export async function endPublicLife(
  tx: Db,
  id: string,
  kind: 'withdrawn' | 'expired',
  reason: string,
  at: Date,
  withdrawalType?: string,
): Promise<void> {
  const [row] = await tx.query<{ decision_no: string; status: string; publication_end: string | null }>(
    'SELECT decision_no, status, publication_end FROM disclosures WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row) throw new Error(`disclosure ${id} not found`);
  const wasPublic = row.status === 'published' || row.status === 'corrected';
  await keepHistory(tx, id, kind);
  const date = kind === 'expired' && row.publication_end ? row.publication_end : at.toISOString().slice(0, 10);
  const tombstone: Tombstone = {
    decisionNo: row.decision_no,
    status: kind,
    date,
    reason,
    ...(withdrawalType ? { withdrawalType } : {}),
  };
  await tx.query('UPDATE disclosures SET status = $2, tombstone = $3, updated_at = $4 WHERE id = $1', [
    id,
    kind,
    tombstone,
    at.toISOString(),
  ]);
  if (wasPublic) await logChange(tx, id, kind, reason, at);
}

/** 行政处罚法 Art. 48: a changed, revoked or invalidated decision is withdrawn, with the reason published. */
export async function withdrawDisclosure(
  tx: Db,
  id: string,
  w: { type: string; reason: string },
  at: Date,
): Promise<void> {
  await endPublicLife(tx, id, 'withdrawn', w.reason, at, w.type);
}

/** Moves every public record whose publication period has ended off the public surfaces. */
export async function expireDue(db: Db, today: string, now: Date = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string }>(
      `SELECT id FROM disclosures WHERE status IN ('published', 'corrected') AND publication_end < $1 ORDER BY publication_end, id`,
      [today],
    );
    for (const { id } of due) await endPublicLife(tx, id, 'expired', '公示期已满', now);
    return due.map((r) => r.id);
  });
}
