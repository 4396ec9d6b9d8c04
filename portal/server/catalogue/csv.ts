/**
 * CSV downloads of catalogue lists: UTF-8 with a byte-order mark (so Excel on Windows reads Chinese
 * correctly), CRLF line ends (RFC 4180), Chinese column headers.
 */

export type CsvValue = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

/**
 * One cell: quoted when it holds a comma, quote or line break. Text starting with = + - @ (or a tab or
 * carriage return) is prefixed with an apostrophe, so a spreadsheet does not run it as a formula.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
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
