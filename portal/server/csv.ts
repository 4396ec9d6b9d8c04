/**
 * The one CSV writer for every CSV Sunlight serves or writes (catalogue lists, statistics, assessments,
 * disclosure exports and daily snapshots): UTF-8 with a byte-order mark (so Excel on Windows reads
 * Chinese correctly), CRLF line ends (RFC 4180), every text cell formula-safe.
 */

export type CsvValue = string | number | boolean | null | undefined | readonly (string | number)[];

export const BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (OWASP CSV injection): = + - @ at the start, also after
 * leading spaces or in their full-width forms, and a leading tab, carriage return or line feed.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@＝＋－＠]|^[\t\r\n]/;
/** Either of the two cases below, in one test: most cells are neither and are returned as they are. */
const NEEDS_CARE = /^[\s\u3000]*[=+\-@＝＋－＠]|[\t\r\n",]/;

/**
 * One cell: quoted when it holds a comma, quote or line break; text that could start a formula is
 * prefixed with an apostrophe. Lists are joined with semicolons.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  let s = typeof value === 'string' ? value : value.join(';');
  if (!NEEDS_CARE.test(s)) return s;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (with its CRLF). */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return BOM + [headers, ...rows].map(csvLine).join('');
}

/** A download response; `filename` may be Chinese (RFC 6266 filename*), with an ASCII fallback. */
export function csvResponse(body: string, filename: string, asciiName = 'export.csv'): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'no-cache',
    },
  });
}
