import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { creditCodeLenient, req } from '@sunlight/domain/schemas/common';
import type { DrawRecord } from '@sunlight/domain/schemas/draw';
import { inspectionItemCode } from '@sunlight/domain/schemas/inspection-item';
import { MIN_INSPECTORS } from '@sunlight/domain/schemas/inspection';
import {
  beaconSeed,
  committedDrawForm,
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_NAMES,
  drawCommitment,
  drawInputsHash,
  normaliseDrawInputs,
  runDraw,
  type DrawInputs,
  type DrawResult,
} from '@sunlight/verify/draw';
import { bytesToHex } from '@sunlight/verify/base64url';
import type { SignedTreeHead } from '@sunlight/verify/public-log';
import type { Db } from '../db/types';
import { logEvents } from '../transparency/leaves';
import { firstHeadAfter, toSignedTreeHead } from '../transparency/tree';
import type { ProblemKind } from '../http/problem';
import { describeFieldErrors, fieldErrors, type FieldError } from '../ingest/validation';
import { toChinaIso } from './time';

/** What an agency asks for (POST /api/v1/ingest/draws, `sunlight draw`). */
export const DrawRequestSchema = z.strictObject({
  itemCodes: z.array(inspectionItemCode(), { error: req('应为检查事项编码列表') }).min(1, '至少选择1个检查事项'),
  enterpriseCount: z
    .number({ error: req('应为抽取企业数（正整数）') })
    .int('应为正整数')
    .min(1, '至少抽取1家')
    .max(1000, '一次最多抽取1000家'),
  inspectorsPerEnterprise: z
    .number({ error: req('应为每家企业的检查人员数') })
    .int('应为整数')
    .min(MIN_INSPECTORS, `每家企业至少${MIN_INSPECTORS}名检查人员`)
    .max(5, '每家企业最多5名检查人员')
    .optional(),
  /** Limit the object pool to one 街道（镇）. */
  region: z
    .string({ error: req('应为街道（镇）名称') })
    .trim()
    .min(1)
    .optional(),
  /** Limit the object pool to one type (企业, 个体工商户, …). */
  enterpriseType: z
    .string({ error: req('应为主体类型') })
    .trim()
    .min(1)
    .optional(),
  /** An explicit object pool (credit codes); otherwise all enterprises (after region/type). */
  enterprisePool: z
    .array(creditCodeLenient(), { error: req('应为统一社会信用代码列表') })
    .min(1)
    .optional(),
});
export type DrawRequest = z.infer<typeof DrawRequestSchema>;

export const drawRequestLabels: Record<string, string> = {
  itemCodes: '检查事项',
  enterpriseCount: '抽取企业数',
  inspectorsPerEnterprise: '每家企业检查人员数',
  region: '街道（镇）',
  enterpriseType: '主体类型',
  enterprisePool: '执法对象名单',
};

export interface PublicDraw {
  id: string;
  agencyId: string;
  agencyName: string;
  status: 'committed' | 'revealed';
  algorithm: string;
  algorithmName: string;
  createdAt: string;
  revealedAt?: string;
  /** hex(SHA-256(seed)), published at creation. */
  commitment: string;
  /** hex(SHA-256(canonical inputs)). */
  inputsHash: string;
  inputs: DrawInputs;
  criteria: Record<string, unknown>;
  /** Revealed with the result: the seed (v1) or the committed secret the seed is derived from (v2). */
  seed?: string;
  /** v2: the index of the draw's commitment entry in the public log. */
  logIndex?: number;
  /** v2, revealed: the first signed head of the log containing the commitment; its root makes the seed. */
  beacon?: SignedTreeHead;
  result?: DrawResult;
  /** Names for people reading the result (not part of what is hashed). */
  names?: { enterprises: Record<string, string>; inspectors: Record<string, string> };
}

export type DrawOutcome =
  | { ok: true; status: 200 | 201; draw: PublicDraw }
  | { ok: false; kind: ProblemKind; detail: string; errors?: FieldError[] };

const refuse = (kind: ProblemKind, detail: string, errors?: FieldError[]): DrawOutcome => ({
  ok: false,
  kind,
  detail,
  ...(errors ? { errors } : {}),
});

/** Creates a draw: fixes the pools and publishes the commitment; the seed stays secret until revealed. */
export async function createDraw(db: Db, agencyId: string, raw: unknown, now = new Date()): Promise<DrawOutcome> {
  const parsed = DrawRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, drawRequestLabels);
    return refuse('validation-failed', describeFieldErrors(errors), errors);
  }
  const req = parsed.data;
  const perEnterprise = req.inspectorsPerEnterprise ?? MIN_INSPECTORS;
  const items = await db.query<{
    code: string;
    agency_id: string;
    field: string | null;
    random: boolean;
    name: string;
  }>(
    `SELECT code, agency_id, field, coalesce((data->>'random')::boolean, false) AS random, data->>'name' AS name
     FROM inspection_items WHERE code = ANY($1::text[])`,
    [req.itemCodes],
  );
  const itemErrors: FieldError[] = [];
  req.itemCodes.forEach((code, i) => {
    const it = items.find((x) => x.code === code);
    const field = `itemCodes[${i}]`;
    const label = drawRequestLabels.itemCodes;
    if (!it || it.agency_id !== agencyId) {
      itemErrors.push({ field, label, message: `“${code}”不在本机关公布的检查事项清单中` });
    } else if (!it.random) {
      itemErrors.push({ field, label, message: `“${it.name}”（${code}）不是双随机抽查事项` });
    }
  });
  if (itemErrors.length) return refuse('item-not-listed', itemErrors.map((e) => e.message).join('；'), itemErrors);

  const fields = [...new Set(items.map((i) => i.field).filter((f): f is string => !!f))];
  const today = toChinaIso(now).slice(0, 10);
  const inspectors = await db.query<{ id: string }>(
    `SELECT id FROM inspectors
     WHERE agency_id = $1 AND status = 'valid' AND data->>'validUntil' >= $2
       AND (cardinality($3::text[]) = 0 OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(data->'fields') f WHERE f = ANY($3::text[])))`,
    [agencyId, today, fields],
  );
  if (inspectors.length < perEnterprise) {
    return refuse(
      'validation-failed',
      `执法人员库中本机关负责这些领域（${fields.join('、') || '—'}）且持有效执法证的人员只有${inspectors.length}名，不足每家企业${perEnterprise}名。`,
    );
  }

  let pool: string[];
  if (req.enterprisePool) {
    const known = await db.query<{ credit_code: string }>(
      'SELECT credit_code FROM enterprises WHERE credit_code = ANY($1::text[])',
      [req.enterprisePool],
    );
    const set = new Set(known.map((k) => k.credit_code));
    const missing = req.enterprisePool.filter((c) => !set.has(c));
    if (missing.length) {
      return refuse(
        'validation-failed',
        `执法对象库中没有这些企业：${missing.slice(0, 10).join('、')}${missing.length > 10 ? ' 等' : ''}`,
      );
    }
    pool = [...set];
  } else {
    const rows = await db.query<{ credit_code: string }>(
      `SELECT credit_code FROM enterprises WHERE ($1::text IS NULL OR region = $1) AND ($2::text IS NULL OR type = $2)`,
      [req.region ?? null, req.enterpriseType ?? null],
    );
    pool = rows.map((r) => r.credit_code);
  }
  if (pool.length < req.enterpriseCount) {
    return refuse(
      'validation-failed',
      `执法对象库（按条件筛选后）只有${pool.length}家，少于要抽取的${req.enterpriseCount}家。`,
    );
  }

  const inputs = normaliseDrawInputs({
    agencyId,
    itemCodes: req.itemCodes,
    enterprisePool: pool,
    inspectorPool: inspectors.map((r) => r.id),
    enterpriseCount: req.enterpriseCount,
    inspectorsPerEnterprise: perEnterprise,
  });
  const criteria = {
    ...(req.region ? { region: req.region } : {}),
    ...(req.enterpriseType ? { enterpriseType: req.enterpriseType } : {}),
    ...(req.enterprisePool ? { explicitPool: true } : {}),
    fields,
  };
  const seed = bytesToHex(randomBytes(32));
  const id = `draw-${agencyId}-${today.replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  const inputsHash = drawInputsHash(inputs);
  const commitment = drawCommitment(seed);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO draws (id, agency_id, status, algorithm, inputs, criteria, inputs_hash, commitment, seed, created_at)
       VALUES ($1, $2, 'committed', $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        agencyId,
        DRAW_ALGORITHM,
        JSON.stringify(inputs),
        JSON.stringify(criteria),
        inputsHash,
        commitment,
        seed,
        now,
      ],
    );
    // The commitment becomes an entry of the public log: the seed will come from the first head after it.
    const form = committedDrawForm({
      id,
      agencyId,
      algorithm: DRAW_ALGORITHM,
      commitment,
      inputsHash,
      createdAt: toChinaIso(now),
    });
    const [logIndex] = await logEvents(tx, [{ type: 'draw', id, event: 'published', at: now, form }]);
    await tx.query('UPDATE draws SET log_index = $2 WHERE id = $1', [id, logIndex]);
  });
  return { ok: true, status: 201, draw: (await readDraw(db, id))! };
}

/**
 * Stores revealed draws as content carries them (the sample's draws.ndjson), as published: commitment,
 * inputs hash, seed and result are kept verbatim so the public check re-runs them. Existing ids are kept.
 */
export async function loadDraws(tx: Db, rows: readonly DrawRecord[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const res = await tx.query(
      `INSERT INTO draws (id, agency_id, status, algorithm, inputs, criteria, inputs_hash, commitment, seed, result,
                          created_at, revealed_at)
       SELECT e->>'id', e->>'agencyId', e->>'status', e->>'algorithm', e->'inputs', e->'criteria', e->>'inputsHash',
              e->>'commitment', e->>'seed', e->'result', (e->>'createdAt')::timestamptz, (e->>'revealedAt')::timestamptz
       FROM jsonb_array_elements($1::jsonb) e
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows.slice(i, i + 200))],
    );
    inserted += res.length;
  }
  return inserted;
}

async function waitForHeadAfter(db: Db, logIndex: number, waitMs: number): Promise<SignedTreeHead | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const head = await firstHeadAfter(db, logIndex);
    if (head || Date.now() >= deadline) return head && toSignedTreeHead(head);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Reveals the seed and stores the result computed from it. `agencyId` undefined: any agency (CLI). */
export async function revealDraw(
  db: Db,
  id: string,
  agencyId: string | undefined,
  now = new Date(),
  beaconWaitMs = 10_000,
): Promise<DrawOutcome> {
  const [found] = await db.query<{ algorithm: string; log_index: number | null }>(
    'SELECT algorithm, log_index FROM draws WHERE id = $1',
    [id],
  );
  // v2: the beacon is signed by the jobs lease holder within a second or two of the commitment.
  const beacon =
    found?.algorithm === DRAW_ALGORITHM && found.log_index !== null
      ? await waitForHeadAfter(db, Number(found.log_index), beaconWaitMs)
      : undefined;
  const outcome = await db.transaction(async (tx): Promise<DrawOutcome | undefined> => {
    const [row] = await tx.query<{
      agency_id: string;
      status: string;
      algorithm: string;
      inputs: DrawInputs;
      seed: string;
    }>('SELECT agency_id, status, algorithm, inputs, seed FROM draws WHERE id = $1 FOR UPDATE', [id]);
    if (!row) return refuse('not-found', `没有编号为 ${id} 的抽取记录。`);
    if (agencyId !== undefined && row.agency_id !== agencyId) return refuse('forbidden', '该抽取记录属于其他机关。');
    if (row.status === 'revealed') return undefined;
    if (row.algorithm === DRAW_ALGORITHM && !beacon) {
      return refuse(
        'conflict',
        '抽取的承诺已记入公开日志，但还没有包含它的签名树头（正常情况下几秒内签发）。请稍后再揭示；若一直如此，请检查门户进程是否在运行。',
      );
    }
    const result =
      row.algorithm === DRAW_ALGORITHM
        ? runDraw(row.inputs, beaconSeed(row.seed, beacon!.sha256_root_hash), DRAW_ALGORITHM)
        : runDraw(row.inputs, row.seed);
    await tx.query(`UPDATE draws SET status = 'revealed', result = $2, revealed_at = $3, beacon = $4 WHERE id = $1`, [
      id,
      JSON.stringify(result),
      now,
      beacon ? JSON.stringify(beacon) : null,
    ]);
    return undefined;
  });
  if (outcome) return outcome;
  return { ok: true, status: 200, draw: (await readDraw(db, id))! };
}

/** The public record: the seed and result only after the reveal. */
export async function readDraw(db: Db, id: string): Promise<PublicDraw | undefined> {
  const [r] = await db.query<{
    id: string;
    agency_id: string;
    agency_name: string;
    status: 'committed' | 'revealed';
    algorithm: string;
    inputs: DrawInputs;
    criteria: Record<string, unknown>;
    inputs_hash: string;
    commitment: string;
    seed: string | null;
    result: DrawResult | null;
    created_at: Date;
    revealed_at: Date | null;
    log_index: number | null;
    beacon: SignedTreeHead | null;
  }>(
    `SELECT d.id, d.agency_id, a.name AS agency_name, d.status, d.algorithm, d.inputs, d.criteria, d.inputs_hash, d.commitment,
            CASE WHEN d.revealed_at IS NOT NULL THEN d.seed END AS seed, d.result, d.created_at, d.revealed_at,
            d.log_index, d.beacon
     FROM draws d JOIN agencies a ON a.id = d.agency_id WHERE d.id = $1`,
    [id],
  );
  if (!r) return undefined;
  const draw: PublicDraw = {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    status: r.status,
    algorithm: r.algorithm,
    algorithmName: DRAW_ALGORITHM_NAMES[r.algorithm as keyof typeof DRAW_ALGORITHM_NAMES] ?? r.algorithm,
    createdAt: toChinaIso(r.created_at),
    ...(r.log_index !== null ? { logIndex: Number(r.log_index) } : {}),
    commitment: r.commitment,
    inputsHash: r.inputs_hash,
    inputs: r.inputs,
    criteria: r.criteria,
  };
  if (r.revealed_at && r.seed && r.result) {
    const codes = r.result.assignments.map((a) => a.enterpriseCreditCode);
    const ids = [...new Set(r.result.assignments.flatMap((a) => a.inspectorIds))];
    const [ents, insp] = await Promise.all([
      db.query<{ credit_code: string; name: string }>(
        'SELECT credit_code, name FROM enterprises WHERE credit_code = ANY($1::text[])',
        [codes],
      ),
      db.query<{ id: string; name: string }>('SELECT id, name FROM inspectors WHERE id = ANY($1::text[])', [ids]),
    ]);
    Object.assign(draw, {
      revealedAt: toChinaIso(r.revealed_at),
      seed: r.seed,
      ...(r.beacon ? { beacon: r.beacon } : {}),
      result: r.result,
      names: {
        enterprises: Object.fromEntries(ents.map((e) => [e.credit_code, e.name])),
        inspectors: Object.fromEntries(insp.map((p) => [p.id, p.name])),
      },
    });
  }
  return draw;
}

export interface DrawSummary {
  id: string;
  agencyId: string;
  agencyName: string;
  status: string;
  createdAt: string;
  revealedAt: string | null;
  enterpriseCount: number;
  poolSize: number;
}

export async function listDraws(db: Db, limit = 50): Promise<DrawSummary[]> {
  const rows = await db.query<{
    id: string;
    agency_id: string;
    agency_name: string;
    status: string;
    created_at: Date;
    revealed_at: Date | null;
    enterprise_count: number;
    pool_size: number;
  }>(
    `SELECT d.id, d.agency_id, a.name AS agency_name, d.status, d.created_at, d.revealed_at,
            (d.inputs->>'enterpriseCount')::int AS enterprise_count, jsonb_array_length(d.inputs->'enterprisePool') AS pool_size
     FROM draws d JOIN agencies a ON a.id = d.agency_id ORDER BY d.created_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    status: r.status,
    createdAt: toChinaIso(r.created_at),
    revealedAt: r.revealed_at ? toChinaIso(r.revealed_at) : null,
    enterpriseCount: r.enterprise_count,
    poolSize: r.pool_size,
  }));
}
