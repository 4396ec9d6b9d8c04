import {
  disclosureFieldLabels,
  type DisclosureInput,
  type DisclosureRecord,
  type PublicDisclosure,
} from '@sunlight/domain/schemas/disclosure';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Db } from '../db/types';
import { checkRecord, publicationRules } from '../ingest/disclosures';
import { describeFieldErrors, type FieldError } from '../ingest/validation';
import { PUBLIC_STATUS_SQL } from './status-sql';
import {
  holdForReview,
  logChange,
  sameContent,
  storeDisclosure,
  toPublicForm,
  type ReviewDoubt,
  type StoreOutcome,
} from './store';

/**
 * The review queue: decisions the redactor held because it could not decide (see redact.ts). Nothing in
 * it is public. The agency (its own records only) or a supervisor releases a held decision by giving
 * the corrected text of the doubted fields; the release runs the whole write path again, with the
 * reviewer's word standing for the doubts in the fields they corrected.
 */

export interface HeldDisclosure {
  id: string;
  agencyId: string;
  decisionNo: string;
  heldAt: string;
  doubts: ReviewDoubt[];
  /** The redacted form as it would be published (masked where the redactor was sure). */
  preview: PublicDisclosure;
  /** The fields as pushed, for the reviewer to correct (restricted: shown only to the agency and supervisors). */
  original: Record<string, string>;
}

export async function listHeld(db: Db, agencyId?: string): Promise<HeldDisclosure[]> {
  const rows = await db.query<{
    disclosure_id: string;
    agency_id: string;
    decision_no: string;
    held_at: Date;
    doubts: ReviewDoubt[];
    preview: PublicDisclosure;
    input: DisclosureInput;
    context: { correctionNote: string | null };
  }>(
    `SELECT disclosure_id, agency_id, decision_no, held_at, doubts, preview, input, context FROM disclosure_reviews
     WHERE ($1::text IS NULL OR agency_id = $1) ORDER BY held_at, disclosure_id`,
    [agencyId ?? null],
  );
  return rows.map((r) => ({
    id: r.disclosure_id,
    agencyId: r.agency_id,
    decisionNo: r.decision_no,
    heldAt: new Date(r.held_at).toISOString(),
    doubts: r.doubts,
    preview: r.preview,
    original: Object.fromEntries(
      [...new Set(r.doubts.map((d) => d.field))].map((f) => [
        f,
        String((f === 'correctionNote' ? r.context.correctionNote : (r.input as Record<string, unknown>)[f]) ?? ''),
      ]),
    ),
  }));
}

export type ReleaseResult =
  | { ok: true; outcome: StoreOutcome }
  | {
      ok: false;
      kind: 'not-found' | 'forbidden' | 'validation-failed' | 'conflict';
      detail: string;
      errors?: FieldError[];
    };

/**
 * Releases a held decision with corrected text: `fields` maps each doubted field to its corrected
 * (or confirmed) text. `agencyId` limits an agency to its own records; supervisors pass undefined.
 */
export async function releaseHeld(
  db: Db,
  id: string,
  fields: unknown,
  by: { agencyId?: string },
  now = new Date(),
): Promise<ReleaseResult> {
  const [row] = await db.query<{
    agency_id: string;
    input: DisclosureInput;
    context: { correctionNote: string | null };
    doubts: ReviewDoubt[];
  }>('SELECT agency_id, input, context, doubts FROM disclosure_reviews WHERE disclosure_id = $1', [id]);
  if (!row) return { ok: false, kind: 'not-found', detail: `待审核队列中没有编号为 ${id} 的处罚决定` };
  if (by.agencyId !== undefined && by.agencyId !== row.agency_id) {
    return { ok: false, kind: 'forbidden', detail: '只能审核发布本机关推送的决定' };
  }
  const doubted = new Set(row.doubts.map((d) => d.field));
  const errors: FieldError[] = [];
  const corrected: Record<string, string> = {};
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
    errors.push({ field: 'fields', label: '更正后的字段', message: '应为对象：键为待审核字段名，值为更正后的文本' });
  } else {
    for (const [key, value] of Object.entries(fields)) {
      const label = (disclosureFieldLabels as Record<string, string>)[key];
      if (!doubted.has(key)) {
        errors.push({
          field: `fields.${key}`,
          label,
          message: `该字段不在待审核之列；待审核字段为：${[...doubted].join('、')}`,
        });
      } else if (typeof value !== 'string' || !value.trim()) {
        errors.push({ field: `fields.${key}`, label, message: '应为更正后的文本（不能为空）' });
      } else corrected[key] = value.trim();
    }
    for (const f of doubted) {
      if (!(f in corrected) && !errors.some((e) => e.field === `fields.${f}`)) {
        errors.push({
          field: `fields.${f}`,
          label: (disclosureFieldLabels as Record<string, string>)[f],
          message: '请给出该字段更正后的文本（确认无误也请原样填写）',
        });
      }
    }
  }
  // The correction note is not part of the record as pushed: it travels beside it.
  const { correctionNote = row.context.correctionNote, ...recordFields } = corrected;
  const checked = errors.length ? undefined : checkRecord({ ...row.input, ...recordFields }, row.agency_id);
  if (checked && !checked.ok) errors.push(...checked.errors);
  if (errors.length || !checked?.ok) {
    return {
      ok: false,
      kind: 'validation-failed',
      detail: describeFieldErrors(errors),
      errors,
    };
  }
  const rules = await publicationRules(db);
  const outcome = await db.transaction((tx) =>
    storeDisclosure(tx, checked.input, {
      rules,
      today: todayInChina(now.getTime()),
      now,
      vouched: new Set(Object.keys(corrected)),
      ...(correctionNote ? { correctionNote } : {}),
    }),
  );
  if (outcome.outcome === 'refused') return { ok: false, kind: 'conflict', detail: outcome.reason };
  return { ok: true, outcome };
}

/**
 * Bump when the redaction rules change: at start-up every stored public record is run through the
 * current pipeline again (see rerunRedaction), so records published under older rules do not keep
 * showing what the new rules hide.
 */
export const REDACTION_VERSION = 2;

/**
 * Re-redacts every public record from its restricted original with the current rules. A record whose
 * public form changes is updated (a `corrected` event tells partners); one the redactor now doubts
 * leaves the public set (a `withdrawn` event with a neutral reason, no tombstone) and waits in the
 * review queue. Records the pipeline leaves as they are cost one read.
 */
export async function rerunRedaction(
  db: Db,
  now = new Date(),
  log: (line: string) => void = () => {},
): Promise<{ checked: number; updated: number; held: number }> {
  const done = { checked: 0, updated: 0, held: 0 };
  const [version] = await db.query<{ data: number }>(`SELECT data FROM settings WHERE key = 'redaction-version'`);
  if (version && Number(version.data) >= REDACTION_VERSION) return done;
  let after = '';
  for (;;) {
    const rows = await db.query<{
      id: string;
      status: string;
      data: PublicDisclosure;
      restricted: { input?: DisclosureInput };
    }>(
      `SELECT id, status, data, restricted FROM disclosures
       WHERE status IN ${PUBLIC_STATUS_SQL} AND id > $1 ORDER BY id LIMIT 500`,
      [after],
    );
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const input = row.restricted.input;
        if (!input) continue;
        done.checked++;
        const record = { ...row.data, ...input, status: row.status } as DisclosureRecord;
        let result: ReturnType<typeof toPublicForm>;
        try {
          result = toPublicForm(record);
        } catch {
          // The last-line schema refuses it: take it off the public set for a person to look at.
          result = {
            pub: row.data,
            doubts: [{ field: '(整条记录)', label: '整条记录', reason: '按现行脱敏规则不能公开' }],
          };
        }
        if (result.doubts.length) {
          await holdStored(tx, row.id, input, row.data.correctionNote ?? null, result, now);
          done.held++;
        } else if (!sameContent(result.pub, row.data)) {
          await tx.query('UPDATE disclosures SET data = $2 WHERE id = $1', [row.id, result.pub]);
          await logChange(tx, row.id, 'corrected', null, now);
          done.updated++;
        }
      }
    });
  }
  await db.query(
    `INSERT INTO settings (key, data) VALUES ('redaction-version', $1)
     ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`,
    [JSON.stringify(REDACTION_VERSION)],
  );
  if (done.updated || done.held) {
    log(`[redaction] rules v${REDACTION_VERSION}: ${done.updated} record(s) re-redacted, ${done.held} held for review`);
  }
  return done;
}

async function holdStored(
  tx: Db,
  id: string,
  input: DisclosureInput,
  correctionNote: string | null,
  result: { pub: PublicDisclosure; doubts: ReviewDoubt[] },
  now: Date,
): Promise<void> {
  await holdForReview(tx, id, input, { correctionNote }, result.doubts, result.pub, now);
  await tx.query(`UPDATE disclosures SET status = 'held', updated_at = $2 WHERE id = $1`, [id, now.toISOString()]);
  await logChange(tx, id, 'withdrawn', '脱敏复核中，暂停公示', now);
}
