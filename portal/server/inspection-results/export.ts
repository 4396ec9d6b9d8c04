import { createHash } from 'node:crypto';
import type { APIRoute } from 'astro';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { inspectionResultFieldLabels, type PublicInspectionResult } from '@sunlight/domain/schemas/inspection-result';
import { BOM, csvLine, type CsvValue } from '../csv';
import type { Db } from '../db/types';
import { notModified, validators } from '../http/conditional';
import { problem } from '../http/problem';
import { parseParams } from '../opendata/params';
import { latestChange } from '../records/change-log';
import { ResultExportQuerySchema, resultFilter } from './params';
import { publicInspectionResults, type ResultFilter } from './read';

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

export function resultCsvRow(r: PublicInspectionResult, site: string): string {
  return csvLine(
    COLUMNS.map((c): CsvValue => {
      if (c === 'url') return `${site}/inspection-results/${r.id}`;
      if (c === 'items') return r.items.map((i) => `${i.name}（${i.code}）`).join('；');
      return (r as unknown as Record<string, CsvValue>)[c];
    }),
  );
}

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' } as const;

export function resultExportStream(
  db: Db,
  filter: ResultFilter,
  format: 'csv' | 'ndjson',
  site: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = publicInspectionResults(db, filter);
  let headerSent = format !== 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(RESULT_CSV_HEADER));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text =
        format === 'csv'
          ? next.value.map((r) => resultCsvRow(r, site)).join('')
          : next.value.map((r) => `${JSON.stringify({ ...r, url: `${site}/inspection-results/${r.id}` })}\n`).join('');
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** GET /api/v1/exports/inspection-results.{csv,ndjson}: every public result, streamed, with conditional requests. */
export function resultExportRoute(format: keyof typeof CONTENT_TYPES): APIRoute {
  return async ({ url, request, locals }) => {
    const { runtime } = locals;
    const site = runtime.config.siteUrl;
    const parsed = parseParams(ResultExportQuerySchema, url.searchParams);
    if (!parsed.ok) {
      return problem('invalid-query', site, describeFieldErrors(parsed.errors), { errors: parsed.errors });
    }
    const change = await latestChange(runtime.db);
    const key = `results|${change.seq}|${JSON.stringify(parsed.value)}`;
    const etag = `W/"${createHash('sha256').update(key).digest('hex').slice(0, 20)}"`;
    const lastModified = change.at ?? new Date(0);
    const agency = parsed.value.agency ? `-${parsed.value.agency}` : '';
    const headers = {
      ...validators(etag, lastModified),
      'cache-control': 'public, max-age=60',
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="sunlight-inspection-results${agency}.${format}"`,
    };
    if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
    return new Response(resultExportStream(runtime.db, resultFilter(parsed.value), format, site), { headers });
  };
}
