/** Parses RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks); drops a leading BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Cells a spreadsheet would run as a formula (numbers such as -5 are data, not formulas). */
export function formulaCells(rows: string[][]): string[] {
  return rows.flat().filter((c) => /^[\s\u3000]*[=+\-@＝＋－＠]|^[\t\r\n]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
}
