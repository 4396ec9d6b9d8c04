import { createHash } from 'node:crypto';
import type { APIRoute } from 'astro';
import type { z } from 'zod';
import type { Db } from '../db/types';
import { conditional } from '../http/conditional';
import { invalidQuery } from '../http/problem';
import { latestChange } from '../records/change-log';
import { BOM, csvLine, type CsvValue } from '../csv';
import { parseParams } from './params';
import { Utf8Batch } from './utf8-batch';
import { XLSX_CONTENT_TYPE, xlsxStream } from './xlsx';

export type ExportFormat = 'csv' | 'ndjson' | 'xlsx';
const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: XLSX_CONTENT_TYPE,
} as const;

/** The columns of a record type's table exports (CSV and .xlsx): names, codes and each record's values. */
export interface ExportTable<T> {
  /** Row 1: Chinese column names. */
  labels: readonly string[];
  /** Row 2, when the type has national field codes (CF_*, XK_*). */
  codes?: readonly string[];
  /** Column keys; those ending in Date, On, From or Until hold dates (typed as dates in .xlsx). */
  keys: readonly string[];
  /** The worksheet's name in .xlsx. */
  sheet: string;
  cells(r: T): readonly CsvValue[];
}

/** The CSV header of a table: byte-order mark, the Chinese names, then the codes. */
export function csvHeader(table: Pick<ExportTable<never>, 'labels' | 'codes'>): string {
  return BOM + csvLine(table.labels) + (table.codes ? csvLine(table.codes) : '');
}

const isDateKey = (k: string) => /(Date|On|From|Until)$/.test(k);

/**
 * Streams batches of public records as a web ReadableStream, pulling one batch per read: CSV (the header
 * first), .xlsx (./xlsx.ts: identifiers as text, dates as dates) or NDJSON (each record as `line` makes
 * it: the shape the type's API answer documents, so every line validates against the same schema as
 * GET /api/v1/<type>/{id}).
 */
export function recordExportStream<T extends { id: string }>(
  batches: AsyncGenerator<T[]>,
  format: ExportFormat,
  table: ExportTable<T>,
  line: (r: T) => unknown,
): ReadableStream<Uint8Array> {
  if (format === 'xlsx') {
    const dateColumns = new Set(table.keys.flatMap((k, i) => (isDateKey(k) ? [i] : [])));
    return xlsxStream({ labels: table.labels, codes: table.codes, dateColumns }, table.sheet, batches, (r) =>
      table.cells(r),
    );
  }
  const header = csvHeader(table);
  const out = new Utf8Batch();
  let headerSent = format !== 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        out.add(header);
        controller.enqueue(out.take());
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      if (format === 'csv') for (const r of next.value) out.add(csvLine(table.cells(r)));
      else for (const r of next.value) out.add(`${JSON.stringify(line(r))}\n`);
      controller.enqueue(out.take());
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** One record type's export: its file name, its query and how its records stream. */
export interface RecordExport<S extends z.ZodType<{ agency?: string | undefined }>> {
  /** `sunlight-<name>[-<agency>].<format>` */
  name: string;
  query: S;
  /** The documented shape of one NDJSON line (and of a change-feed event's `record`): the API answer's. */
  lineSchema: z.ZodType;
  stream(db: Db, query: z.output<S>, format: ExportFormat, site: string): ReadableStream<Uint8Array>;
}

/**
 * GET /api/v1/exports/<name>.{csv,ndjson}: every public record of the type under the query, streamed, with
 * ETag and Last-Modified from the change log (any change to the public record moves them).
 */
export function recordExportRoute<S extends z.ZodType<{ agency?: string | undefined }>>(
  spec: RecordExport<S>,
  format: ExportFormat,
): APIRoute {
  return async ({ url, request, locals }) => {
    const { runtime } = locals;
    const site = runtime.config.siteUrl;
    const parsed = parseParams(spec.query, url.searchParams);
    if (!parsed.ok) {
      return invalidQuery(site, parsed.errors);
    }
    const change = await latestChange(runtime.db);
    const key = `${spec.name}|${change.seq}|${JSON.stringify(parsed.value)}`;
    const etag = `W/"${createHash('sha256').update(key).digest('hex').slice(0, 20)}"`;
    const lastModified = change.at ?? new Date(0);
    const agency = parsed.value.agency ? `-${parsed.value.agency}` : '';
    const { headers, notModified } = conditional(
      request,
      { etag, lastModified },
      {
        'cache-control': 'public, max-age=60',
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="sunlight-${spec.name}${agency}.${format}"`,
      },
    );
    return notModified ?? new Response(spec.stream(runtime.db, parsed.value, format, site), { headers });
  };
}
