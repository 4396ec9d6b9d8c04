import { z } from 'zod';
import { describeFieldErrors, fieldErrors } from '@sunlight/domain/errors';
import { permitId } from '@sunlight/domain/permit-id';
import {
  permitFieldLabels,
  permitStatusLabels,
  PublicPermitSchema,
  toPublicPermit,
  type PermitInput,
  type PermitRecord,
  type PermitWithdrawalType,
  type PublicPermit,
} from '@sunlight/domain/schemas/permit';
import { isPublicDisclosureStatus, type DisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import type { Db } from '../db/types';
import { maskPersonName, redact, redactText } from '../disclosures/redact';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import { redactionContext, sameContent, type ReviewDoubt } from '../disclosures/store';
import { appendChange } from '../records/change-log';
import { buildPermitTombstone, type PermitTombstoneData } from './tombstone';

export { permitId };

export type PermitOutcome =
  | {
      outcome: 'created' | 'updated' | 'unchanged';
      id: string;
      status: DisclosureStatus;
      validUntil: string;
      /** Fields where the redactor masked text it could not classify (masked, never published as written). */
      masked?: ReviewDoubt[];
    }
  | { outcome: 'not_published'; id: string; reason: string }
  | { outcome: 'refused'; id: string; reason: string };

export interface PermitStoreContext {
  /** Today in China (YYYY-MM-DD): a permit past its 有效期至 is not public. */
  today: string;
  now: Date;
  /** When the permit was first published; defaults to today (content loads pass the historic date). */
  publishedOn?: string;
  /** Set for a correction (更正): the record becomes `corrected` and shows this note. */
  correctionNote?: string;
}

/** Codes, dates and enumerations checked by the schema: nothing personal can hide there. */
const CHECKED_FIELDS = new Set([
  'partyType',
  'partyCreditCode',
  'partyCreditCodeFlag',
  'decisionNo',
  'licenceNo',
  'permitCategory',
  'decisionDate',
  'validFrom',
  'validUntil',
  'currentState',
  'authorityCreditCode',
  'dataSourceCreditCode',
  'agencyId',
  'field',
  'id',
  'status',
  'publishedOn',
  'createdAt',
  'updatedAt',
  'partyName',
  'legalRepresentative',
]);
/** Registration numbers: public for a business, but an individual's ID number is sometimes typed here. */
const IDENTIFIER_FIELDS = new Set(['partyRegNo', 'partyOrgCode', 'partyTaxNo', 'partyInstitutionNo']);

/**
 * The public form of a permit through the penalties' one redaction pipeline: restricted fields dropped,
 * natural persons as 姓+某, numbers and names masked. Where the redactor doubts, the doubtful span is
 * masked too (a permit is public while valid: it is published masked rather than held), and reported.
 */
export function toPublicPermitForm(record: PermitRecord): { pub: PublicPermit; masked: ReviewDoubt[] } {
  const pub = toPublicPermit(record);
  const ctx = redactionContext(record);
  const masked: ReviewDoubt[] = [];
  const partyIsPerson = ctx.personNames.includes(record.partyName);
  pub.partyName = partyIsPerson ? maskPersonName(record.partyName) : redactText(record.partyName, ctx);
  if (record.legalRepresentative) pub.legalRepresentative = maskPersonName(record.legalRepresentative);
  for (const [key, value] of Object.entries(pub)) {
    if (typeof value !== 'string' || CHECKED_FIELDS.has(key)) continue;
    const r = redact(value, ctx);
    if (IDENTIFIER_FIELDS.has(key)) {
      if (r.text !== value) delete pub[key];
      continue;
    }
    pub[key] = r.text;
    const label = (permitFieldLabels as Record<string, string>)[key] ?? key;
    for (const reason of r.doubts) masked.push({ field: key, label, reason });
  }
  return { pub: PublicPermitSchema.parse(pub), masked };
}

function logChange(tx: Db, id: string, kind: DisclosureStatus, reason: string | null, at: Date): Promise<void> {
  return appendChange(tx, { type: 'permit', id, kind, reason, at });
}

async function keepHistory(tx: Db, id: string, replacedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO permit_history (permit_id, status, data, restricted, replaced_by)
     SELECT id, status, data, restricted, $2 FROM permits WHERE id = $1`,
    [id, replacedBy],
  );
}

interface ExistingRow {
  status: string;
  data: PublicPermit;
  restricted: { input?: PermitInput; publishedOn?: string };
}

/**
 * The one write path for a permit pushed by an agency (or loaded from content): stores the redacted public
 * form beside the restricted original and appends to the change log in the same transaction. Idempotent on
 * (agency, 文书号): the same input again is `unchanged`; changed content is `corrected`, the earlier state
 * kept in history. A permit that is 无效 or past 有效期至 is not public.
 */
export async function storePermit(tx: Db, input: PermitInput, ctx: PermitStoreContext): Promise<PermitOutcome> {
  const id = permitId(input.agencyId, input.decisionNo);
  const existing = (
    await tx.query<ExistingRow>('SELECT status, data, restricted FROM permits WHERE id = $1 FOR UPDATE', [id])
  )[0];
  if (existing?.status === 'withdrawn') {
    return {
      outcome: 'refused',
      id,
      reason: '该行政许可已撤销、撤回或注销，不能通过重新推送恢复公示；如重新作出许可，请使用新的决定文书号',
    };
  }
  const wasPublic = !!existing && isPublicDisclosureStatus(existing.status);
  if (input.currentState === '无效') {
    if (wasPublic) {
      await endPermitLife(tx, id, 'withdrawn', '许可机关报告该许可当前状态为无效', ctx.now, '变更');
    }
    return { outcome: 'not_published', id, reason: '当前状态为“无效”的许可不予公示' };
  }
  const publishedOn = existing?.restricted.publishedOn ?? ctx.publishedOn ?? ctx.today;
  const nowIso = ctx.now.toISOString();
  const expired = input.validUntil < ctx.today;
  const changed = (pub: PublicPermit) => !!existing && !sameContent(existing.data, pub);
  const record: PermitRecord = {
    ...input,
    id,
    status: 'published',
    publishedOn: publishedOn < input.decisionDate ? input.decisionDate : publishedOn,
    createdAt: existing?.data.createdAt ?? nowIso,
    updatedAt: nowIso,
    ...(ctx.correctionNote
      ? { correctionNote: ctx.correctionNote }
      : existing?.data.correctionNote
        ? { correctionNote: existing.data.correctionNote }
        : {}),
  };
  let pub: PublicPermit;
  let masked: ReviewDoubt[];
  try {
    ({ pub, masked } = toPublicPermitForm(record));
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err;
    const detail = describeFieldErrors(fieldErrors(err, permitFieldLabels));
    return { outcome: 'refused', id, reason: `自动脱敏后仍不能公开（${detail}）。请在许可系统中处理后重新推送。` };
  }
  const wasCorrected = existing?.status === 'corrected';
  const status: DisclosureStatus = expired
    ? 'expired'
    : ctx.correctionNote || wasCorrected || changed(pub)
      ? 'corrected'
      : 'published';
  pub = { ...pub, status: status === 'expired' ? 'published' : status } as PublicPermit;
  const report = masked.length ? { masked } : {};
  if (existing && sameContent(existing.data, pub) && existing.status === status) {
    return { outcome: 'unchanged', id, status, validUntil: input.validUntil, ...report };
  }
  if (existing) await keepHistory(tx, id, status === 'expired' ? 'expired' : 'corrected');
  const tombstone: PermitTombstoneData | null = expired
    ? buildPermitTombstone({
        decisionNo: input.decisionNo,
        status: 'expired',
        reason: permitStatusLabels.expired,
        at: ctx.now,
        validUntil: input.validUntil,
      })
    : null;
  await tx.query(
    `INSERT INTO permits (id, agency_id, decision_no, status, permit_category, decision_date, valid_until,
                          party_credit_code, data, restricted, tombstone, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, permit_category = EXCLUDED.permit_category,
       decision_date = EXCLUDED.decision_date, valid_until = EXCLUDED.valid_until,
       party_credit_code = EXCLUDED.party_credit_code, data = EXCLUDED.data, restricted = EXCLUDED.restricted,
       tombstone = EXCLUDED.tombstone, updated_at = EXCLUDED.updated_at`,
    [
      id,
      input.agencyId,
      input.decisionNo,
      status,
      input.permitCategory,
      input.decisionDate,
      input.validUntil,
      input.partyCreditCode ?? null,
      pub,
      { input, publishedOn },
      tombstone,
      nowIso,
    ],
  );
  if (status !== 'expired') await logChange(tx, id, existing ? 'corrected' : 'published', null, ctx.now);
  else if (wasPublic) await logChange(tx, id, 'expired', permitStatusLabels.expired, ctx.now);
  return { outcome: existing ? 'updated' : 'created', id, status, validUntil: input.validUntil, ...report };
}

/**
 * Takes a permit off every public surface: status, public tombstone (number, date, reason only), history
 * for supervisors and a change-log entry, in the caller's transaction.
 */
export async function endPermitLife(
  tx: Db,
  id: string,
  kind: 'withdrawn' | 'expired',
  reason: string,
  at: Date,
  withdrawalType?: PermitWithdrawalType,
): Promise<void> {
  const [row] = await tx.query<{
    decision_no: string;
    status: string;
    valid_until: string | Date;
    restricted: { input?: PermitInput };
  }>('SELECT decision_no, status, valid_until, restricted FROM permits WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw new Error(`permit ${id} not found`);
  // The reason is published: through the same redaction as the record, doubts masked.
  const published = redact(reason, row.restricted.input ? redactionContext(row.restricted.input) : { personNames: [] });
  const validUntil =
    row.valid_until instanceof Date ? row.valid_until.toISOString().slice(0, 10) : String(row.valid_until).slice(0, 10);
  const wasPublic = isPublicDisclosureStatus(row.status);
  await keepHistory(tx, id, kind);
  const tombstone = buildPermitTombstone({
    decisionNo: row.decision_no,
    status: kind,
    reason: published.text,
    at,
    validUntil,
    withdrawalType,
  });
  await tx.query('UPDATE permits SET status = $2, tombstone = $3, updated_at = $4 WHERE id = $1', [
    id,
    kind,
    tombstone,
    at.toISOString(),
  ]);
  if (wasPublic) await logChange(tx, id, kind, published.text, at);
}

/** Moves every public permit whose 有效期至 has passed off the public surfaces. */
export async function expirePermitsDue(db: Db, today: string, now: Date = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string }>(
      `SELECT id FROM permits WHERE status IN ${PUBLIC_STATUS_SQL} AND valid_until < $1 ORDER BY valid_until, id`,
      [today],
    );
    for (const { id } of due) await endPermitLife(tx, id, 'expired', permitStatusLabels.expired, now);
    return due.map((r) => r.id);
  });
}
