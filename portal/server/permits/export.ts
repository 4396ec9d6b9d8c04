import type { z } from 'zod';
import { permitFieldLabels, permitXkCodes, type PublicPermit } from '@sunlight/domain/schemas/permit';
import { BOM, csvLine, type CsvValue } from '../csv';
import type { Db } from '../db/types';
import { PermitExportQuerySchema, PermitResponseSchema } from '../opendata/permit-schemas';
import { recordExportStream, type ExportFormat, type ExportTable, type RecordExport } from '../opendata/record-export';
import { publicPermits, type PermitFilter } from './read';

/** Public columns in the national XK_* order (restricted ID fields left out), then Sunlight's own. */
export const PERMIT_EXPORT_COLUMNS = [
  ...(Object.keys(permitXkCodes) as (keyof typeof permitXkCodes)[]).filter(
    (k) => !['legalRepIdType', 'legalRepIdNumber', 'partyIdType', 'partyIdNumber'].includes(k),
  ),
  'id',
  'status',
  'publishedOn',
  'agencyId',
  'field',
  'region',
  'correctionNote',
  'url',
] as const;
export type PermitExportColumn = (typeof PERMIT_EXPORT_COLUMNS)[number];

const extraLabels: Record<string, string> = {
  url: '公示页面地址',
  id: '公示编号',
  status: '公示状态',
  publishedOn: '公示日期',
};

export function permitColumnLabel(c: PermitExportColumn): string {
  return extraLabels[c] ?? (permitFieldLabels as Record<string, string>)[c] ?? c;
}

export function permitColumnCode(c: PermitExportColumn): string {
  return (permitXkCodes as Record<string, string>)[c] ?? `SL_${c.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase()}`;
}

/** Byte-order mark, Chinese labels, then the XK_* codes. */
export const PERMIT_CSV_HEADER =
  BOM + csvLine(PERMIT_EXPORT_COLUMNS.map(permitColumnLabel)) + csvLine(PERMIT_EXPORT_COLUMNS.map(permitColumnCode));

const permitCells = (d: PublicPermit, siteUrl: string): CsvValue[] =>
  PERMIT_EXPORT_COLUMNS.map((c) =>
    c === 'url' ? `${siteUrl}/permits/${d.id}` : (d as unknown as Record<string, CsvValue>)[c],
  );

export function permitCsvRow(d: PublicPermit, siteUrl: string): string {
  return csvLine(permitCells(d, siteUrl));
}

/** The permit table (CSV, .xlsx): Chinese names, XK_* codes, values. */
const permitTable = (siteUrl: string): ExportTable<PublicPermit> => ({
  labels: PERMIT_EXPORT_COLUMNS.map(permitColumnLabel),
  codes: PERMIT_EXPORT_COLUMNS.map(permitColumnCode),
  keys: PERMIT_EXPORT_COLUMNS,
  sheet: '行政许可',
  cells: (p) => permitCells(p, siteUrl),
});

/** One permit as GET /api/v1/permits/{id} answers it: the NDJSON line and the change feed's `record`. */
export function permitLine(p: PublicPermit, siteUrl: string): z.input<typeof PermitResponseSchema> {
  return { ...p, url: `${siteUrl}/permits/${p.id}`, agencyUrl: `${siteUrl}/agencies/${p.agencyId}` };
}

/** Streams the permit export (CSV or NDJSON), one batch per read. */
export function permitExportStream(
  db: Db,
  filter: PermitFilter,
  format: ExportFormat,
  siteUrl: string,
): ReadableStream<Uint8Array> {
  return recordExportStream(publicPermits(db, filter), format, permitTable(siteUrl), (p) => permitLine(p, siteUrl));
}

export const permitExport: RecordExport<typeof PermitExportQuerySchema> = {
  name: 'permits',
  query: PermitExportQuerySchema,
  lineSchema: PermitResponseSchema,
  stream: permitExportStream,
};
