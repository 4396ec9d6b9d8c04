import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { PublicDisclosure } from '@sunlight/domain/schemas/disclosure';
import { CSV_IDENTIFIER_COLUMNS, EXPORT_COLUMNS, disclosureTable } from './export';
import { recordExportStream } from './record-export';

/**
 * The spreadsheet user's side of the exports: the real penalty table, fed with the sample's all-digit
 * identifiers (and a party name a spreadsheet would run as a formula), written as .xlsx and as CSV, then
 * opened by LibreOffice headless and read back. A number-typed credit code (9.19901E+17), a registration
 * number without its leading zero, or a formula would show here.
 */
const SITE = 'https://sunlight.example.gov.cn';
const ROOT = path.resolve(import.meta.dirname, '../../..');
const sample = fs
  .readFileSync(path.join(ROOT, 'content/sample/disclosures.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as PublicDisclosure & { partyRegNo?: string; partyOrgCode?: string });
const digits = sample.filter((d) => /^\d{18}$/.test(d.partyCreditCode ?? '') && d.partyRegNo?.startsWith('0'));
const records: PublicDisclosure[] = [
  ...digits.slice(0, 4),
  { ...digits[4]!, partyName: '=HYPERLINK("http://evil.example","点击")', violationFacts: '+1-2 @SUM(A1)' },
];

async function* once<T>(rows: T[]) {
  yield rows;
}
const bytes = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());
const line = (d: PublicDisclosure) => d;

/** RFC 4180 rows (LibreOffice's CSV export). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      (row.push(cell), rows.push(row), (row = []), (cell = ''));
    } else cell += c;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-sheet-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** LibreOffice headless, its own profile (other runs may be open), converting `file` to UTF-8 CSV. */
function libreOfficeCsv(file: string, infilter?: string): string[][] {
  const out = path.join(work, `out-${path.basename(file)}`);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${work}/profile`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      out,
      file,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const [csv] = fs.readdirSync(out);
  return parseCsv(fs.readFileSync(path.join(out, csv!), 'utf8').replace(/^\uFEFF/, ''));
}

const col = (c: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(c);

describe('spreadsheet exports as LibreOffice reads them', () => {
  it('has all-digit identifiers with leading zeros in the sample to test with', () => {
    expect(digits.length).toBeGreaterThanOrEqual(5);
    expect(records.every((d) => d.partyOrgCode && /^\d{8}-\d$/.test(d.partyOrgCode))).toBe(true);
  });

  it('the .xlsx keeps identifiers as text, dates as dates, amounts as numbers and never holds a formula', async () => {
    const xlsx = await bytes(recordExportStream(once(records), 'xlsx', disclosureTable(SITE), line));
    const sheet = strFromU8(unzipSync(xlsx)['xl/worksheets/sheet1.xml']!);
    expect(sheet).not.toContain('<f>');
    const code = records[0]!.partyCreditCode!;
    expect(sheet).toContain(`t="inlineStr" s="1"><is><t xml:space="preserve">${code}</t>`);

    const file = path.join(work, 'penalties.xlsx');
    fs.writeFileSync(file, xlsx);
    const rows = libreOfficeCsv(file);
    expect(rows[0]![0]).toBe('行政相对人名称');
    expect(rows[1]!.slice(0, 3)).toEqual(['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM']);
    const body = rows.slice(2);
    expect(body).toHaveLength(records.length);
    for (const [i, d] of records.entries()) {
      const r = body[i]!;
      expect(r[col('partyCreditCode')]).toBe(d.partyCreditCode);
      expect(r[col('partyRegNo')]).toBe(d.partyRegNo);
      expect(r[col('partyOrgCode')]).toBe(d.partyOrgCode);
      expect(r[col('partyName')]).toBe(d.partyName);
      expect(r[col('decisionDate')]).toBe(d.decisionDate);
      if (d.fineAmount !== undefined) expect(Number(r[col('fineAmount')])).toBe(d.fineAmount);
    }
    // Shown as written, not evaluated: the formula-like texts come back as the same text.
    expect(body[4]![col('partyName')]).toBe('=HYPERLINK("http://evil.example","点击")');
    expect(body[4]![col('violationFacts')]).toBe('+1-2 @SUM(A1)');
  });

  it('the CSV keeps identifiers when opened as documented (identifier columns typed as text), formulas neutralised', async () => {
    const csv = await bytes(recordExportStream(once(records), 'csv', disclosureTable(SITE), line));
    const file = path.join(work, 'penalties.csv');
    fs.writeFileSync(file, csv);
    // The /open-data recipe for LibreOffice: UTF-8, comma, the identifier columns as 文本 (format 2).
    const types = CSV_IDENTIFIER_COLUMNS.map((c) => `${col(c) + 1}/2`).join('/');
    const rows = libreOfficeCsv(file, `CSV:44,34,76,1,${types}`);
    const body = rows.slice(2);
    expect(body).toHaveLength(records.length);
    for (const [i, d] of records.entries()) {
      expect(body[i]![col('partyCreditCode')]).toBe(d.partyCreditCode);
      expect(body[i]![col('partyRegNo')]).toBe(d.partyRegNo);
      expect(body[i]![col('partyOrgCode')]).toBe(d.partyOrgCode);
    }
    // The one CSV writer's apostrophe: text, not a formula, even where the columns are not typed.
    expect(body[4]![col('partyName')]).toBe(`'=HYPERLINK("http://evil.example","点击")`);
    expect(body[4]![col('violationFacts')]).toBe(`'+1-2 @SUM(A1)`);
  });
});
