import { Zip, ZipDeflate } from 'fflate';
import type { CsvValue } from '../csv';

/**
 * A streamed .xlsx (Office Open XML spreadsheet) for people who open exports in Excel, WPS or LibreOffice:
 * every text is an inline-string cell, so all-digit credit codes, registration numbers and organisation
 * codes stay exactly as written (a CSV cell `011000000123456` becomes the number 1.1E+13 in all three);
 * text is never a formula (no `<f>` element is ever written), so `=`, `+`, `-`, `@` need no apostrophe;
 * amounts are numbers and dates real dates. Rows go out a batch at a time through fflate's streaming zip,
 * so memory stays flat however many records there are.
 */

/** A date column's value (YYYY-MM-DD) becomes a spreadsheet date; other strings stay text. */
export interface XlsxTable {
  /** Row 1: Chinese column names. */
  labels: readonly string[];
  /** Row 2 (when given): the national field codes (CF_*, XK_*). */
  codes?: readonly string[];
  /** Which columns hold dates (YYYY-MM-DD). */
  dateColumns: ReadonlySet<number>;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const xmlText = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Spreadsheet date serial (days since 1899-12-30) of a calendar date: no time of day, no time zone. */
export function dateSerial(isoDate: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25_569;
}

function column(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Styles: 0 general, 1 text (@), 2 date (yyyy-mm-dd), 3 bold text for the header rows. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const STATIC_PARTS: Record<string, string> = {
  '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  'xl/styles.xml': STYLES,
};

const workbook = (sheetName: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/** One row: text as inline strings (style text), numbers as numbers, date columns as dates. */
export function xlsxRow(rowNo: number, values: readonly CsvValue[], table: XlsxTable, header = false): string {
  const cells = values.map((v, i) => {
    const ref = `${column(i)}${rowNo}`;
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"><v>${v}</v></c>` : '';
    if (typeof v === 'boolean') return `<c r="${ref}" t="inlineStr" s="1"><is><t>${v ? '是' : '否'}</t></is></c>`;
    const text = typeof v === 'string' ? v : v.join(';');
    const serial = !header && table.dateColumns.has(i) ? dateSerial(text) : undefined;
    if (serial !== undefined) return `<c r="${ref}" s="2"><v>${serial}</v></c>`;
    return `<c r="${ref}" t="inlineStr" s="${header ? 3 : 1}"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
  });
  return `<row r="${rowNo}">${cells.join('')}</row>`;
}

/**
 * Streams the workbook: header rows first (frozen), then one batch of rows per read. `cells` gives a
 * record's values in column order.
 */
export function xlsxStream<T>(
  table: XlsxTable,
  sheetName: string,
  batches: AsyncGenerator<T[]>,
  cells: (r: T) => readonly CsvValue[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let zip: Zip;
  let sheet: ZipDeflate;
  let rowNo = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) controller.error(err);
        else {
          if (chunk.length) controller.enqueue(chunk);
          if (final) controller.close();
        }
      });
      const parts = { ...STATIC_PARTS, 'xl/workbook.xml': workbook(sheetName) };
      for (const [name, xml] of Object.entries(parts)) {
        const part = new ZipDeflate(name, { level: 6 });
        zip.add(part);
        part.push(encoder.encode(xml), true);
      }
      sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
      zip.add(sheet);
      const headerRows = [table.labels, ...(table.codes ? [table.codes] : [])];
      const frozen = headerRows.length;
      sheet.push(
        encoder.encode(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>` +
            headerRows.map((r) => xlsxRow(++rowNo, r, table, true)).join(''),
        ),
      );
    },
    async pull() {
      const next = await batches.next();
      if (next.done) {
        sheet.push(encoder.encode('</sheetData></worksheet>'), true);
        zip.end();
        return;
      }
      sheet.push(encoder.encode(next.value.map((r) => xlsxRow(++rowNo, cells(r), table)).join('')));
    },
    async cancel() {
      zip.terminate();
      await batches.return(undefined);
    },
  });
}
