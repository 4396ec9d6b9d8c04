/**
 * 执法人员: anyone can check an officer's enforcement certificate. Only the name, certificate number, agency,
 * status, fields and validity leave this module — never the internal id, title, photo or anything else.
 */
import { FIELDS, type Field } from '@sunlight/domain/schemas/common';
import { INSPECTOR_STATUSES } from '@sunlight/domain/schemas/inspector';
import { todayInChina } from '@sunlight/domain/validators/dates';
import { toHalfWidth } from '@sunlight/domain/validators/text';
import { ENFORCEMENT_CERTIFICATE_PATTERN } from '@sunlight/domain/validators/certificate-no';
import type { Db } from '../db/types';
import {
  allOf,
  cleanQuery,
  likePattern,
  PAGE_SIZE,
  pageOf,
  paramsOf,
  parsePage,
  pick,
  slug,
  Where,
  type Paged,
  type ListQuery,
} from './common';
import type { CsvValue } from '../csv';
import { INSPECTOR_STATUS_TEXT, inspectorDisplayStatus, type InspectorDisplayStatus } from './labels';

export interface PublicInspector {
  name: string;
  certificateNo: string;
  agencyId: string;
  agencyName: string;
  agencyShortName: string;
  complaintPhone: string | undefined;
  fields: Field[];
  /** Stored status; see displayStatus for what a citizen is shown. */
  status: (typeof INSPECTOR_STATUSES)[number];
  validUntil: string;
  /** valid | expired (valid but past its date) | suspended | revoked */
  displayStatus: InspectorDisplayStatus;
}

const COLUMNS = `i.name, i.certificate_no AS "certificateNo", i.agency_id AS "agencyId", a.name AS "agencyName",
  coalesce(a.short_name, a.name) AS "agencyShortName", a.data->>'complaintPhone' AS "complaintPhone",
  i.data->'fields' AS fields, i.status, i.data->>'validUntil' AS "validUntil"`;

type Row = Omit<PublicInspector, 'displayStatus' | 'complaintPhone'> & { complaintPhone: string | null };

function toPublic(r: Row, today: string): PublicInspector {
  return {
    name: r.name,
    certificateNo: r.certificateNo,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    agencyShortName: r.agencyShortName,
    complaintPhone: r.complaintPhone ?? undefined,
    fields: r.fields,
    status: r.status,
    validUntil: r.validUntil,
    displayStatus: inspectorDisplayStatus(r.status, r.validUntil, today),
  };
}

/** Normalises what a person typed as a certificate number: half-width, no spaces or hyphens, upper case. */
export function normaliseCertificateNo(value: string | null | undefined): string {
  return toHalfWidth(value ?? '')
    .replace(/[\s\-—–]/g, '')
    .toUpperCase();
}

export type CertificateCheck =
  { kind: 'empty' } | { kind: 'invalid'; value: string } | { kind: 'valid-format'; certificateNo: string };

export function checkCertificateInput(value: string | null | undefined): CertificateCheck {
  const v = normaliseCertificateNo(value);
  if (!v) return { kind: 'empty' };
  return ENFORCEMENT_CERTIFICATE_PATTERN.test(v)
    ? { kind: 'valid-format', certificateNo: v }
    : { kind: 'invalid', value: v };
}

export async function findByCertificate(
  db: Db,
  certificateNo: string,
  today = todayInChina(),
): Promise<PublicInspector | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM inspectors i JOIN agencies a ON a.id = i.agency_id WHERE i.certificate_no = $1`,
    [normaliseCertificateNo(certificateNo)],
  );
  return row ? toPublic(row, today) : undefined;
}

export interface InspectorFilters {
  name?: string | undefined;
  agency?: string | undefined;
  status?: (typeof INSPECTOR_STATUSES)[number] | undefined;
  field?: Field | undefined;
  page: number;
}

export function parseInspectorFilters(sp: URLSearchParams): InspectorFilters {
  return {
    name: cleanQuery(sp.get('name'))?.replace(/\s/g, ''),
    agency: slug(sp.get('agency')),
    status: pick(sp.get('status'), INSPECTOR_STATUSES),
    field: pick(sp.get('field'), FIELDS),
    page: parsePage(sp.get('page')),
  };
}

export function inspectorParams(f: InspectorFilters) {
  return paramsOf(f, ['name', 'agency', 'status', 'field', 'page']);
}

function inspectorWhere(f: InspectorFilters): Where {
  const w = new Where();
  if (f.name) w.add(`i.name ILIKE {} ESCAPE '\\'`, likePattern(f.name));
  if (f.agency) w.add('i.agency_id = {}', f.agency);
  if (f.status) w.add('i.status = {}', f.status);
  if (f.field) w.add(`i.data->'fields' @> jsonb_build_array({}::text)`, f.field);
  return w;
}

const INSPECTORS: ListQuery = {
  from: 'inspectors i',
  join: 'JOIN agencies a ON a.id = i.agency_id',
  columns: COLUMNS,
  order: 'a.category, a.name, i.certificate_no',
};

export async function listInspectors(
  db: Db,
  f: InspectorFilters,
  pageSize = PAGE_SIZE,
  today = todayInChina(),
): Promise<Paged<PublicInspector>> {
  const result = await pageOf<Row>(db, INSPECTORS, inspectorWhere(f), f.page, pageSize);
  return { ...result, items: result.items.map((r) => toPublic(r, today)) };
}

export const INSPECTOR_CSV_HEADERS = ['姓名', '执法证号', '所属执法主体', '执法领域', '证件状态', '有效期至'] as const;

export async function inspectorsCsvRows(db: Db, f: InspectorFilters, today = todayInChina()): Promise<CsvValue[][]> {
  const rows = await allOf<Row>(db, INSPECTORS, inspectorWhere(f));
  return rows.map((r) => {
    const p = toPublic(r, today);
    return [
      p.name,
      p.certificateNo,
      p.agencyName,
      p.fields.join('、'),
      INSPECTOR_STATUS_TEXT[p.displayStatus].label,
      p.validUntil,
    ];
  });
}
