import type { z } from 'zod';
import { disclosureCfCodes, disclosureFieldLabels, type PublicDisclosure } from '@sunlight/domain/schemas/disclosure';
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

/** Public records in id order, a batch at a time: memory stays flat however many there are. */
export async function* publicRecords(db: Db, filter: ExportFilter, batch = 1000): AsyncGenerator<PublicDisclosure[]> {
  const page = (after: string) =>
    db.query<{ id: string; data: PublicDisclosure }>(
      `SELECT id, data FROM disclosures
       WHERE status IN ${PUBLIC_STATUS_SQL} AND id > $1
         AND ($2::text IS NULL OR agency_id = $2)
         AND ($3::date IS NULL OR decision_date >= $3) AND ($4::date IS NULL OR decision_date <= $4)
       ORDER BY id LIMIT $5`,
      [after, filter.agency ?? null, filter.dateFrom ?? null, filter.dateTo ?? null, batch],
    );
  for await (const rows of keysetBatches(page)) yield rows.map((r) => r.data);
}

/** One penalty's values in EXPORT_COLUMNS order. */
export function exportCells(d: PublicDisclosure, siteUrl: string): CsvValue[] {
  return EXPORT_COLUMNS.map((c) =>
    c === 'url' ? `${siteUrl}/disclosures/${d.id}` : (d as unknown as Record<string, CsvValue>)[c],
  );
}

export function csvRow(d: PublicDisclosure, siteUrl: string): string {
  return csvLine(exportCells(d, siteUrl));
}

/** The penalty table (CSV, .xlsx): Chinese names, CF_* codes, values. */
export const disclosureTable = (siteUrl: string): ExportTable<PublicDisclosure> => ({
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

/** Streams the penalty export (CSV or NDJSON), one batch per read. */
export function exportStream(
  db: Db,
  filter: ExportFilter,
  format: ExportFormat,
  siteUrl: string,
): ReadableStream<Uint8Array> {
  return recordExportStream(publicRecords(db, filter), format, disclosureTable(siteUrl), (d) =>
    disclosureLine(d, siteUrl),
  );
}

export const disclosureExport: RecordExport<typeof ExportQuerySchema> = {
  name: 'disclosures',
  query: ExportQuerySchema,
  lineSchema: DisclosureResponseSchema,
  stream: exportStream,
};
