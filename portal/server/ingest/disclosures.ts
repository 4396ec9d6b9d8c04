import {
  DisclosureInputSchema,
  disclosureFieldLabels,
  type DisclosureInput,
} from '@sunlight/domain/schemas/disclosure';
import type { PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import { storeDisclosure, type StoreOutcome } from '../disclosures/store';
import { fieldErrors, type FieldError } from './validation';

export const MAX_BATCH_LINES = 10_000;

export type LineResult =
  | ({ line: number; ok: true } & StoreOutcome & { url: string })
  | { line: number; ok: false; decisionNo?: string; errors: FieldError[] };

export async function publicationRules(db: Db): Promise<PublicationRule[]> {
  const [row] = await db.query<{ data: PublicationRule[] }>(
    `SELECT data FROM settings WHERE key = 'publication-rules'`,
  );
  if (!row) throw new Error('publication-rules setting is missing: load content/publication-rules.json');
  return row.data;
}

/** Validates one pushed record for the agency the token speaks for. */
export function checkRecord(
  value: unknown,
  agencyId: string,
): { ok: true; input: DisclosureInput } | { ok: false; errors: FieldError[] } {
  const res = DisclosureInputSchema.safeParse(value);
  if (!res.success) return { ok: false, errors: fieldErrors(res.error, disclosureFieldLabels) };
  if (res.data.agencyId !== agencyId) {
    return {
      ok: false,
      errors: [
        {
          field: 'agencyId',
          label: disclosureFieldLabels.agencyId,
          message: `令牌属于机关“${agencyId}”，只能推送本机关的决定；该记录的机关为“${res.data.agencyId}”`,
        },
      ],
    };
  }
  return { ok: true, input: res.data };
}

/**
 * Stores a batch of already-validated records in one transaction, each under its own savepoint,
 * so a record the database refuses never takes the others down with it.
 */
export async function storeBatch(
  db: Db,
  items: { line: number; input: DisclosureInput }[],
  siteUrl: string,
  now = new Date(),
): Promise<LineResult[]> {
  if (!items.length) return [];
  const rules = await publicationRules(db);
  const today = todayInChina(now.getTime());
  return db.transaction(async (tx) => {
    const out: LineResult[] = [];
    for (const { line, input } of items) {
      await tx.query('SAVEPOINT ingest_line');
      try {
        const stored = await storeDisclosure(tx, input, { rules, today, now });
        await tx.query('RELEASE SAVEPOINT ingest_line');
        out.push({ line, ok: true, ...stored, url: `${siteUrl}/disclosures/${stored.id}` });
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT ingest_line');
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
