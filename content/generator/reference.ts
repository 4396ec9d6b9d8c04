/**
 * The reference data every record points at (agencies, laws, powers, catalogue,
 * inspection items, inspectors, four lists), built deterministically from the
 * sample seed. The committed sample files ARE this data, so records generated
 * later (stream.ts) resolve against the committed sample.
 */
import type { Agency } from '@sunlight/domain/schemas/agency';
import type { EnforcementItem } from '@sunlight/domain/schemas/enforcement-item';
import type { InspectionItem } from '@sunlight/domain/schemas/inspection-item';
import type { Inspector } from '@sunlight/domain/schemas/inspector';
import { buildAgencies } from './agencies.ts';
import { buildDiscretion, type DiscretionSet } from './discretion.ts';
import { buildEnforcementItems } from './enforcement-items.ts';
import { buildInspectionItems } from './inspection-items.ts';
import { buildInspectors } from './inspectors.ts';
import { buildLawLibrary, type LawLibrary } from './laws.ts';
import { buildPowers, type PowerSet } from './powers.ts';
import { Random } from './random.ts';
import { AGENCIES, type AgencyDef } from './vocabulary/agencies.ts';

/** Seed of the committed sample set. Changing it rewrites every sample file. */
export const SAMPLE_SEED = 'sunlight-sample-v1';
/** Fixed "today" of the sample (never `new Date()`): decisions span the five years before it. */
export const REFERENCE_DATE = new Date(Date.UTC(2026, 10, 1));

export const COUNTS = {
  inspectors: 120,
  discretion: 250,
  enterprises: 3000,
  disclosures: 2000,
  inspections: 1000,
  permits: 800,
} as const;

export interface Reference {
  seed: string;
  referenceDate: Date;
  agencies: Agency[];
  agencyDefs: AgencyDef[];
  agencyById: Map<string, Agency>;
  agencyDefById: Map<string, AgencyDef>;
  lib: LawLibrary;
  powers: PowerSet;
  enforcementItems: EnforcementItem[];
  inspectionItems: InspectionItem[];
  inspectors: Inspector[];
  discretion: DiscretionSet;
}

const cache = new Map<string, Reference>();

export function buildReference(seed: string = SAMPLE_SEED, referenceDate: Date = REFERENCE_DATE): Reference {
  const key = `${seed}|${referenceDate.toISOString()}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rng = new Random(seed);
  const agencies = buildAgencies(rng.fork('agencies'));
  const lib = buildLawLibrary(rng.fork('laws'));
  const powers = buildPowers(rng.fork('powers'), lib);
  const enforcementItems = buildEnforcementItems(lib, powers);
  const inspectionItems = buildInspectionItems(rng.fork('inspection-items'), lib, powers);
  const inspectors = buildInspectors(rng.fork('inspectors'), COUNTS.inspectors, referenceDate);
  const discretion = buildDiscretion(rng.fork('discretion'), lib, powers, COUNTS.discretion);
  const ref: Reference = {
    seed,
    referenceDate,
    agencies,
    agencyDefs: AGENCIES,
    agencyById: new Map(agencies.map((a) => [a.id, a])),
    agencyDefById: new Map(AGENCIES.map((a) => [a.slug, a])),
    lib,
    powers,
    enforcementItems,
    inspectionItems,
    inspectors,
    discretion,
  };
  cache.set(key, ref);
  return ref;
}
