import { z } from 'zod';
import {
  disclosureCfCodes,
  disclosureFieldLabels,
  PublicDisclosureSchema,
  type PublicDisclosure,
} from '@sunlight/domain/schemas/disclosure';
import { BOM, csvLine, type CsvValue } from '../csv';
import { keysetBatches } from '../db/keyset';
import type { Db } from '../db/types';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import { DisclosureResponseSchema } from './api-schemas';
import { ExportQuerySchema } from './params';
import { recordExportStream, type ExportFormat, type ExportTable, type RecordExport } from './record-export';

/** Public columns in the national 双公示 order (restricted ID fields left out), then Sunlight's own. */
export const EXPORT_COLUMNS = [
  ...(Object.keys(disclosureCfCodes) as (keyof typeof disclosureCfCodes)[]).filter(
    (k) => !['legalRepIdType', 'legalRepIdNumber', 'partyIdType', 'partyIdNumber'].includes(k),
  ),
  'id',
  'status',
  'publishedOn',
  'publicationEndDate',
  'agencyId',
  'field',
  'region',
  'procedure',
  'url',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * Columns whose values are identifiers that may be all digits (and start with 0): a spreadsheet that opens
 * the CSV must read them as text (the .xlsx export types them as text itself). /open-data names them.
 */
export const CSV_IDENTIFIER_COLUMNS = [
  'partyCreditCode',
  'partyRegNo',
  'partyOrgCode',
  'partyTaxNo',
  'partyInstitutionNo',
  'partySocialOrgNo',
  'authorityCreditCode',
  'dataSourceCreditCode',
] as const satisfies readonly ExportColumn[];

const extraLabels: Record<string, string> = {
  url: '公示页面地址',
  id: '公示编号',
  status: '公示状态',
  publishedOn: '公示日期',
  publicationEndDate: '公示截止日期',
};

export function columnLabel(c: ExportColumn): string {
  return extraLabels[c] ?? (disclosureFieldLabels as Record<string, string>)[c] ?? c;
}

export function columnCode(c: ExportColumn): string {
  return (disclosureCfCodes as Record<string, string>)[c] ?? `SL_${c.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase()}`;
}

export interface ExportFilter {
  agency?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

const publicPage = (select: string) => `SELECT ${select}
       WHERE d.status IN ${PUBLIC_STATUS_SQL} AND d.id > $1
         AND ($2::text IS NULL OR d.agency_id = $2)
         AND ($3::date IS NULL OR d.decision_date >= $3) AND ($4::date IS NULL OR d.decision_date <= $4)
       ORDER BY d.id LIMIT $5`;

async function* publicBatches<T extends { id: string }>(
  db: Db,
  sql: string,
  filter: ExportFilter,
  batch: number,
): AsyncGenerator<T[]> {
  yield* keysetBatches((after) =>
    db.query<T>(sql, [after, filter.agency ?? null, filter.dateFrom ?? null, filter.dateTo ?? null, batch]),
  );
}

/** Public records in id order, a batch at a time: memory stays flat however many there are. */
export async function* publicRecords(db: Db, filter: ExportFilter, batch = 1000): AsyncGenerator<PublicDisclosure[]> {
  const sql = publicPage('d.id, d.data FROM disclosures d');
  for await (const rows of publicBatches<{ id: string; data: PublicDisclosure }>(db, sql, filter, batch)) {
    yield rows.map((r) => r.data);
  }
}

/** What a table export (CSV, .xlsx) shows of a penalty: its export columns, as in the public form. */
export type ExportRow = Pick<PublicDisclosure, 'id' | 'agencyId'> & Partial<Record<ExportColumn, CsvValue>>;

/**
 * The SQL type of each export column of the public form, from its JSON Schema, so that the database hands
 * back the values the public form holds (numbers as numbers, lists as lists) and exportCells formats them
 * as it formats the whole record.
 */
function sqlType(property: { type?: unknown } | undefined): string {
  switch (property?.type) {
    case 'number':
    case 'integer':
      return 'float8';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'text[]';
    default:
      return 'text';
  }
}
const publicFormProperties = (
  z.toJSONSchema(PublicDisclosureSchema, { unrepresentable: 'any' }) as {
    properties: Record<string, { type?: unknown }>;
  }
).properties;
const EXPORT_RECORD = EXPORT_COLUMNS.filter((c) => c !== 'id' && c !== 'url' && c in publicFormProperties)
  .map((c) => `"${c}" ${sqlType(publicFormProperties[c])}`)
  .join(', ');

/**
 * The export columns of public records in id order, a batch at a time. The database takes them out of the
 * stored public form (jsonb_to_record), so the portal never parses the whole record: a table export runs at
 * the speed of writing CSV.
 */
export async function* publicExportRows(db: Db, filter: ExportFilter, batch = 1000): AsyncGenerator<ExportRow[]> {
  const sql = publicPage(`d.id, x.* FROM disclosures d, jsonb_to_record(d.data) AS x(${EXPORT_RECORD})`);
  yield* publicBatches<ExportRow>(db, sql, filter, batch);
}

/** One penalty's values in EXPORT_COLUMNS order (a whole public record or its export row). */
export function exportCells(d: PublicDisclosure | ExportRow, siteUrl: string): CsvValue[] {
  return EXPORT_COLUMNS.map((c) =>
    c === 'url' ? `${siteUrl}/disclosures/${d.id}` : (d as unknown as Record<string, CsvValue>)[c],
  );
}

export function csvRow(d: PublicDisclosure | ExportRow, siteUrl: string): string {
  return csvLine(exportCells(d, siteUrl));
}

/** The penalty table (CSV, .xlsx): Chinese names, CF_* codes, values. */
export const disclosureTable = (siteUrl: string): ExportTable<PublicDisclosure | ExportRow> => ({
  labels: EXPORT_COLUMNS.map(columnLabel),
  codes: EXPORT_COLUMNS.map(columnCode),
  keys: EXPORT_COLUMNS,
  sheet: '行政处罚',
  cells: (d) => exportCells(d, siteUrl),
});

/** Byte-order mark, Chinese labels, then the 双公示 codes. */
export const CSV_HEADER = BOM + csvLine(EXPORT_COLUMNS.map(columnLabel)) + csvLine(EXPORT_COLUMNS.map(columnCode));

/** One penalty as GET /api/v1/disclosures/{id} answers it: the NDJSON line and the change feed's `record`. */
export function disclosureLine(d: PublicDisclosure, siteUrl: string): z.input<typeof DisclosureResponseSchema> {
  return { ...d, url: `${siteUrl}/disclosures/${d.id}`, agencyUrl: `${siteUrl}/agencies/${d.agencyId}` };
}

/** Streams the penalty export, one batch per read: NDJSON from whole records, the tables from their export rows. */
export function exportStream(
  db: Db,
  filter: ExportFilter,
  format: ExportFormat,
  siteUrl: string,
): ReadableStream<Uint8Array> {
  if (format === 'ndjson') {
    return recordExportStream<PublicDisclosure>(publicRecords(db, filter), format, disclosureTable(siteUrl), (d) =>
      disclosureLine(d, siteUrl),
    );
  }
  return recordExportStream(publicExportRows(db, filter), format, disclosureTable(siteUrl), () => {
    throw new Error('a table export has no NDJSON line');
  });
}

export const disclosureExport: RecordExport<typeof ExportQuerySchema> = {
  name: 'disclosures',
  query: ExportQuerySchema,
  lineSchema: DisclosureResponseSchema,
  stream: exportStream,
};
