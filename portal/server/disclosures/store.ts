import { createHash } from 'node:crypto';
import { z } from 'zod';
import { describeFieldErrors, fieldErrors } from '@sunlight/domain/errors';
import { computePublicationEnd } from '@sunlight/domain/publication-period';
import {
  disclosureFieldLabels,
  disclosureStatusLabels,
  isPublicDisclosureStatus,
  PublicDisclosureSchema,
  toPublicDisclosure,
  type DisclosureInput,
  type DisclosureRecord,
  type DisclosureStatus,
  type PublicDisclosure,
  type Withdrawal,
} from '@sunlight/domain/schemas/disclosure';
import type { PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import type { Db } from '../db/types';
import { appendChange } from '../records/change-log';
import { maskPersonName, redact, redactText, type RedactionContext } from './redact';
import { PUBLIC_STATUS_SQL } from './status-sql';
import { buildTombstone, type Tombstone } from './tombstone';

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
  | { outcome: 'held'; id: string; review: ReviewDoubt[]; reason: string }
  | { outcome: 'refused'; id: string; reason: string };

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
  /** Fields a reviewer released: their remaining doubts were checked by a person. */
  vouched?: ReadonlySet<string>;
}

/** Fields whose values are codes, dates or enumerations checked by the schema: nothing personal can hide there. */
const CHECKED_FIELDS = new Set([
  'partyType',
  'partyCreditCode',
  'partyCreditCodeFlag',
  'decisionNo',
  'decisionDate',
  'penaltyValidUntil',
  'publicityEndDate',
  'authorityCreditCode',
  'dataSourceCreditCode',
  'agencyId',
  'field',
  'procedure',
  'id',
  'status',
  'publishedOn',
  'publicationEndDate',
  'publicationRuleId',
  'createdAt',
  'updatedAt',
  'discretionItemId',
  'partyName',
  'legalRepresentative',
]);
/** Registration numbers: public for a business, but an individual's ID number is sometimes typed here. */
const IDENTIFIER_FIELDS = new Set(['partyRegNo', 'partyOrgCode', 'partyTaxNo', 'partyInstitutionNo']);

/** 个体工商户 registered without a trade name carry the operator's own name: that name is a person's. */
const BUSINESS_WORD =
  /(店|行|部|厂|馆|社|坊|铺|摊|场|站|所|中心|公司|超市|商城|诊所|药房|餐厅|饭庄|酒楼|酒家|食府|工作室|经营|门市|批发|零售|加工|维修|养殖|种植|农庄|农场|家庭农场)/;
export function isPersonLikeName(name: string): boolean {
  const n = name.replace(/[\s\u3000·•]/g, '');
  return /^[\u4e00-\u9fff]{2,4}$/.test(n) && !BUSINESS_WORD.test(n);
}

export interface ReviewDoubt {
  field: string;
  label: string;
  reason: string;
}

/** Who is a natural person in this record, and which organisation names must survive redaction. */
export function redactionContext(
  record: Pick<DisclosureInput, 'partyName' | 'partyType' | 'legalRepresentative' | 'authorityName' | 'dataSourceName'>,
): RedactionContext {
  const partyIsPerson =
    record.partyType === '自然人' || (record.partyType === '个体工商户' && isPersonLikeName(record.partyName));
  return {
    personNames: [partyIsPerson ? record.partyName : '', record.legalRepresentative ?? ''].filter(Boolean),
    protect: [partyIsPerson ? '' : record.partyName, record.authorityName, record.dataSourceName].filter(Boolean),
  };
}

/**
 * The public form: restricted fields dropped, and every other string field through the one redaction
 * pipeline. `doubts` lists what the redactor could not decide (the record is then held for review);
 * doubts in fields listed in `vouched` were accepted by a reviewer.
 */
export function toPublicForm(
  record: DisclosureRecord,
  vouched: ReadonlySet<string> = new Set(),
): { pub: PublicDisclosure; doubts: ReviewDoubt[] } {
  const pub = toPublicDisclosure(record) as Record<string, unknown>;
  const ctx = redactionContext(record);
  const doubts: ReviewDoubt[] = [];
  const partyIsPerson = ctx.personNames.includes(record.partyName);
  pub.partyName = partyIsPerson ? maskPersonName(record.partyName) : redactText(record.partyName, ctx);
  if (record.legalRepresentative) pub.legalRepresentative = maskPersonName(record.legalRepresentative);
  for (const [key, value] of Object.entries(pub)) {
    if (typeof value !== 'string' || CHECKED_FIELDS.has(key)) continue;
    const r = redact(value, ctx, vouched.has(key));
    if (IDENTIFIER_FIELDS.has(key)) {
      // A code is public as a whole or not at all: one that holds personal data is left out.
      if (r.text !== value && !(r.doubts.length && /^〔号码已隐去〕$/.test(r.text))) delete pub[key];
      continue;
    }
    pub[key] = r.text;
    if (!vouched.has(key)) {
      const label = (disclosureFieldLabels as Record<string, string>)[key] ?? key;
      for (const reason of r.doubts) doubts.push({ field: key, label, reason });
    }
  }
  return { pub: PublicDisclosureSchema.parse(pub), doubts };
}

/**
 * The `disclosures` columns storeDisclosure writes, in the order of its values (bench/lib/scale-rows.ts
 * COPYs the same, then created_at and tombstone).
 */
export const STORED_DISCLOSURE_COLUMNS = [
  'id',
  'agency_id',
  'decision_no',
  'status',
  'decision_date',
  'publication_end',
  'party_credit_code',
  'data',
  'restricted',
  'updated_at',
] as const;

/** One row's values in the order of STORED_DISCLOSURE_COLUMNS. */
export function storedDisclosureValues(r: {
  id: string;
  input: DisclosureInput;
  status: string;
  publicationEnd: string | null;
  pub: object;
  restricted: object;
  updatedAt: string;
}): (string | object | null)[] {
  const { input } = r;
  return [
    r.id,
    input.agencyId,
    input.decisionNo,
    r.status,
    input.decisionDate,
    r.publicationEnd,
    input.partyCreditCode ?? null,
    r.pub,
    r.restricted,
    r.updatedAt,
  ];
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
    if (existing && isPublicDisclosureStatus(existing.status)) {
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
  let doubts: ReviewDoubt[];
  try {
    ({ pub, doubts } = toPublicForm(record, ctx.vouched));
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err;
    const detail = describeFieldErrors(fieldErrors(err, disclosureFieldLabels));
    return { outcome: 'refused', id, reason: `自动脱敏后仍不能公开（${detail}）。请在案件系统中处理后重新推送。` };
  }
  if (doubts.length) {
    await holdForReview(
      tx,
      id,
      input,
      { publishedOn, correctionNote: ctx.correctionNote ?? null },
      doubts,
      pub,
      ctx.now,
    );
    return {
      outcome: 'held',
      id,
      review: doubts,
      reason: `自动脱敏不能确定以下内容是否为个人信息，记录暂不公开，待本机关或司法局审核后发布：${doubts
        .map((d) => `${d.label}（${d.field}）：${d.reason}`)
        .join('；')}`,
    };
  }
  await tx.query('DELETE FROM disclosure_reviews WHERE disclosure_id = $1', [id]);
  const restricted = { input, publishedOn };

  if (existing && sameContent(existing.data, pub) && existing.status === status) {
    return { outcome: 'unchanged', id, status, publicationEndDate: decision.endDate };
  }
  await tx.query(
    `INSERT INTO disclosures (${STORED_DISCLOSURE_COLUMNS.join(', ')})
     VALUES (${STORED_DISCLOSURE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, decision_date = EXCLUDED.decision_date,
       publication_end = EXCLUDED.publication_end, party_credit_code = EXCLUDED.party_credit_code,
       data = EXCLUDED.data, restricted = EXCLUDED.restricted, updated_at = EXCLUDED.updated_at`,
    storedDisclosureValues({
      id,
      input,
      status,
      publicationEnd: decision.endDate,
      pub,
      restricted,
      updatedAt: nowIso,
    }),
  );
  const wasPublic = !!existing && isPublicDisclosureStatus(existing.status);
  if (status !== 'expired') await logChange(tx, id, existing ? 'corrected' : 'published', null, ctx.now);
  else if (wasPublic) await logChange(tx, id, 'expired', disclosureStatusLabels.expired, ctx.now);
  return { outcome: existing ? 'updated' : 'created', id, status, publicationEndDate: decision.endDate };
}

/** Files a decision for 脱敏复核 (or refiles it with the latest input and doubts). */
export async function holdForReview(
  tx: Db,
  id: string,
  input: DisclosureInput,
  context: { publishedOn?: string; correctionNote: string | null },
  doubts: ReviewDoubt[],
  preview: PublicDisclosure,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO disclosure_reviews (disclosure_id, agency_id, decision_no, input, context, doubts, preview, held_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (disclosure_id) DO UPDATE SET input = EXCLUDED.input, context = EXCLUDED.context,
       doubts = EXCLUDED.doubts, preview = EXCLUDED.preview, held_at = EXCLUDED.held_at`,
    [id, input.agencyId, input.decisionNo, input, context, JSON.stringify(doubts), preview, now.toISOString()],
  );
}

/** Equal public forms, timestamps aside (any record type's public form). */
export function sameContent<T extends { createdAt: string; updatedAt: string }>(a: T, b: T): boolean {
  const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;
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

export function logChange(tx: Db, id: string, kind: DisclosureStatus, reason: string | null, at: Date): Promise<void> {
  return appendChange(tx, { type: 'penalty', id, kind, reason, at });
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
  kind: Tombstone['status'],
  reason: string,
  at: Date,
  withdrawalType?: Tombstone['withdrawalType'],
): Promise<void> {
  const [row] = await tx.query<{
    decision_no: string;
    status: string;
    publication_end: string | null;
    restricted: { input?: DisclosureInput };
  }>('SELECT decision_no, status, publication_end, restricted FROM disclosures WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw new Error(`disclosure ${id} not found`);
  // The reason is published: it goes through the same redaction as the record. What the redactor
  // doubts is masked too (a withdrawal cannot wait for a review; hiding errs on the safe side).
  if (row.restricted.input) reason = redact(reason, redactionContext(row.restricted.input)).text;
  else reason = redact(reason, { personNames: [] }).text;
  const wasPublic = isPublicDisclosureStatus(row.status);
  await keepHistory(tx, id, kind);
  const tombstone = buildTombstone({
    decisionNo: row.decision_no,
    status: kind,
    reason,
    at,
    publicationEnd: row.publication_end,
    withdrawalType,
  });
  await tx.query('DELETE FROM disclosure_reviews WHERE disclosure_id = $1', [id]);
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
  w: Pick<Withdrawal, 'type' | 'reason'>,
  at: Date,
): Promise<void> {
  await endPublicLife(tx, id, 'withdrawn', w.reason, at, w.type);
}

/** Moves every public record whose publication period has ended off the public surfaces. */
export async function expireDue(db: Db, today: string, now: Date = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string }>(
      `SELECT id FROM disclosures WHERE status IN ${PUBLIC_STATUS_SQL} AND publication_end < $1 ORDER BY publication_end, id`,
      [today],
    );
    for (const { id } of due) await endPublicLife(tx, id, 'expired', disclosureStatusLabels.expired, now);
    return due.map((r) => r.id);
  });
}
