/** 执法主体 (agencies.json). */
import type { Agency } from '@sunlight/domain/schemas/agency';
import type { Field } from '@sunlight/domain/schemas/common';
import { creditCodeFor, fictionalLandline } from './ids.ts';
import type { Random } from './random.ts';
import { AGENCIES, type AgencyDef } from './vocabulary/agencies.ts';
import { schemaField } from './vocabulary/fields.ts';
import { DISTRICT_FULL } from './vocabulary/jurisdiction.ts';

export const AGENCY_CODE_SALT = 1;

export function agencySchemaFields(def: AgencyDef): Field[] {
  const fields = new Set<Field>(def.fields.map(schemaField));
  if (def.category === 'B') fields.add('综合执法');
  if (fields.size === 0) fields.add('综合执法');
  return [...fields];
}

export function buildAgencies(rng: Random): Agency[] {
  return AGENCIES.map((def, i) => {
    const r = rng.fork(def.slug);
    const level: Agency['level'] =
      def.category === 'A'
        ? '开发区'
        : def.category === 'B'
          ? def.name.endsWith('镇人民政府')
            ? '镇'
            : '街道'
          : '区级';
    const agency: Agency = {
      id: def.slug,
      name: def.name,
      shortName: def.shortName,
      // 执法大队 under a department are 事业单位 (12); everything else is a 机关 (11).
      creditCode: creditCodeFor(
        def.name.endsWith('大队') || def.name.endsWith('支队') ? '12' : '11',
        i,
        AGENCY_CODE_SALT,
      ),
      level,
      category: def.category,
      fields: agencySchemaFields(def),
      address: `${DISTRICT_FULL}${def.road}${def.number}号`,
      phone: fictionalLandline(r),
      complaintPhone: r.chance(0.5) ? '12345' : fictionalLandline(r),
      remedy: {
        reconsiderationBody: `${DISTRICT_FULL}人民政府`,
        litigationCourt: `${DISTRICT_FULL}人民法院`,
        notes:
          '对行政执法决定不服的，可以自知道该决定之日起六十日内申请行政复议，或者自知道该决定之日起六个月内直接向人民法院提起行政诉讼。',
      },
    };
    if (def.parent !== undefined) agency.parentId = def.parent;
    return agency;
  });
}
