import { inspectionResultFieldLabels, type PublicInspectionResult } from '@sunlight/domain/schemas/inspection-result';
import { BOM, csvLine, type CsvValue } from '../csv';
import type { Db } from '../db/types';
import { recordExportStream, type ExportFormat, type ExportTable, type RecordExport } from '../opendata/record-export';
import { ResultExportQuerySchema, resultFilter } from './params';
import { InspectionResultResponseSchema } from '../opendata/api-schemas';
import { withResultLinks } from './links';
import { publicInspectionResults, type ResultFilter, type ResultRow } from './read';

const COLUMNS = [
  'id',
  'inspectionId',
  'taskName',
  'source',
  'agencyName',
  'agencyId',
  'enterpriseName',
  'enterpriseCreditCode',
  'enterpriseType',
  'items',
  'completedOn',
  'result',
  'note',
  'drawId',
  'penaltyDecisionNo',
  'correctionNote',
  'status',
  'publishedOn',
  'url',
] as const;

const label = (c: (typeof COLUMNS)[number]) =>
  c === 'url' ? '公示页面地址' : (inspectionResultFieldLabels as Record<string, string>)[c]!;

export const RESULT_CSV_HEADER = BOM + csvLine(COLUMNS.map(label));

const resultCells = (r: PublicInspectionResult, site: string): CsvValue[] =>
  COLUMNS.map((c): CsvValue => {
    if (c === 'url') return `${site}/inspection-results/${r.id}`;
    if (c === 'items') return r.items.map((i) => `${i.name}（${i.code}）`).join('；');
    return (r as unknown as Record<string, CsvValue>)[c];
  });

export function resultCsvRow(r: PublicInspectionResult, site: string): string {
  return csvLine(resultCells(r, site));
}

/** The results table (CSV, .xlsx): Chinese names (no national codes), values. */
const resultTable = (site: string): ExportTable<ResultRow> => ({
  labels: COLUMNS.map(label),
  keys: COLUMNS,
  sheet: '抽查检查结果',
  cells: (r) => resultCells(r, site),
});

/** Streams the results export (CSV or NDJSON), one batch per read. */
export function resultExportStream(
  db: Db,
  filter: ResultFilter,
  format: ExportFormat,
  site: string,
): ReadableStream<Uint8Array> {
  return recordExportStream(publicInspectionResults(db, filter), format, resultTable(site), (r) =>
    withResultLinks(r, site),
  );
}

export const resultExport: RecordExport<typeof ResultExportQuerySchema> = {
  name: 'inspection-results',
  query: ResultExportQuerySchema,
  lineSchema: InspectionResultResponseSchema,
  stream: (db, query, format, site) => resultExportStream(db, resultFilter(query), format, site),
};
