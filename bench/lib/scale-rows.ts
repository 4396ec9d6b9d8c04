/**
 * A generated disclosure as the rows the portal would hold for it, in COPY text format: the
 * `disclosures` row (redacted public form in `data`, the original input in `restricted`, a tombstone
 * once it is withdrawn or expired), one `record_changes` event, and the `enterprises` row when the
 * record introduces an enterprise. The same decisions `storeDisclosure`, `endPublicLife` and
 * `expireDue` take, without a round trip per record.
 */
import { computePublicationEnd } from '@sunlight/domain/publication-period';
import {
  disclosureStatusLabels,
  type DisclosureInput,
  type DisclosureRecord,
} from '@sunlight/domain/schemas/disclosure';
import type { PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import { makeCreditCode } from '@sunlight/domain/validators/credit-code';
import type { GeneratedDisclosure } from '../../content/generator/stream.ts';
import { redact } from '../../portal/server/disclosures/redact.ts';
import {
  disclosureId,
  redactionContext,
  STORED_DISCLOSURE_COLUMNS,
  storedDisclosureValues,
  toPublicForm,
} from '../../portal/server/disclosures/store.ts';
import { buildTombstone, type Tombstone } from '../../portal/server/disclosures/tombstone.ts';
import { copyText } from './pg.ts';

/** What storeDisclosure writes, then what it leaves to defaults (created_at) and to endPublicLife (tombstone). */
export const DISCLOSURE_COLUMNS = [...STORED_DISCLOSURE_COLUMNS, 'created_at', 'tombstone'].join(', ');
export const CHANGE_COLUMNS = 'record_type, record_id, kind, reason, at';
export const ENTERPRISE_COLUMNS = 'credit_code, name, type, region, data';

export interface ScaleRow {
  id: string;
  decisionNo: string;
  agencyId: string;
  creditCode: string | null;
  decisionDate: string;
  status: DisclosureRecord['status'];
  disclosure: string;
  change: string;
  enterprise: string | null;
}

/** Why the portal would not store a generated record in `disclosures`. */
export type Skipped = { skipped: 'not_published' | 'held_for_review' | 'refused' };

const line = (values: (string | null)[]) => `${values.map(copyText).join('\t')}\n`;

/**
 * `step` numbers the loading step: each step is its own generator stream, whose decision serials start
 * at 1 again (as do the seeded sample's), so its serials become <step><serial in 6 digits> (0012 → 1000012
 * in step 1) to stay unique per agency, as (agency_id, decision_no) must.
 */
export function scaleRow(
  item: GeneratedDisclosure,
  step: number,
  rules: readonly PublicationRule[],
): ScaleRow | Skipped {
  const {
    id: _id,
    status,
    publishedOn,
    publicationEndDate: _end,
    publicationRuleId: _rule,
    createdAt,
    updatedAt,
    withdrawal,
    correctionNote,
    ...rest
  } = item.disclosure;
  const input: DisclosureInput = {
    ...rest,
    decisionNo: rest.decisionNo.replace(/〕(\d+)号$/, (_, serial: string) => `〕${step}${serial.padStart(6, '0')}号`),
  };
  const decision = computePublicationEnd(input, rules, publishedOn);
  if (!decision.publish) return { skipped: 'not_published' };
  const id = disclosureId(input.agencyId, input.decisionNo);
  const record: DisclosureRecord = {
    ...input,
    id,
    status: status === 'corrected' ? 'corrected' : 'published',
    publishedOn,
    publicationEndDate: decision.endDate,
    publicationRuleId: decision.ruleId,
    createdAt,
    updatedAt,
    ...(status === 'corrected' && correctionNote ? { correctionNote } : {}),
  };
  let pub;
  try {
    const form = toPublicForm(record);
    if (form.doubts.length) return { skipped: 'held_for_review' };
    pub = form.pub;
  } catch {
    return { skipped: 'refused' };
  }
  let tombstone: Tombstone | null = null;
  let at = updatedAt;
  if (status === 'withdrawn' && withdrawal) {
    at = withdrawal.at;
    tombstone = buildTombstone({
      decisionNo: input.decisionNo,
      status: 'withdrawn',
      reason: redact(withdrawal.reason, redactionContext(input)).text,
      at: new Date(withdrawal.at),
      publicationEnd: decision.endDate,
      withdrawalType: withdrawal.type,
    });
  } else if (status === 'expired') {
    at = `${decision.endDate}T00:05:00+08:00`;
    tombstone = buildTombstone({
      decisionNo: input.decisionNo,
      status: 'expired',
      reason: disclosureStatusLabels.expired,
      at: new Date(at),
      publicationEnd: decision.endDate,
    });
  }
  const e = item.enterprise;
  return {
    id,
    decisionNo: input.decisionNo,
    agencyId: input.agencyId,
    creditCode: input.partyCreditCode ?? null,
    decisionDate: input.decisionDate,
    status,
    disclosure: line([
      ...storedDisclosureValues({
        id,
        input,
        status,
        publicationEnd: decision.endDate,
        pub,
        restricted: { input, publishedOn },
        updatedAt,
      }).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)),
      createdAt,
      tombstone ? JSON.stringify(tombstone) : null,
    ]),
    change: line(['penalty', id, status, tombstone?.reason ?? null, at]),
    enterprise: e ? line([e.creditCode, e.name, e.type, e.region, JSON.stringify(e)]) : null,
  };
}

/**
 * The `k`-th copy (1–9) of a stored row, for sizes past what the generator makes in reasonable time: the same
 * text under its own decision number (serial <step><k><serial>), id and party. The party's credit code moves to
 * another division (6th digit of the division code + k, check character recomputed), with its own enterprise
 * row, so records per enterprise stay what the generator makes while agencies and dates repeat.
 */
export function copyRow(row: ScaleRow, k: number): ScaleRow {
  const decisionNo = row.decisionNo.replace(
    /〕(\d)(\d{6})号$/,
    (_, step: string, serial: string) => `〕${step}${k}${serial}号`,
  );
  if (decisionNo === row.decisionNo) throw new Error(`copyRow: ${row.decisionNo} is not <step><6-digit serial>`);
  const id = disclosureId(row.agencyId, decisionNo);
  const code = row.creditCode;
  const newCode = code && /^[0-9A-Z]{18}$/.test(code) ? movedCode(code, k) : code;
  const swap = (text: string) => {
    let out = text.replaceAll(row.decisionNo, decisionNo).replaceAll(row.id, id);
    if (code && newCode) out = out.replaceAll(code, newCode);
    return out;
  };
  return {
    ...row,
    id,
    decisionNo,
    creditCode: newCode,
    disclosure: swap(row.disclosure),
    change: swap(row.change),
    enterprise: row.enterprise && code && newCode ? row.enterprise.replaceAll(code, newCode) : row.enterprise,
  };
}

function movedCode(code: string, k: number): string {
  const digit = Number(code[7]);
  if (!Number.isInteger(digit)) return code;
  return makeCreditCode(`${code.slice(0, 7)}${(digit + k) % 10}${code.slice(8, 17)}`);
}
