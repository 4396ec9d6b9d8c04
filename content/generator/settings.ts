/** Small configuration files: site.json, publication-rules.json, inspection-caps.json, supervision.json. */
import { CalendarSchema, type Calendar } from '@sunlight/domain/schemas/calendar';
import type { Field } from '@sunlight/domain/schemas/common';
import type { InspectionCap } from '@sunlight/domain/schemas/inspection-cap';
import { DEFAULT_PUBLICATION_RULES, type PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import type { Site } from '@sunlight/domain/schemas/site';
import { SupervisionSettingsSchema, type SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import { articleLabel } from '@sunlight/domain/numerals';
import type { Reference } from './reference.ts';
import { DIVISION_CODE, DISTRICT_FULL, JURISDICTION_NAME, SAMPLE_NOTICE } from './vocabulary/jurisdiction.ts';
import { FIELDS } from './vocabulary/fields.ts';

export function buildSite(): Site {
  return {
    districtName: JURISDICTION_NAME,
    siteName: `${JURISDICTION_NAME}阳光执法`,
    fictional: true,
    bannerText: SAMPLE_NOTICE,
    baseUrl: 'https://sunlight.example.org',
    divisionCode: DIVISION_CODE,
    timezone: 'Asia/Shanghai',
    supervisorName: `${DISTRICT_FULL}司法局`,
  };
}

export function buildPublicationRules(): PublicationRule[] {
  return structuredClone(DEFAULT_PUBLICATION_RULES);
}

const HIGH_RISK: ReadonlySet<Field> = new Set(['安全生产', '消防', '生态环境']);
const LOW: ReadonlySet<Field> = new Set(['商务', '教育', '民政', '人力资源社会保障', '文化旅游']);

function fieldSlug(field: Field): string {
  return FIELDS.find((f) => f.schemaField === field)?.code ?? (field === '综合执法' ? 'comprehensive' : 'other');
}

/** Published annual caps per agency and field (2025 and 2026), citing the local enterprise-inspection rule. */
export function buildInspectionCaps(ref: Reference): InspectionCap[] {
  const capRef = ref.lib.inspectionRule.get('cap');
  const rule = capRef ? ref.lib.byCode.get(capRef.lawCode) : undefined;
  const basis = rule && capRef ? `《${rule.title}》${articleLabel(capRef.article)}` : '《示例市涉企行政检查规定》';
  const out: InspectionCap[] = [];
  const seen = new Set<string>();
  for (const item of ref.inspectionItems) {
    const key = `${item.agencyId}|${item.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const year of [2025, 2026]) {
      out.push({
        id: `cap-${item.agencyId}-${fieldSlug(item.field)}-${year}`,
        agencyId: item.agencyId,
        field: item.field,
        year,
        maxPerEnterprise: HIGH_RISK.has(item.field) ? 4 : LOW.has(item.field) ? 1 : 2,
        basis,
      });
    }
  }
  return out;
}

/**
 * Supervision thresholds and weights: the schema's defaults, plus the rating dimensions the sample
 * district's low-rating alert watches. (Holidays come from the working-day calendar, working-days.ts.)
 */
export function buildSupervisionSettings(): SupervisionSettings {
  const defaults = SupervisionSettingsSchema.parse({});
  return SupervisionSettingsSchema.parse({
    ...defaults,
    alerts: {
      ...defaults.alerts,
      lowRating: { ...defaults.alerts.lowRating, dimensions: ['overall', 'lawfulness', 'integrity'] },
    },
  });
}

/**
 * calendar.json: the deployment's additions to the national working-day calendar (working-days.ts).
 * The sample adds none: the npm package's dates apply. A deployment lists a year the package does not
 * cover yet (or a local holiday) from the State Council notice.
 */
export function buildCalendar(): Calendar {
  return CalendarSchema.parse({
    basis:
      '全国法定节假日和调休上班日取自 npm 包 chinese-days（依据国务院办公厅每年的部分节假日安排通知）；本文件只列补充或更正的日期。',
    holidays: [],
    workdays: [],
  });
}
