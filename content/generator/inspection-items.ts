/** 检查事项清单 (inspection-items.json): per agency and field, from the field's inspection topics. */
import type { BasisRef } from '@sunlight/domain/schemas/common';
import { INSPECTION_METHODS, type InspectionItem } from '@sunlight/domain/schemas/inspection-item';
import type { LawLibrary } from './laws.ts';
import type { PowerSet } from './powers.ts';
import { pad, type Random } from './random.ts';
import { AGENCIES } from './vocabulary/agencies.ts';
import { FIELD_TEXTS } from './vocabulary/field-texts.ts';
import { schemaField } from './vocabulary/fields.ts';
import { FREQUENCIES, INSPECTION_TOPICS, METHODS_BY_FIELD } from './vocabulary/inspections.ts';

export function buildInspectionItems(rng: Random, lib: LawLibrary, powers: PowerSet): InspectionItem[] {
  const out: InspectionItem[] = [];
  for (const agency of AGENCIES) {
    if (!agency.penalises) continue;
    for (const field of agency.fields) {
      const r = rng.fork(`${agency.slug}/${field}`);
      const delegated = agency.category === 'A' || agency.category === 'B';
      const topics = INSPECTION_TOPICS[field];
      const chosen = delegated ? r.sample(topics, Math.max(3, Math.ceil(topics.length * 0.85))) : topics;
      const sup = lib.supervision.find((s) => s.field === field);
      const random = lib.randomInspection.find((s) => s.field === field);
      const checkPower = powers.items.find(
        (p) => p.type === '行政检查' && p.agencyId === agency.slug && p.field === schemaField(field),
      );
      for (const [name, violationKey] of chosen) {
        const basis: BasisRef[] = [];
        const inst = violationKey
          ? lib.violations.find((v) => v.field === field && v.def.key === violationKey)
          : undefined;
        if (inst) basis.push({ lawCode: inst.lawCode, article: inst.duty });
        if (sup) basis.push(sup.ref);
        if (random && !basis.some((b) => b.lawCode === random.ref.lawCode && b.article === random.ref.article))
          basis.push(random.ref);
        const isRandom = !name.includes('巡查') && r.chance(0.85);
        const methods = METHODS_BY_FIELD[field] ?? ['现场检查', '书面检查'];
        const [frequency, times] = r.pick(FREQUENCIES);
        const item: InspectionItem = {
          code: `JCSX-${pad(out.length + 1, 6)}`,
          name,
          agencyId: agency.slug,
          field: schemaField(field),
          basis,
          objectType: FIELD_TEXTS[field].objectType,
          methods: r
            .sample(methods, r.int(1, Math.min(3, methods.length)))
            .sort((a, b) => INSPECTION_METHODS.indexOf(a) - INSPECTION_METHODS.indexOf(b)),
          ratio: isRandom ? r.pick([3, 5, 5, 10, 10, 15, 20, 30]) : 100,
          frequency: isRandom ? frequency : '日常巡查，发现问题及时处置',
          timesPerYear: isRandom ? times : r.int(4, 12),
          random: isRandom,
          content: `检查${FIELD_TEXTS[field].objectType}${name.replace(/检查$|巡查$|抽查$/, '')}，查阅相关台账记录，核实是否符合有关法律、法规、规章的规定。`,
        };
        if (checkPower) item.powerCode = checkPower.code;
        out.push(item);
      }
    }
  }
  return out;
}
