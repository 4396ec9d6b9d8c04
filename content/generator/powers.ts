/** 权责清单 (powers.json): one item per (agency, power); penalty powers come from the law library's violations. */
import { POWER_TYPE_CODES, type PowerType } from '@sunlight/domain/schemas/common';
import type { PowerItem } from '@sunlight/domain/schemas/power-item';
import type { LawLibrary, ViolationInstance } from './laws.ts';
import { pad, type Random } from './random.ts';
import { AGENCIES, type AgencyDef } from './vocabulary/agencies.ts';
import { ACCOUNTABILITY, RESPONSIBILITIES } from './vocabulary/duties.ts';
import { FIELD_BY_CODE, schemaField, type FieldCode } from './vocabulary/fields.ts';
import { FIELD_TEXTS } from './vocabulary/field-texts.ts';

export interface PenaltyPower {
  item: PowerItem;
  agency: AgencyDef;
  instance: ViolationInstance;
}

export interface PowerSet {
  items: PowerItem[];
  penalties: PenaltyPower[];
  byCode: Map<string, PowerItem>;
}

/** Agencies that exercise a field: departments own it; zones and streets hold delegated powers. */
export function agenciesForField(field: FieldCode): AgencyDef[] {
  return AGENCIES.filter((a) => a.penalises && a.fields.includes(field));
}

export function buildPowers(rng: Random, lib: LawLibrary): PowerSet {
  const counters = new Map<PowerType, number>();
  const items: PowerItem[] = [];
  const penalties: PenaltyPower[] = [];
  const nextCode = (type: PowerType) => {
    const n = (counters.get(type) ?? 0) + 1;
    counters.set(type, n);
    return `${POWER_TYPE_CODES[type]}-${pad(n, 6)}`;
  };
  const make = (
    type: PowerType,
    name: string,
    agency: AgencyDef,
    field: FieldCode,
    basis: PowerItem['basis'],
    description?: string,
  ): PowerItem => {
    const r = rng.fork(`${agency.slug}/${type}/${name}`);
    const resp = RESPONSIBILITIES[type];
    const acc = ACCOUNTABILITY[type];
    const item: PowerItem = {
      code: nextCode(type),
      name,
      type,
      basis,
      agencyId: agency.slug,
      field: schemaField(field),
      responsibilities:
        resp.length > 4
          ? r.sample(resp, r.int(4, resp.length)).sort((a, b) => resp.indexOf(a) - resp.indexOf(b))
          : [...resp],
      accountability:
        acc.length > 3 ? r.sample(acc, r.int(3, acc.length)).sort((a, b) => acc.indexOf(a) - acc.indexOf(b)) : [...acc],
    };
    if (description !== undefined) item.description = description;
    items.push(item);
    return item;
  };

  // 行政处罚: departments take every violation of their fields; delegated bodies (A/B) most of them.
  for (const agency of AGENCIES) {
    if (!agency.penalises) continue;
    const r = rng.fork(`delegate/${agency.slug}`);
    for (const field of agency.fields) {
      const delegated = agency.category === 'A' || agency.category === 'B';
      const seen = new Set<string>();
      for (const inst of lib.violations) {
        if (inst.field !== field) continue;
        // one power per violation per agency: the first law that states it is the one cited
        if (seen.has(inst.def.key)) continue;
        seen.add(inst.def.key);
        if (delegated && !r.chance(0.8)) continue;
        const item = make(
          '行政处罚',
          `对${inst.def.act}的行政处罚`,
          agency,
          field,
          [
            { lawCode: inst.lawCode, article: inst.penalty },
            { lawCode: inst.lawCode, article: inst.duty },
          ],
          `依据《${inst.lawTitle}》实施${delegated ? '（区政府依法赋权）' : ''}。`,
        );
        penalties.push({ item, agency, instance: inst });
      }
    }
  }

  // Non-penalty powers conferred by specific articles: exercised by the field's departments (C/D) or, failing that, anyone.
  for (const s of lib.specials) {
    const owners = agenciesForField(s.field);
    const departments = owners.filter((a) => a.category === 'C' || a.category === 'D');
    const chosen = departments.length > 0 ? departments.slice(0, 1) : owners.slice(0, 1);
    for (const agency of chosen)
      make(s.power.type, s.power.name, agency, s.field, [s.ref], `依据《${s.lawTitle}》实施。`);
  }

  // 行政检查 and 行政强制 from each field law's supervision article, for the field's departments.
  const doneCheck = new Set<string>();
  for (const sup of lib.supervision) {
    const ft = FIELD_TEXTS[sup.field];
    const fname = FIELD_BY_CODE.get(sup.field)?.name ?? '';
    const random = lib.randomInspection.find((x) => x.ref.lawCode === sup.ref.lawCode && x.field === sup.field);
    for (const agency of agenciesForField(sup.field)) {
      const key = `${agency.slug}/${sup.field}`;
      if (!doneCheck.has(key)) {
        doneCheck.add(key);
        const basis = [sup.ref];
        if (random) basis.push(random.ref);
        make(
          '行政检查',
          `对${ft.objectType}${fname}情况的行政检查`,
          agency,
          sup.field,
          basis,
          `依据《${sup.lawTitle}》等实施。`,
        );
        if (agency.category === 'C' || agency.category === 'D') {
          make('行政强制', `查封、扣押${ft.goods}`, agency, sup.field, [sup.ref], `依据《${sup.lawTitle}》实施。`);
        }
      }
    }
  }

  // 行政奖励 for reports, 其他 for credit measures, one per department field.
  const creditRef = lib.disclosureRule.get('repair');
  for (const agency of AGENCIES) {
    if (agency.category !== 'C' && agency.category !== 'D') continue;
    const field = agency.fields[0];
    if (field === undefined || creditRef === undefined) continue;
    make('其他', `${FIELD_BY_CODE.get(field)?.name ?? ''}领域行政处罚信息信用修复`, agency, field, [creditRef]);
  }
  const byCode = new Map(items.map((i) => [i.code, i]));
  return { items, penalties, byCode };
}
