import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvLine, toCsv } from './csv';

describe('the one CSV writer', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","点击")', `"'=HYPERLINK(""https://evil.example"",""点击"")"`],
    ['+1+cmd|/C calc', "'+1+cmd|/C calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['  =1+1', "'  =1+1"],
    ['＝1+1', "'＝1+1"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('a cell that a spreadsheet would run as a formula is defused: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves ordinary text, numbers and codes alone', () => {
    expect(csvCell('滨江市监罚〔2025〕41号')).toBe('滨江市监罚〔2025〕41号');
    expect(csvCell('罚款41,000元')).toBe('"罚款41,000元"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('91330106MA2GKQ3R17')).toBe('91330106MA2GKQ3R17');
  });

  it('joins lists with semicolons and defuses a list that starts like a formula', () => {
    expect(csvCell(['没收违法所得', '罚款'])).toBe('没收违法所得;罚款');
    expect(csvCell(['=1', 'x'])).toBe("'=1;x");
  });

  it('writes a BOM, CRLF lines and quoted cells', () => {
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
    expect(toCsv(['编码'], [['=x']])).toBe(`${BOM}编码\r\n'=x\r\n`);
  });
});
