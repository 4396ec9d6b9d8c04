import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ROOT } from './server';

/** One line of tests/fixtures/leak-corpus.tsv (see the header of that file). */
export interface LeakVariant {
  key: string;
  via: 'push' | 'correct' | 'withdraw';
  field: string;
  party: { kind: 'org' } | { kind: '自然人' | '个体工商户' | '法定代表人'; name: string };
  text: string;
  secrets: string[];
  expect: 'mask' | 'hold' | 'keep';
}

export function loadLeakCorpus(file = path.join(ROOT, 'tests/fixtures/leak-corpus.tsv')): LeakVariant[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((line, i) => {
      const cols = line.split('\t');
      if (cols.length !== 7) throw new Error(`leak-corpus.tsv line ${i + 1}: expected 7 tab-separated columns`);
      const [key, via, field, party, text, secrets, expect] = cols as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const [kind, name] = party.split(':');
      return {
        key,
        via: via as LeakVariant['via'],
        field,
        party: kind === 'org' ? { kind: 'org' } : { kind: kind as '自然人', name: name! },
        text,
        secrets: secrets.split(' | '),
        expect: expect as LeakVariant['expect'],
      };
    });
}

/** Digits with separators between them removed (1391 234 5678 → 13912345678), as a reader would join them. */
export function joinDigits(text: string): string {
  const half = text.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return half.replace(/(\d)[\s\u00a0.\-·/_]{1,3}(?=\d)/g, '$1');
}

/** Chinese characters with whitespace between them removed (欧 阳 建 华 → 欧阳建华). */
export function joinHan(text: string): string {
  return text.replace(/([\u4e00-\u9fff])[\s\u3000·]+(?=[\u4e00-\u9fff])/g, '$1');
}

/** Which secrets of a variant a public body still shows, in any spacing. */
export function leaked(body: string, secrets: readonly string[]): string[] {
  const digits = joinDigits(body);
  const han = joinHan(body);
  return secrets.filter((s) => {
    if (body.includes(s) || han.includes(joinHan(s))) return true;
    const d = joinDigits(s);
    return /^\d{7,}[\dXx]?$/.test(d) && digits.includes(d);
  });
}

/** The rows of the first sheet of an .xlsx answer (inline strings, as the portal writes them), cells tab-joined. */
export async function xlsxRows(url: string): Promise<string[]> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&amp;/g, '&');
  return sheet
    .split('<row')
    .slice(1)
    .map((row) => [...row.matchAll(/<(?:t|v)(?: [^>]*)?>([^<]*)<\/(?:t|v)>/g)].map((m) => unescape(m[1]!)).join('\t'));
}
