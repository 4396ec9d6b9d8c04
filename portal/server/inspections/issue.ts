import { randomBytes } from 'node:crypto';
import { chinaDate } from '@sunlight/domain/china-time';
import {
  CAP_OVERRIDE_SOURCES,
  InspectionInputSchema,
  inspectionFieldLabels,
  type Inspection,
  type InspectionInput,
} from '@sunlight/domain/schemas/inspection';
import { inspectorStatusLabels } from '@sunlight/domain/schemas/inspector';
import type { Db } from '../db/types';
import type { ProblemKind } from '../http/problem';
import { describeFieldErrors, fieldErrors, type FieldError } from '../ingest/validation';
import { Cache, CONTENT_TTL_MS, perDatabase } from '../cache';
import { certificateLinks, issueCertificate, type CertificateLinks } from './certificates';
import type { KeyRing } from './keys';
import { chinaYear, chinaYearBounds, toChinaIso } from './time';

export interface IssueOptions {
  keys: KeyRing;
  siteUrl: string;
  now?: Date;
  /** The request's Idempotency-Key: a retried push answers with the certificate already issued. */
  idempotencyKey?: string;
}

export interface CapExceeded {
  field: string;
  year: number;
  maxPerEnterprise: number;
  /** Inspections of this enterprise by this agency in this field and year before this one. */
  inspectionsThisYear: number;
  basis: string;
}

export interface IssueResponse extends CertificateLinks {
  outcome: 'created' | 'existing';
  inspectionId: string;
  certificateNo: string;
  status: string;
  token: string;
  kid: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string;
  /** Accepted over the annual cap (投诉举报/上级交办 with a reason): flagged for supervisors. */
  flagged: boolean;
  capExceeded?: CapExceeded[];
}

export type IssueOutcome =
  | { ok: true; status: 200 | 201; body: IssueResponse }
  | { ok: false; kind: ProblemKind; detail: string; errors?: FieldError[]; extra?: Record<string, unknown> };

interface InspectorRow {
  id: string;
  agencyId: string;
  agencyName: string | null;
  status: string;
  name: string;
  validUntil: string;
}
interface ItemRow {
  code: string;
  agencyId: string;
  field: string | null;
  name: string;
}
interface CapRow {
  field: string;
  year: number;
  maxPerEnterprise: number;
  basis: string;
}

const LOCK_CLASS = 72_018_041; // int4: pg_advisory_xact_lock(int, int)
const IDEMPOTENCY_LOCK_CLASS = 72_018_042;

const caches = perDatabase(() => ({
  inspectors: new Cache<string, InspectorRow>({ ttlMs: CONTENT_TTL_MS, max: 50_000 }),
  items: new Cache<string, ItemRow>({ ttlMs: CONTENT_TTL_MS, max: 50_000 }),
  caps: new Cache<string, CapRow[]>({ ttlMs: CONTENT_TTL_MS, max: 10_000 }),
}));

interface Reference {
  inspectors: InspectorRow[];
  items: ItemRow[];
  caps: CapRow[];
}

/** The published lists a task is checked against (content data, cached for a minute per process). */
async function loadReference(db: Db, input: InspectionInput, agencyId: string, year: number): Promise<Reference> {
  const c = caches(db);
  const inspectors = await c.inspectors.many(input.inspectorIds, async (ids) => {
    const rows = await db.query<InspectorRow>(
      `SELECT p.id, p.agency_id AS "agencyId", a.name AS "agencyName", p.status, p.name, p.data->>'validUntil' AS "validUntil"
       FROM inspectors p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  });
  const items = await c.items.many(input.itemCodes, async (codes) => {
    const rows = await db.query<ItemRow>(
      `SELECT code, agency_id AS "agencyId", field, data->>'name' AS name FROM inspection_items WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r]));
  });
  const caps = await c.caps.remember(`${agencyId}|${year}`, async () => {
    const [row] = await db.query<{ caps: CapRow[] }>(
      `SELECT coalesce(jsonb_agg(c), '[]'::jsonb) AS caps FROM settings s, jsonb_array_elements(s.data) c
       WHERE s.key = 'inspection-caps' AND c->>'agencyId' = $1 AND (c->>'year')::int = $2`,
      [agencyId, year],
    );
    return row?.caps ?? [];
  });
  return { inspectors: [...inspectors.values()], items: [...items.values()], caps };
}

/** In the task's transaction: whether the enterprise is in the object pool, and this year's inspections per capped field. */
const STATE_SQL = `
SELECT EXISTS (SELECT 1 FROM enterprises WHERE credit_code = $2) AS known,
       coalesce((SELECT jsonb_object_agg(x.field, x.n) FROM (
         SELECT it.field, count(DISTINCT i.id)::int AS n
         FROM inspections i
         CROSS JOIN LATERAL jsonb_array_elements_text(i.data->'itemCodes') c(code)
         JOIN inspection_items it ON it.code = c.code
         WHERE cardinality($5::text[]) > 0 AND i.agency_id = $1 AND i.enterprise_credit_code = $2
           AND i.status <> 'cancelled' AND i.window_start >= $3 AND i.window_start < $4 AND it.field = ANY($5::text[])
         GROUP BY it.field) x), '{}'::jsonb) AS counts`;

/** Whole seconds: the token carries NumericDates, and the stored window must equal them. */
const wholeSeconds = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000);

/**
 * POST /api/v1/ingest/inspections: checks an agency's inspection task against the published lists
 * and caps, stores it and issues its signed certificate, all in one transaction. Refusals:
 * an officer without a valid certificate or of another agency (inspector-not-authorised), an item not
 * on the agency's list (item-not-listed), the annual cap (inspection-cap-exceeded) unless the source is
 * 投诉举报/上级交办 with a reason — then accepted and flagged for supervisors.
 */
export async function issueInspection(
  db: Db,
  raw: unknown,
  agencyId: string,
  opts: IssueOptions,
): Promise<IssueOutcome> {
  const now = opts.now ?? new Date();
  const parsed = InspectionInputSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, inspectionFieldLabels);
    return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
  }
  const input = parsed.data;
  if (input.agencyId !== agencyId) {
    const errors = [
      {
        field: 'agencyId',
        label: inspectionFieldLabels.agencyId,
        message: `令牌属于机关“${agencyId}”，不能为“${input.agencyId}”签发检查任务`,
      },
    ];
    return { ok: false, kind: 'forbidden', detail: describeFieldErrors(errors), errors };
  }
  const validFrom = wholeSeconds(input.windowStart);
  const validUntil = wholeSeconds(input.windowEnd);
  if (validUntil.getTime() <= now.getTime()) {
    const errors = [
      {
        field: 'windowEnd',
        label: inspectionFieldLabels.windowEnd,
        message: `检查时间窗已于 ${toChinaIso(validUntil)} 结束，不能再签发检查证`,
      },
    ];
    return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
  }

  const year = chinaYear(validFrom);
  const ref = await loadReference(db, input, agencyId, year);
  const refusal = checkReferences(input, agencyId, ref, validUntil);
  if (refusal) return refusal;
  const drawRefusal = input.drawId ? await checkDraw(db, input) : undefined;
  if (drawRefusal) return drawRefusal;
  const fields = [...new Set(ref.items.map((i) => i.field).filter((f): f is string => !!f))];
  const caps = ref.caps.filter((c) => fields.includes(c.field));

  return db.transaction(async (tx) => {
    if (opts.idempotencyKey) {
      // Parallel retries with one key: the later ones wait here for the first to commit, then answer with it.
      if (tx.kind === 'PostgreSQL') {
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          IDEMPOTENCY_LOCK_CLASS,
          `${agencyId}|${opts.idempotencyKey}`,
        ]);
      }
      const existing = await existingByKey(tx, agencyId, opts.idempotencyKey, opts.siteUrl);
      if (existing) return { ok: true, status: 200, body: existing };
    }
    // PGlite runs one transaction at a time; PostgreSQL needs the lock so two tasks cannot both take the last slot.
    if (tx.kind === 'PostgreSQL') {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOCK_CLASS,
        `${agencyId}|${input.enterpriseCreditCode}`,
      ]);
    }
    const [from, to] = chinaYearBounds(year);
    const [state] = await tx.query<{ known: boolean; counts: Record<string, number> }>(STATE_SQL, [
      agencyId,
      input.enterpriseCreditCode,
      from,
      to,
      caps.map((c) => c.field),
    ]);
    if (!state!.known) {
      const errors = [
        {
          field: 'enterpriseCreditCode',
          label: inspectionFieldLabels.enterpriseCreditCode,
          message: `执法对象库中没有统一社会信用代码为 ${input.enterpriseCreditCode} 的企业，请核对代码`,
        },
      ];
      return { ok: false, kind: 'validation-failed', detail: describeFieldErrors(errors), errors };
    }
    const exceeded: CapExceeded[] = [];
    for (const cap of caps) {
      const n = state!.counts[cap.field] ?? 0;
      if (n + 1 > cap.maxPerEnterprise) {
        exceeded.push({
          field: cap.field,
          year: cap.year,
          maxPerEnterprise: cap.maxPerEnterprise,
          inspectionsThisYear: n,
          basis: cap.basis,
        });
      }
    }
    const overrideAllowed = CAP_OVERRIDE_SOURCES.includes(input.source) && input.reason !== undefined;
    if (exceeded.length && !overrideAllowed) {
      const what = exceeded
        .map(
          (e) =>
            `${e.year}年“${e.field}”领域对同一企业最多检查${e.maxPerEnterprise}次（${e.basis}），本年度已检查${e.inspectionsThisYear}次`,
        )
        .join('；');
      return {
        ok: false,
        kind: 'inspection-cap-exceeded',
        detail: `超出本机关公布的年度涉企检查上限：${what}。只有任务来源为投诉举报或上级交办、并在 reason 中说明理由的检查可以超出上限（将提交监督机关关注）。`,
        errors: [{ field: 'enterpriseCreditCode', label: inspectionFieldLabels.enterpriseCreditCode, message: what }],
        extra: { capExceeded: exceeded },
      };
    }
    const flagged = exceeded.length > 0;

    const inspectionId = `jc-${chinaYear(now)}-${randomBytes(5).toString('hex')}`;
    const { capOverride: _ignored, ...rest } = input;
    // Built from the validated input: the stored record has the shape of InspectionSchema.
    const record: Inspection = {
      ...rest,
      ...(flagged ? { capOverride: true } : {}),
      id: inspectionId,
      status: 'planned',
      createdAt: toChinaIso(now),
    };
    const key = await opts.keys.ensureRegistered(tx);
    const cert = await issueCertificate(tx, opts.keys, key, {
      inspectionId,
      agencyId,
      validFrom,
      validUntil,
      issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
      inspection: {
        enterpriseCreditCode: input.enterpriseCreditCode,
        source: input.source,
        data: record,
        flagged,
        idempotencyKey: opts.idempotencyKey ?? null,
      },
    });
    return {
      ok: true,
      status: 201,
      body: {
        outcome: 'created',
        inspectionId,
        certificateNo: cert.certificateNo,
        status: 'valid',
        token: cert.token,
        kid: cert.kid,
        issuedAt: toChinaIso(now),
        validFrom: toChinaIso(validFrom),
        validUntil: toChinaIso(validUntil),
        flagged,
        ...(flagged ? { capExceeded: exceeded } : {}),
        ...certificateLinks(opts.siteUrl, cert.certificateNo, cert.token),
      },
    };
  });
}

function checkReferences(
  input: InspectionInput,
  agencyId: string,
  ref: { inspectors: InspectorRow[]; items: ItemRow[] },
  validUntil: Date,
): IssueOutcome | undefined {
  const inspectorErrors: FieldError[] = [];
  const lastDay = chinaDate(validUntil);
  input.inspectorIds.forEach((id, i) => {
    const p = ref.inspectors.find((x) => x.id === id);
    const field = `inspectorIds[${i}]`;
    const label = inspectionFieldLabels.inspectorIds;
    if (!p) inspectorErrors.push({ field, label, message: `没有编号为“${id}”的执法人员（见公布的执法人员名单）` });
    else if (p.agencyId !== agencyId) {
      inspectorErrors.push({
        field,
        label,
        message: `${p.name}（${id}）属于${p.agencyName ?? p.agencyId}，不是本机关的执法人员`,
      });
    } else if (p.status !== 'valid') {
      const s = inspectorStatusLabels[p.status as keyof typeof inspectorStatusLabels] ?? p.status;
      inspectorErrors.push({ field, label, message: `${p.name}（${id}）的执法证状态为“${s}”，不能参加检查` });
    } else if (p.validUntil < lastDay) {
      inspectorErrors.push({
        field,
        label,
        message: `${p.name}（${id}）的执法证有效期至${p.validUntil}，早于检查结束日${lastDay}`,
      });
    }
  });
  if (inspectorErrors.length) {
    return {
      ok: false,
      kind: 'inspector-not-authorised',
      detail: `只有本机关持有效执法证的人员可以检查：${describeFieldErrors(inspectorErrors)}`,
      errors: inspectorErrors,
    };
  }
  const itemErrors: FieldError[] = [];
  input.itemCodes.forEach((code, i) => {
    const it = ref.items.find((x) => x.code === code);
    const field = `itemCodes[${i}]`;
    const label = inspectionFieldLabels.itemCodes;
    if (!it) itemErrors.push({ field, label, message: `检查事项清单中没有“${code}”` });
    else if (it.agencyId !== agencyId) {
      itemErrors.push({ field, label, message: `“${it.name}”（${code}）是其他机关的检查事项，不在本机关公布的清单中` });
    }
  });
  if (itemErrors.length) {
    return {
      ok: false,
      kind: 'item-not-listed',
      detail: `未列入本机关公布的检查事项清单的事项不得检查：${describeFieldErrors(itemErrors)}`,
      errors: itemErrors,
    };
  }
  return undefined;
}

async function checkDraw(tx: Db, input: InspectionInput): Promise<IssueOutcome | undefined> {
  const [draw] = await tx.query<{
    agency_id: string;
    status: string;
    result: { assignments: { enterpriseCreditCode: string; inspectorIds: string[] }[] } | null;
  }>('SELECT agency_id, status, result FROM draws WHERE id = $1', [input.drawId]);
  const label = inspectionFieldLabels.drawId;
  const refuse = (message: string): IssueOutcome => ({
    ok: false,
    kind: 'validation-failed',
    detail: `「${label}」(drawId)：${message}`,
    errors: [{ field: 'drawId', label, message }],
  });
  if (!draw) return refuse(`没有编号为“${input.drawId}”的抽取记录（先用 POST /api/v1/ingest/draws 抽取并公开）`);
  if (draw.agency_id !== input.agencyId) return refuse('该抽取记录属于其他机关');
  if (draw.status !== 'revealed' || !draw.result) return refuse('该抽取尚未公开种子和结果，请先揭晓（reveal）');
  const a = draw.result.assignments.find((x) => x.enterpriseCreditCode === input.enterpriseCreditCode);
  if (!a) return refuse(`企业 ${input.enterpriseCreditCode} 不在该次抽取结果中`);
  const outside = input.inspectorIds.filter((id) => !a.inspectorIds.includes(id));
  if (outside.length) return refuse(`检查人员 ${outside.join('、')} 不是该次抽取为这家企业选出的人员`);
  return undefined;
}

async function existingByKey(
  tx: Db,
  agencyId: string,
  key: string,
  siteUrl: string,
): Promise<IssueResponse | undefined> {
  const [r] = await tx.query<{
    id: string;
    flagged: boolean;
    certificate_no: string;
    status: string;
    token: string;
    kid: string;
    issued_at: Date;
    valid_from: Date;
    valid_until: Date;
  }>(
    `SELECT i.id, i.flagged, c.certificate_no, c.status, c.token, c.kid, c.issued_at, c.valid_from, c.valid_until
     FROM inspections i JOIN certificates c ON c.inspection_id = i.id
     WHERE i.agency_id = $1 AND i.idempotency_key = $2`,
    [agencyId, key],
  );
  if (!r) return undefined;
  return {
    outcome: 'existing',
    inspectionId: r.id,
    certificateNo: r.certificate_no,
    status: r.status,
    token: r.token,
    kid: r.kid,
    issuedAt: toChinaIso(r.issued_at),
    validFrom: toChinaIso(r.valid_from),
    validUntil: toChinaIso(r.valid_until),
    flagged: r.flagged,
    ...certificateLinks(siteUrl, r.certificate_no, r.token),
  };
}
