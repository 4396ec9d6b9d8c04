/** 执法人员 (inspectors.json): 120 officers, weighted towards departments with their own teams. */
import type { Inspector } from '@sunlight/domain/schemas/inspector';
import { agencySchemaFields } from './agencies.ts';
import { officerCertificateNo } from './ids.ts';
import { personName } from './names.ts';
import { addDays, isoDate, pad, type Random } from './random.ts';
import { AGENCIES } from './vocabulary/agencies.ts';
import { INSPECTOR_TITLES } from './vocabulary/inspections.ts';

export function buildInspectors(rng: Random, count: number, referenceDate: Date): Inspector[] {
  const weights = AGENCIES.map(
    (a, i) =>
      [i, a.category === 'C' ? 5 : a.category === 'A' ? 3 : a.category === 'B' ? 2 : a.penalises ? 2 : 1] as const,
  );
  // every agency has at least two officers (inspections need pairs); the rest are weighted
  const assigned: number[] = [];
  AGENCIES.forEach((_, i) => assigned.push(i, i));
  while (assigned.length < count) assigned.push(rng.weighted(weights));
  const serials = new Map<number, number>();
  const out: Inspector[] = [];
  assigned.forEach((agencyIndex, n) => {
    const agency = AGENCIES[agencyIndex];
    if (agency === undefined) return;
    const r = rng.fork(`inspector/${n}`);
    const serial = (serials.get(agencyIndex) ?? 0) + 1;
    serials.set(agencyIndex, serial);
    const fields = agencySchemaFields(agency);
    // a few suspended and revoked certificates (never one of the two every agency is guaranteed)
    const extra = n >= AGENCIES.length * 2;
    const status: Inspector['status'] =
      extra && n % 17 === 3 ? 'suspended' : extra && n % 19 === 7 ? 'revoked' : 'valid';
    const validUntil =
      status === 'revoked' ? addDays(referenceDate, -r.int(30, 400)) : addDays(referenceDate, r.int(60, 4 * 365));
    const inspector: Inspector = {
      id: `insp-${agency.slug}-${pad(serial, 3)}`,
      name: personName(r),
      certificateNo: officerCertificateNo(agencyIndex, 100 + serial * 7 + r.int(0, 6)),
      agencyId: agency.slug,
      fields:
        fields.length > 1
          ? r.sample(fields, r.int(1, fields.length)).sort((a, b) => fields.indexOf(a) - fields.indexOf(b))
          : fields,
      status,
      validUntil: isoDate(validUntil),
      title: r.pick(INSPECTOR_TITLES),
    };
    out.push(inspector);
  });
  return out;
}
