import type { z } from 'zod';
import { AgencySchema, agencyFieldLabels } from './schemas/agency';
import { CalendarSchema, calendarFieldLabels } from './schemas/calendar';
import { CertificateSchema, certificateFieldLabels } from './schemas/certificate';
import { DisclosureRecordSchema, disclosureFieldLabels } from './schemas/disclosure';
import { DrawRecordSchema, drawFieldLabels } from './schemas/draw';
import { DiscretionItemSchema, discretionItemFieldLabels } from './schemas/discretion-item';
import { EnforcementItemSchema, enforcementItemFieldLabels } from './schemas/enforcement-item';
import { EnterpriseSchema, enterpriseFieldLabels } from './schemas/enterprise';
import { InspectionSchema, inspectionFieldLabels } from './schemas/inspection';
import { InspectionCapSchema, inspectionCapFieldLabels } from './schemas/inspection-cap';
import { InspectionItemSchema, inspectionItemFieldLabels } from './schemas/inspection-item';
import { InspectorSchema, inspectorFieldLabels } from './schemas/inspector';
import { LegalBasisSchema, legalBasisFieldLabels } from './schemas/legal-basis';
import { PermitRecordSchema, permitFieldLabels } from './schemas/permit';
import { PowerItemSchema, powerItemFieldLabels } from './schemas/power-item';
import { PublicationRulesSchema, publicationRuleFieldLabels } from './schemas/publication-rule';
import { SampleClockSchema, sampleClockFieldLabels } from './schemas/sample-clock';
import { SampleFeedbackSchema, sampleFeedbackFieldLabels } from './schemas/sample-feedback';
import { SampleReportSchema, sampleReportFieldLabels } from './schemas/sample-report';
import { SiteSchema, siteFieldLabels } from './schemas/site';
import { SupervisionSettingsSchema, supervisionSettingsFieldLabels } from './schemas/supervision-settings';

/**
 * The files of a content directory (content/sample/ or a deployment's own): what each holds and the schema
 * of its records. The generator writes them, `sunlight content check` validates them and the portal loads
 * them at start-up, all from this list.
 */
export interface ContentFile {
  name: string;
  /**
   * document: one JSON value validated as a whole; array: a JSON array of records; lines: NDJSON, one
   * record a line (streamed).
   */
  shape: 'document' | 'array' | 'lines';
  /** The whole file (document) or each record (array, lines). */
  schema: z.ZodType;
  labels: Readonly<Record<string, string>>;
  /** The field that identifies a record, where records have one. */
  idKey?: string;
  /** A content directory may leave it out (the schema's defaults apply, or nothing is loaded). */
  optional?: boolean;
  /**
   * Records of the deployment's own activity rather than reference catalogues: a check with a reference
   * directory never borrows them from it.
   */
  activity?: boolean;
}

const file = <F extends ContentFile>(f: F) => f;

/** In dependency order: each file refers only to files before it. */
export const CONTENT_FILES = {
  site: file({ name: 'site.json', shape: 'document', schema: SiteSchema, labels: siteFieldLabels }),
  publicationRules: file({
    name: 'publication-rules.json',
    shape: 'document',
    schema: PublicationRulesSchema,
    labels: publicationRuleFieldLabels,
  }),
  supervision: file({
    name: 'supervision.json',
    shape: 'document',
    schema: SupervisionSettingsSchema,
    labels: supervisionSettingsFieldLabels,
    optional: true,
  }),
  /** Additions to the national working-day calendar (holidays, 调休 workdays): see working-days.ts. */
  calendar: file({
    name: 'calendar.json',
    shape: 'document',
    schema: CalendarSchema,
    labels: calendarFieldLabels,
    optional: true,
  }),
  agencies: file({
    name: 'agencies.json',
    shape: 'array',
    schema: AgencySchema,
    labels: agencyFieldLabels,
    idKey: 'id',
  }),
  laws: file({
    name: 'laws.json',
    shape: 'array',
    schema: LegalBasisSchema,
    labels: legalBasisFieldLabels,
    idKey: 'code',
  }),
  powers: file({
    name: 'powers.json',
    shape: 'array',
    schema: PowerItemSchema,
    labels: powerItemFieldLabels,
    idKey: 'code',
  }),
  enforcementItems: file({
    name: 'enforcement-items.json',
    shape: 'array',
    schema: EnforcementItemSchema,
    labels: enforcementItemFieldLabels,
    idKey: 'code',
  }),
  inspectionItems: file({
    name: 'inspection-items.json',
    shape: 'array',
    schema: InspectionItemSchema,
    labels: inspectionItemFieldLabels,
    idKey: 'code',
  }),
  inspectors: file({
    name: 'inspectors.json',
    shape: 'array',
    schema: InspectorSchema,
    labels: inspectorFieldLabels,
    idKey: 'id',
  }),
  discretion: file({
    name: 'discretion.json',
    shape: 'array',
    schema: DiscretionItemSchema,
    labels: discretionItemFieldLabels,
    idKey: 'id',
  }),
  inspectionCaps: file({
    name: 'inspection-caps.json',
    shape: 'array',
    schema: InspectionCapSchema,
    labels: inspectionCapFieldLabels,
    idKey: 'id',
  }),
  enterprises: file({
    name: 'enterprises.ndjson',
    shape: 'lines',
    schema: EnterpriseSchema,
    labels: enterpriseFieldLabels,
    idKey: 'creditCode',
    activity: true,
  }),
  disclosures: file({
    name: 'disclosures.ndjson',
    shape: 'lines',
    schema: DisclosureRecordSchema,
    labels: disclosureFieldLabels,
    idKey: 'id',
    activity: true,
  }),
  inspections: file({
    name: 'inspections.ndjson',
    shape: 'lines',
    schema: InspectionSchema,
    labels: inspectionFieldLabels,
    idKey: 'id',
    activity: true,
  }),
  certificates: file({
    name: 'certificates.ndjson',
    shape: 'lines',
    schema: CertificateSchema,
    labels: certificateFieldLabels,
    idKey: 'certificateNo',
    optional: true,
    activity: true,
  }),
  /** The 双随机 draws inspections cite (revealed, re-runnable); required once an inspection cites one. */
  draws: file({
    name: 'draws.ndjson',
    shape: 'lines',
    schema: DrawRecordSchema,
    labels: drawFieldLabels,
    idKey: 'id',
    optional: true,
    activity: true,
  }),
  /** 行政许可 (the other half of 双公示): loaded through the permit write path, public while valid. */
  permits: file({
    name: 'permits.ndjson',
    shape: 'lines',
    schema: PermitRecordSchema,
    labels: permitFieldLabels,
    idKey: 'id',
    optional: true,
    activity: true,
  }),
  /**
   * Only in the fictional sample: the inspected businesses' check-ins and evaluations, submitted at load as
   * enrolled sample business identities through the mini-program's write path.
   */
  feedback: file({
    name: 'feedback.ndjson',
    shape: 'lines',
    schema: SampleFeedbackSchema,
    labels: sampleFeedbackFieldLabels,
    idKey: 'id',
    optional: true,
    activity: true,
  }),
  /**
   * Only in the fictional sample: 反映问题 filed through the report write path at load, their work orders
   * moved on and replied to as supervisors would.
   */
  reports: file({
    name: 'reports.ndjson',
    shape: 'lines',
    schema: SampleReportSchema,
    labels: sampleReportFieldLabels,
    idKey: 'id',
    optional: true,
    activity: true,
  }),
  /** Only in the fictional sample: the portal shifts its dates from this day to the day it first seeds. */
  sampleClock: file({
    name: 'sample-clock.json',
    shape: 'document',
    schema: SampleClockSchema,
    labels: sampleClockFieldLabels,
    optional: true,
  }),
} as const satisfies Record<string, ContentFile>;

export type ContentFileKey = keyof typeof CONTENT_FILES;
