/**
 * 双随机 draws (draws.ndjson) for the sample's 双随机 inspections. Each draw is run with the portal's own
 * algorithm (@sunlight/verify/draw) on an explicit object pool and the agency's certified officers;
 * the inspections citing it then take their enterprise and officers from its result, so the published
 * commitment, seed and result check out and every inspection is one the draw actually picked.
 * Sample seeds are derived from the sample seed: fictional data, reproducible on purpose.
 */
import { createHash } from 'node:crypto';
import type { DrawRecord } from '@sunlight/domain/schemas/draw';
import type { Enterprise } from '@sunlight/domain/schemas/enterprise';
import { MIN_INSPECTORS, type Inspection } from '@sunlight/domain/schemas/inspection';
import { DRAW_ALGORITHM_V1, drawCommitment, drawInputsHash, normaliseDrawInputs, runDraw } from '@sunlight/verify/draw';
import { addDays, isoDate, type Random } from './random.ts';
import type { Reference } from './reference.ts';

/** Candidates per enterprise drawn (at least POOL_MIN): the 执法对象库 the draw picks from. */
const POOL_FACTOR = 8;
const POOL_MIN = 30;

/**
 * Builds one revealed draw per drawId cited in `inspections` and rewrites those inspections'
 * enterprise and officers to the draw's assignments (in place). Returns the draws in id order.
 */
export function buildDraws(
  rng: Random,
  ref: Reference,
  enterprises: readonly Enterprise[],
  inspections: Inspection[],
): DrawRecord[] {
  const byDraw = new Map<string, Inspection[]>();
  for (const i of inspections) {
    if (!i.drawId) continue;
    const list = byDraw.get(i.drawId);
    if (list) list.push(i);
    else byDraw.set(i.drawId, [i]);
  }
  const itemField = new Map(ref.inspectionItems.map((x) => [x.code, x.field]));
  const companies = enterprises.filter((e) => e.type === '企业');
  const draws: DrawRecord[] = [];
  for (const id of [...byDraw.keys()].sort()) {
    const group = byDraw.get(id)!;
    const r = rng.fork(id);
    const agencyId = group[0]!.agencyId;
    const itemCodes = [...new Set(group.flatMap((i) => i.itemCodes))];
    const fields = [...new Set(itemCodes.map((c) => itemField.get(c)).filter((f) => f !== undefined))];
    const certified = ref.inspectors.filter((p) => p.agencyId === agencyId && p.status === 'valid');
    const inField = certified.filter((p) => p.fields.some((f) => fields.includes(f)));
    const officers = inField.length >= MIN_INSPECTORS ? inField : certified;
    const inputs = normaliseDrawInputs({
      agencyId,
      itemCodes,
      enterprisePool: r.sample(companies, Math.max(POOL_MIN, group.length * POOL_FACTOR)).map((e) => e.creditCode),
      inspectorPool: officers.map((p) => p.id),
      enterpriseCount: group.length,
      inspectorsPerEnterprise: MIN_INSPECTORS,
    });
    const seed = createHash('sha256').update(`${ref.seed}/draw/${id}`).digest('hex');
    const result = runDraw(inputs, seed);
    group.forEach((inspection, k) => {
      const a = result.assignments[k]!;
      inspection.enterpriseCreditCode = a.enterpriseCreditCode;
      inspection.inspectorIds = a.inspectorIds;
    });
    // Drawn two days before the first task was created, revealed the next morning.
    const first = group.map((i) => i.createdAt.slice(0, 10)).sort()[0]!;
    const day = new Date(`${first}T00:00:00Z`);
    draws.push({
      id,
      agencyId,
      status: 'revealed',
      algorithm: DRAW_ALGORITHM_V1,
      criteria: { explicitPool: true, fields },
      inputs,
      inputsHash: drawInputsHash(inputs),
      commitment: drawCommitment(seed),
      seed,
      result,
      createdAt: `${isoDate(addDays(day, -2))}T09:30:00+08:00`,
      revealedAt: `${isoDate(addDays(day, -1))}T10:00:00+08:00`,
    });
  }
  return draws;
}
