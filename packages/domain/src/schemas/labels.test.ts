import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as domain from '../index';

const pairs: [string, z.ZodObject, Record<string, string>][] = [
  ['Agency', domain.AgencySchema, domain.agencyFieldLabels],
  ['LegalBasis', domain.LegalBasisSchema, domain.legalBasisFieldLabels],
  ['PowerItem', domain.PowerItemSchema, domain.powerItemFieldLabels],
  ['EnforcementItem', domain.EnforcementItemSchema, domain.enforcementItemFieldLabels],
  ['InspectionItem', domain.InspectionItemSchema, domain.inspectionItemFieldLabels],
  ['Inspector', domain.InspectorSchema, domain.inspectorFieldLabels],
  ['DiscretionItem', domain.DiscretionItemSchema, domain.discretionItemFieldLabels],
  ['Enterprise', domain.EnterpriseSchema, domain.enterpriseFieldLabels],
  ['DisclosureRecord', domain.DisclosureRecordSchema, domain.disclosureFieldLabels],
  ['Inspection', domain.InspectionSchema, domain.inspectionFieldLabels],
  ['InspectionCap', domain.InspectionCapSchema, domain.inspectionCapFieldLabels],
  ['Certificate', domain.CertificateSchema, domain.certificateFieldLabels],
  ['Evaluation', domain.EvaluationSchema, domain.evaluationFieldLabels],
  ['CheckIn', domain.CheckInSchema, domain.checkInFieldLabels],
  ['PublicationRule', domain.PublicationRuleSchema, domain.publicationRuleFieldLabels],
  ['Site', domain.SiteSchema, domain.siteFieldLabels],
];

describe('field labels', () => {
  it.each(pairs)('%s labels every field in Chinese and nothing else', (_name, schema, labels) => {
    const fields = Object.keys(schema.shape);
    const topLevel = Object.keys(labels).filter((k) => !k.includes('.'));
    expect(topLevel.sort()).toEqual([...fields].sort());
    for (const label of Object.values(labels)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });
});
