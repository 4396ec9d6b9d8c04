import { z } from 'zod';
import { WITHDRAWAL_TYPES, disclosureFieldLabels } from '@sunlight/domain/schemas/disclosure';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import { storeDisclosure, withdrawDisclosure, type StoreOutcome } from '../disclosures/store';
import { checkRecord, publicationRules } from './disclosures';
import { describeFieldErrors, fieldErrors, type FieldError } from './validation';

export const WithdrawRequestSchema = z.strictObject({
  type: z.enum(WITHDRAWAL_TYPES, { error: `撤回类型应为以下之一：${WITHDRAWAL_TYPES.join('、')}` }),
  reason: z
    .string({ error: '必须写明撤回理由，它将与决定书文号一起公开' })
    .trim()
    .min(4, '撤回理由至少4个字，说明决定被变更、撤销或确认违法/无效的依据')
    .max(500, '撤回理由最多500字'),
});

const withdrawLabels = { type: '撤回类型', reason: '撤回理由' };

export type AmendResult =
  | { ok: true; status: number; body: Record<string, unknown> }
  | {
      ok: false;
      kind: 'not-found' | 'forbidden' | 'conflict' | 'validation-failed';
      detail: string;
      errors?: FieldError[];
    };

async function owned(db: Db, id: string, agencyId: string) {
  const [row] = await db.query<{ agency_id: string; status: string; decision_no: string }>(
    'SELECT agency_id, status, decision_no FROM disclosures WHERE id = $1',
    [id],
  );
  if (!row) return { ok: false as const, kind: 'not-found' as const, detail: `没有编号为 ${id} 的处罚决定` };
  if (row.agency_id !== agencyId)
    return { ok: false as const, kind: 'forbidden' as const, detail: '只能撤回或更正本机关推送的决定' };
  return { ok: true as const, row };
}

export async function withdraw(
  db: Db,
  id: string,
  agencyId: string,
  body: unknown,
  now = new Date(),
): Promise<AmendResult> {
  const parsed = WithdrawRequestSchema.safeParse(body);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, withdrawLabels);
    return {
      ok: false,
      kind: 'validation-failed',
      detail: describeFieldErrors(errors),
      errors,
    };
  }
  const found = await owned(db, id, agencyId);
  if (!found.ok) return found;
  if (found.row.status === 'withdrawn') return { ok: false, kind: 'conflict', detail: '该决定已经撤回' };
  await db.transaction((tx) => withdrawDisclosure(tx, id, parsed.data, now));
  const [row] = await db.query<{ tombstone: unknown }>('SELECT tombstone FROM disclosures WHERE id = $1', [id]);
  return { ok: true, status: 200, body: { id, status: 'withdrawn', tombstone: row?.tombstone } };
}

export async function correct(
  db: Db,
  id: string,
  agencyId: string,
  body: unknown,
  siteUrl: string,
  now = new Date(),
): Promise<AmendResult> {
  const found = await owned(db, id, agencyId);
  if (!found.ok) return found;
  const { correctionNote, ...record } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof correctionNote !== 'string' || correctionNote.trim().length < 4) {
    errors.push({
      field: 'correctionNote',
      label: disclosureFieldLabels.correctionNote,
      message: '必须填写更正说明（至少4个字），它将在记录页公开',
    });
  }
  const checked = checkRecord(record, agencyId);
  if (!checked.ok) errors.push(...checked.errors);
  else if (checked.input.decisionNo !== found.row.decision_no) {
    errors.push({
      field: 'decisionNo',
      label: disclosureFieldLabels.decisionNo,
      message: `更正不能改变决定书文号（应为 ${found.row.decision_no}）；文号有误请撤回后以正确文号重新推送`,
    });
  }
  if (errors.length || !checked.ok)
    return {
      ok: false,
      kind: 'validation-failed',
      detail: describeFieldErrors(errors),
      errors,
    };
  if (found.row.status === 'withdrawn') return { ok: false, kind: 'conflict', detail: '该决定已经撤回，不能更正' };
  const rules = await publicationRules(db);
  const out: StoreOutcome = await db.transaction((tx) =>
    storeDisclosure(tx, checked.input, {
      rules,
      today: todayInChina(now.getTime()),
      now,
      id,
      correctionNote: (correctionNote as string).trim(),
    }),
  );
  if (out.outcome === 'refused') return { ok: false, kind: 'conflict', detail: out.reason };
  return {
    ok: true,
    status: out.outcome === 'held' ? 202 : 200,
    body: { ...out, url: `${siteUrl}/disclosures/${id}` },
  };
}
