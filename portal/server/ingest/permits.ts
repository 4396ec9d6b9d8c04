import { z } from 'zod';
import {
  fromXkCodes,
  PERMIT_WITHDRAWAL_TYPES,
  permitFieldLabels,
  PermitInputSchema,
  type PermitInput,
} from '@sunlight/domain/schemas/permit';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import { endPermitLife, permitId, storePermit, type PermitOutcome } from '../permits/store';
import type { AmendResult } from './amend';
import { describeFieldErrors, fieldErrors, type FieldError } from './validation';

export type PermitLineResult =
  | ({ line: number; ok: true } & PermitOutcome & { url: string })
  | { line: number; ok: false; decisionNo?: string; errors: FieldError[] };

/**
 * Validates one pushed permit for the agency the token speaks for. Accepts Sunlight's field names or the
 * national XK_* item codes (XK_XDR_MC, XK_WSH, …) with agencyId and field beside them.
 */
export function checkPermit(
  value: unknown,
  agencyId: string,
): { ok: true; input: PermitInput } | { ok: false; errors: FieldError[] } {
  const res = PermitInputSchema.safeParse(fromXkCodes(value));
  if (!res.success) return { ok: false, errors: fieldErrors(res.error, permitFieldLabels) };
  if (res.data.agencyId !== agencyId) {
    return {
      ok: false,
      errors: [
        {
          field: 'agencyId',
          label: permitFieldLabels.agencyId,
          message: `令牌属于机关“${agencyId}”，只能推送本机关的许可；该记录的机关为“${res.data.agencyId}”`,
        },
      ],
    };
  }
  return { ok: true, input: res.data };
}

/** Stores validated permits in one transaction, each under its own savepoint. */
export async function storePermitBatch(
  db: Db,
  items: { line: number; input: PermitInput }[],
  siteUrl: string,
  now = new Date(),
): Promise<PermitLineResult[]> {
  if (!items.length) return [];
  const today = todayInChina(now.getTime());
  return db.transaction(async (tx) => {
    const out: PermitLineResult[] = [];
    for (const { line, input } of items) {
      await tx.query('SAVEPOINT permit_line');
      try {
        const stored = await storePermit(tx, input, { today, now });
        await tx.query('RELEASE SAVEPOINT permit_line');
        out.push({ line, ok: true, ...stored, url: `${siteUrl}/permits/${stored.id}` });
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT permit_line');
        out.push({
          line,
          ok: false,
          decisionNo: input.decisionNo,
          errors: [{ field: '(整条记录)', label: undefined, message: `保存失败：${(err as Error).message}` }],
        });
      }
    }
    return out;
  });
}

export const PermitWithdrawRequestSchema = z.strictObject({
  type: z.enum(PERMIT_WITHDRAWAL_TYPES, { error: `撤回类型应为以下之一：${PERMIT_WITHDRAWAL_TYPES.join('、')}` }),
  reason: z
    .string({ error: '必须写明理由，它将与决定文书号一起公开' })
    .trim()
    .min(4, '理由至少4个字，说明许可被撤销、撤回、注销、吊销或变更的依据')
    .max(500, '理由最多500字'),
});

async function owned(db: Db, id: string, agencyId: string) {
  const [row] = await db.query<{ agency_id: string; status: string; decision_no: string }>(
    'SELECT agency_id, status, decision_no FROM permits WHERE id = $1',
    [id],
  );
  if (!row) return { ok: false as const, kind: 'not-found' as const, detail: `没有编号为 ${id} 的行政许可` };
  if (row.agency_id !== agencyId)
    return { ok: false as const, kind: 'forbidden' as const, detail: '只能撤回或更正本机关推送的行政许可' };
  return { ok: true as const, row };
}

/** 撤销/撤回/注销/吊销/变更: the permit leaves the public set; the reason is published with its number. */
export async function withdrawPermit(
  db: Db,
  id: string,
  agencyId: string,
  body: unknown,
  now = new Date(),
): Promise<AmendResult> {
  const parsed = PermitWithdrawRequestSchema.safeParse(body);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, { type: '撤回类型', reason: '理由' });
    return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
  }
  const found = await owned(db, id, agencyId);
  if (!found.ok) return found;
  if (found.row.status === 'withdrawn') return { ok: false, kind: 'conflict', detail: '该行政许可已经撤回' };
  await db.transaction((tx) => endPermitLife(tx, id, 'withdrawn', parsed.data.reason, now, parsed.data.type));
  const [row] = await db.query<{ tombstone: unknown }>('SELECT tombstone FROM permits WHERE id = $1', [id]);
  return { ok: true, status: 200, body: { id, status: 'withdrawn', tombstone: row?.tombstone } };
}

/** 更正: the complete corrected permit plus a public note; the 文书号 cannot change. */
export async function correctPermit(
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
      label: permitFieldLabels.correctionNote,
      message: '必须填写更正说明（至少4个字），它将在许可页公开',
    });
  }
  const checked = checkPermit(record, agencyId);
  if (!checked.ok) errors.push(...checked.errors);
  else if (permitId(checked.input.agencyId, checked.input.decisionNo) !== id) {
    errors.push({
      field: 'decisionNo',
      label: permitFieldLabels.decisionNo,
      message: `更正不能改变决定文书号（应为 ${found.row.decision_no}）；文书号有误请撤回后以正确文书号重新推送`,
    });
  }
  if (errors.length || !checked.ok)
    return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
  if (found.row.status === 'withdrawn') return { ok: false, kind: 'conflict', detail: '该行政许可已经撤回，不能更正' };
  const out = await db.transaction((tx) =>
    storePermit(tx, checked.input, {
      today: todayInChina(now.getTime()),
      now,
      correctionNote: (correctionNote as string).trim(),
    }),
  );
  if (out.outcome === 'refused') return { ok: false, kind: 'conflict', detail: out.reason };
  return { ok: true, status: 200, body: { ...out, url: `${siteUrl}/permits/${id}` } };
}
