/**
 * Writes the committed sample set into content/sample/, deterministically
 * (fixed seed, fixed reference date). Run: npx tsx content/generator/sample.ts [outDir]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { rm } from 'node:fs/promises';
import { CONTENT_FILES, type ContentFileKey } from '@sunlight/domain/content-files';
import type { DisclosureRecord } from '@sunlight/domain/schemas/disclosure';
import { EnterpriseSchema, type Enterprise } from '@sunlight/domain/schemas/enterprise';
import { makeEnterprise, POOL_TYPES } from './enterprises.ts';
import { buildDraws } from './draws.ts';
import { buildFeedback } from './feedback.ts';
import { buildInspections, linkFollowUpPenalties } from './inspections.ts';
import { buildPermits } from './permits.ts';
import { buildReports } from './reports.ts';
import { NdjsonWriter, orderKeys, writeJson } from './ndjson.ts';
import { isoDate, Random } from './random.ts';
import { buildReference, COUNTS, REFERENCE_DATE, SAMPLE_SEED } from './reference.ts';
import {
  buildInspectionCaps,
  buildPublicationRules,
  buildSite,
  buildSupervisionSettings,
  buildCalendar,
} from './settings.ts';
import { enterpriseSalt, generateDisclosures } from './stream.ts';

export const DEFAULT_SAMPLE_DIR = fileURLToPath(new URL('../sample/', import.meta.url));

/** File name of each content file, from the registry the checker and the portal's loader read too. */
export const SAMPLE_FILES = Object.fromEntries(Object.entries(CONTENT_FILES).map(([k, f]) => [k, f.name])) as {
  [K in ContentFileKey]: (typeof CONTENT_FILES)[K]['name'];
};

/** Most sample decisions fall in the last 75 days before the reference date, so most are public on it. */
export const SAMPLE_RECENT = { share: 0.9, days: 75 } as const;

export type SampleCounts = Record<keyof typeof SAMPLE_FILES, number>;

export async function writeSample(outDir: string = DEFAULT_SAMPLE_DIR): Promise<SampleCounts> {
  const dir = resolve(outDir);
  const seed = SAMPLE_SEED;
  const ref = buildReference(seed, REFERENCE_DATE);
  const rules = buildPublicationRules();
  const f = (name: string) => join(dir, name);

  await rm(dir, { recursive: true, force: true });
  await writeJson(f(SAMPLE_FILES.site), buildSite());
  // The portal shifts the sample's dates from this day to the day it first seeds (shift-dates.ts).
  await writeJson(f(SAMPLE_FILES.sampleClock), { referenceDate: isoDate(REFERENCE_DATE) });
  await writeJson(f(SAMPLE_FILES.agencies), ref.agencies);
  await writeJson(f(SAMPLE_FILES.laws), ref.lib.laws);
  await writeJson(f(SAMPLE_FILES.powers), ref.powers.items);
  await writeJson(f(SAMPLE_FILES.enforcementItems), ref.enforcementItems);
  await writeJson(f(SAMPLE_FILES.inspectionItems), ref.inspectionItems);
  await writeJson(f(SAMPLE_FILES.inspectors), ref.inspectors);
  await writeJson(f(SAMPLE_FILES.discretion), ref.discretion.items);
  await writeJson(f(SAMPLE_FILES.publicationRules), rules);
  const caps = buildInspectionCaps(ref);
  await writeJson(f(SAMPLE_FILES.inspectionCaps), caps);
  await writeJson(f(SAMPLE_FILES.supervision), buildSupervisionSettings());
  await writeJson(f(SAMPLE_FILES.calendar), buildCalendar());

  // Disclosures and the enterprises they introduce come from the same stream as `sunlight generate`.
  const enterpriseKeys = Object.keys(EnterpriseSchema.shape);
  const enterprises: Enterprise[] = [];
  const disclosures: DisclosureRecord[] = [];
  const stream = generateDisclosures({
    count: COUNTS.disclosures,
    seed,
    referenceDate: REFERENCE_DATE,
    rules,
    recent: SAMPLE_RECENT,
  });
  let step = stream.next();
  while (!step.done) {
    if (step.value.enterprise) enterprises.push(step.value.enterprise);
    disclosures.push(step.value.disclosure);
    step = stream.next();
  }
  // The rest of the object pool (执法对象库): enterprises without any penalty.
  const salt = enterpriseSalt(seed);
  for (let k = step.value.enterprises; enterprises.length < COUNTS.enterprises; k++) {
    const r = new Random(`${seed}/enterprise/${k}`);
    enterprises.push(makeEnterprise(r, k, { type: r.weighted(POOL_TYPES), referenceDate: REFERENCE_DATE, salt }));
  }
  const { inspections, certificates, planted } = buildInspections(
    new Random(seed).fork('inspections'),
    ref,
    enterprises,
    COUNTS.inspections,
  );
  linkFollowUpPenalties(inspections, disclosures, enterprises, planted);
  // The 双随机 draws the inspections cite; each draw's result picks exactly the inspected enterprises.
  const draws = buildDraws(new Random(seed).fork('draws'), ref, enterprises, inspections);
  // 行政许可 of sample enterprises (and a few natural persons), most valid on the reference date.
  const permits = buildPermits(new Random(seed).fork('permits'), ref, enterprises, COUNTS.permits);
  // What the inspected businesses said: check-ins and evaluations, as their sample business identities.
  const feedback = buildFeedback(new Random(seed).fork('feedback'), ref, inspections, certificates, planted);
  // 反映问题 without a certificate, and how far the supervisors got with them.
  const reports = buildReports(new Random(seed).fork('reports'), ref);

  const writeAll = async (name: string, records: readonly object[], keys: readonly string[] = []) => {
    const w = await NdjsonWriter.open(f(name));
    for (const r of records) await w.write(keys.length > 0 ? orderKeys(r, keys) : r);
    await w.close();
  };
  await writeAll(SAMPLE_FILES.enterprises, enterprises, enterpriseKeys);
  await writeAll(SAMPLE_FILES.disclosures, disclosures);
  await writeAll(SAMPLE_FILES.inspections, inspections);
  await writeAll(SAMPLE_FILES.certificates, certificates);
  await writeAll(SAMPLE_FILES.draws, draws);
  await writeAll(SAMPLE_FILES.permits, permits);
  await writeAll(SAMPLE_FILES.feedback, feedback);
  await writeAll(SAMPLE_FILES.reports, reports);

  return {
    site: 1,
    agencies: ref.agencies.length,
    laws: ref.lib.laws.length,
    powers: ref.powers.items.length,
    enforcementItems: ref.enforcementItems.length,
    inspectionItems: ref.inspectionItems.length,
    inspectors: ref.inspectors.length,
    discretion: ref.discretion.items.length,
    publicationRules: rules.length,
    inspectionCaps: caps.length,
    supervision: 1,
    calendar: 1,
    enterprises: enterprises.length,
    disclosures: disclosures.length,
    inspections: inspections.length,
    certificates: certificates.length,
    draws: draws.length,
    permits: permits.length,
    feedback: feedback.length,
    reports: reports.length,
    sampleClock: 1,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? DEFAULT_SAMPLE_DIR;
  const counts = await writeSample(out);
  for (const [k, v] of Object.entries(counts))
    process.stdout.write(`${SAMPLE_FILES[k as keyof typeof SAMPLE_FILES].padEnd(24)} ${v}\n`);
}
