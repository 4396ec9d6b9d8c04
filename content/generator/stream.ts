/**
 * Constant-memory stream of synthetic disclosures (and the enterprises they
 * concern), built with the same per-record factories as the committed sample
 * and resolving against the committed sample's agencies, laws, powers and
 * four lists. Record i depends only on (seed, i) and a bounded amount of
 * state (serial counters per agency-year, a ring of recent enterprises for
 * repeat offenders), so memory does not grow with `count`.
 */
import type { PartyType } from '@sunlight/domain/schemas/common';
import type { DisclosureRecord } from '@sunlight/domain/schemas/disclosure';
import { DisclosureRecordSchema } from '@sunlight/domain/schemas/disclosure';
import { EnterpriseSchema, type Enterprise, type EnterpriseType } from '@sunlight/domain/schemas/enterprise';
import { DEFAULT_PUBLICATION_RULES, type PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import { createDisclosureContext, makeDisclosure, PARTY_MIX, pickPower } from './disclosures.ts';
import { makeEnterprise } from './enterprises.ts';
import { orderKeys } from './ndjson.ts';
import { addDays, Random } from './random.ts';
import { buildReference, REFERENCE_DATE, SAMPLE_SEED } from './reference.ts';
import { WeightedTable } from './weighted.ts';

export interface GeneratedDisclosure {
  /** Present when this disclosure introduces a new enterprise (emit it before the disclosure). */
  enterprise?: Enterprise;
  disclosure: DisclosureRecord;
}

export interface StreamOptions {
  count: number;
  seed?: string;
  /** Fixed "today"; defaults to the sample's reference date. */
  referenceDate?: Date;
  rules?: readonly PublicationRule[];
  /**
   * Share of the decisions taken in the last `recentDays` before the reference date (the rest spread
   * evenly over the five years before). 0 (default): all spread evenly. The sample uses a large share
   * so that most of its decisions are inside their publication period on its "today".
   */
  recent?: { share: number; days: number };
}

/** Day offset from the start of the span for position q ∈ [0, 1): monotone, so records stay in date order. */
function dayAt(q: number, spanDays: number, recent: { share: number; days: number } | undefined): number {
  if (!recent || recent.share <= 0) return Math.floor(q * spanDays);
  const early = spanDays - recent.days;
  const cut = 1 - recent.share;
  return q < cut ? Math.floor((q / cut) * early) : early + Math.floor(((q - cut) / recent.share) * recent.days);
}

/** Share of organisation disclosures that concern an enterprise already penalised (repeat offenders). */
const REPEAT_RATE = 0.08;
const RING_SIZE = 512;

/** Credit-code namespace: the sample uses 2; other seeds get their own. */
export function enterpriseSalt(seed: string): number {
  if (seed === SAMPLE_SEED) return 2;
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (Math.imul(h, 31) + seed.charCodeAt(i)) >>> 0;
  return 3 + (h % 1_000_000);
}

/** The stream's state after it ends: how many enterprises it introduced (sample.ts continues numbering from here). */
export interface StreamSummary {
  enterprises: number;
  disclosures: number;
}

/** Field order of the written records: the schema's own order, so files read like the 双公示 item list. */
const ENTERPRISE_KEYS = Object.keys(EnterpriseSchema.shape);
const DISCLOSURE_KEYS = Object.keys(DisclosureRecordSchema.shape);

export function* generateDisclosures(opts: StreamOptions): Generator<GeneratedDisclosure, StreamSummary, undefined> {
  const seed = opts.seed ?? SAMPLE_SEED;
  const referenceDate = opts.referenceDate ?? REFERENCE_DATE;
  // Reference data always comes from the sample seed so that records resolve against content/sample.
  const ref = buildReference(SAMPLE_SEED, referenceDate);
  const ctx = createDisclosureContext(ref, opts.rules ?? DEFAULT_PUBLICATION_RULES);
  const partyTable = new WeightedTable(PARTY_MIX);
  const salt = enterpriseSalt(seed);
  const rings: Record<'org' | 'shop', Enterprise[]> = { org: [], shop: [] };
  let nextEnterprise = 0;
  const count = Math.max(0, Math.floor(opts.count));
  for (let i = 0; i < count; i++) {
    const rng = new Random(`${seed}/disclosure/${i}`);
    const partyType: PartyType = partyTable.draw(rng);
    const power = pickPower(rng, ctx, partyType);
    // decisions in date order over five years (evenly, or with a recent share: opts.recent)
    const decisionDate = addDays(ctx.start, dayAt((i + rng.float()) / count, ctx.spanDays, opts.recent));
    let enterprise: Enterprise | undefined;
    let introduced: Enterprise | undefined;
    if (partyType !== '自然人') {
      const ring = rings[partyType === '个体工商户' ? 'shop' : 'org'];
      if (ring.length > 8 && rng.chance(REPEAT_RATE)) {
        enterprise = ring[rng.int(0, ring.length - 1)];
      } else {
        const type: EnterpriseType =
          partyType === '个体工商户'
            ? '个体工商户'
            : rng.chance(0.97)
              ? '企业'
              : rng.pick(['农民专业合作社', '社会组织'] as const);
        const k = nextEnterprise++;
        enterprise = makeEnterprise(new Random(`${seed}/enterprise/${k}`), k, {
          type,
          field: power.instance.field,
          referenceDate,
          salt,
        });
        introduced = enterprise;
        if (ring.length < RING_SIZE) ring.push(enterprise);
        else ring[k % RING_SIZE] = enterprise;
      }
    }
    const args = { decisionDate, partyType, power, ...(enterprise ? { enterprise } : {}) };
    const disclosure = orderKeys(makeDisclosure(rng, ctx, args), DISCLOSURE_KEYS);
    yield introduced ? { enterprise: orderKeys(introduced, ENTERPRISE_KEYS), disclosure } : { disclosure };
  }
  return { enterprises: nextEnterprise, disclosures: count };
}
