import { createHash } from 'node:crypto';
import { permitFieldLabels, permitXkCodes, type PublicPermit } from '@sunlight/domain/schemas/permit';
import { BOM, csvLine, type CsvValue } from '../csv';
import type { Db } from '../db/types';
import { latestChange } from '../records/change-log';
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

export function permitCsvRow(d: PublicPermit, siteUrl: string): string {
  return csvLine(
    PERMIT_EXPORT_COLUMNS.map((c) =>
      c === 'url' ? `${siteUrl}/permits/${d.id}` : (d as unknown as Record<string, CsvValue>)[c],
    ),
  );
}

/** A version tag for the public set under a filter: changes whenever the change log moves. */
export async function permitExportVersion(db: Db, filter: PermitFilter): Promise<{ etag: string; lastModified: Date }> {
  const row = await latestChange(db);
  const key = `permits|${row.seq}|${JSON.stringify(filter)}`;
  return {
    etag: `W/"${createHash('sha256').update(key).digest('hex').slice(0, 20)}"`,
    lastModified: row.at ?? new Date(0),
  };
}

/** Streams the permit export (CSV or NDJSON), pulling one batch per read. */
export function permitExportStream(
  db: Db,
  filter: PermitFilter,
  format: 'csv' | 'ndjson',
  siteUrl: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = publicPermits(db, filter);
  let headerSent = format !== 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(PERMIT_CSV_HEADER));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text =
        format === 'csv'
          ? next.value.map((d) => permitCsvRow(d, siteUrl)).join('')
          : next.value.map((d) => `${JSON.stringify({ ...d, url: `${siteUrl}/permits/${d.id}` })}\n`).join('');
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
