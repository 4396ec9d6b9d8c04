/** Small configuration files: site.json, publication-rules.json, inspection-caps.json, supervision.json. */
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
 * Supervision thresholds and weights: the schema's defaults, plus the sample district's public
 * holidays (for the off-hours certificate alert) and the rating dimensions its low-rating alert watches.
 */
export function buildSupervisionSettings(): SupervisionSettings {
  const defaults = SupervisionSettingsSchema.parse({});
  return SupervisionSettingsSchema.parse({
    ...defaults,
    alerts: {
      ...defaults.alerts,
      lowRating: { ...defaults.alerts.lowRating, dimensions: ['overall', 'lawfulness', 'integrity'] },
      offHours: {
        ...defaults.alerts.offHours,
        holidays: [
          '2025-01-01',
          '2025-05-01',
          '2025-10-01',
          '2025-10-02',
          '2025-10-03',
          '2026-01-01',
          '2026-05-01',
          '2026-10-01',
          '2026-10-02',
          '2026-10-05',
        ],
      },
    },
  });
}
