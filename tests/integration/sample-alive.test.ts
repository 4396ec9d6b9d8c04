import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { runSunlight } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { ROOT, startServer, type RunningServer } from '../helpers/server';

/**
 * A fresh start of the sample on a given day (the portal's clock is moved there, tests/helpers/shifted-clock.mjs):
 * the supervision overview and the assessment show real check-in and satisfaction figures for the last twelve
 * months, the 企业评价 component is measured for many agencies (and tells them apart), and /statistics publishes
 * satisfaction — never a single evaluation's comment.
 */
const PRELOAD = pathToFileURL(path.join(ROOT, 'tests/helpers/shifted-clock.mjs')).href;
const PASSWORD = 'sample alive passphrase 2026';

const dayPlus = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Days in other years and months than the sample's reference date (2026-11-01) and each other. */
const CASES = [
  { kind: 'PGlite' as const, day: '2031-08-20' },
  { kind: 'PGlite' as const, day: '2029-01-09' },
  ...(databaseKinds().includes('PostgreSQL') ? [{ kind: 'PostgreSQL' as const, day: '2027-05-26' }] : []),
];

describe.each(CASES)('the sample first started on $day ($kind)', ({ kind, day }) => {
  let server: RunningServer;
  let tdb: TestDatabase | undefined;
  let browser: Browser;
  const from = dayPlus(day, -364);
  const period = `from=${from}&to=${day}`;

  beforeAll(async () => {
    tdb = kind === 'PostgreSQL' ? await createTestDatabase('PostgreSQL') : undefined;
    server = await startServer(
      {
        NODE_OPTIONS: `--import=${PRELOAD}`,
        SUNLIGHT_TEST_NOW: `${day}T10:00:00+08:00`,
        ...(tdb ? { DATABASE_URL: tdb.url } : {}),
      },
      // Seeding the whole sample shifted by years, beside the other test stages, can pass two minutes.
      { startTimeoutMs: 300_000 },
    );
    const env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: tdb?.url ?? '' };
    const made = await runSunlight(['supervisor', 'create', '--username', 'sv.alive'], env, `${PASSWORD}\n`);
    expect(made.code, made.stderr).toBe(0);
    browser = new Browser(() => server.url, PASSWORD);
    expect((await browser.login('sv.alive')).status).toBe(303);
  }, 420_000);
  afterAll(async () => {
    await server?.stop();
    await tdb?.dispose();
  });

  it('started on that day: the sample’s most recent decision is from the last week', async () => {
    const res = await fetch(`${server.url}/api/v1/disclosures?sort=date_desc&pageSize=1`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; hits: { decisionDate: string }[] };
    expect(body.total).toBeGreaterThanOrEqual(1500);
    const latest = body.hits[0]!.decisionDate;
    expect(latest <= day).toBe(true);
    expect(latest >= dayPlus(day, -14)).toBe(true);
  });

  it('the overview counts check-ins and evaluations of the last twelve months, with their averages', async () => {
    const { status, html } = await browser.page(`/supervision?${period}`);
    expect(status).toBe(200);
    const count = (name: string) =>
      Number(new RegExp(`data-count="${name}"[^>]*>\\s*([\\d,]+)`).exec(html)?.[1]?.replace(/,/g, '') ?? NaN);
    expect(count('checkins')).toBeGreaterThanOrEqual(100);
    expect(count('evaluations')).toBeGreaterThanOrEqual(100);
    expect(html).not.toContain('本期没有企业评价');
    // one definition (figures.ts): ended inspections with a check-in record, as in the assessment
    expect(html).toMatch(/扫码登记率\s+[\d.]+%（期间内结束的\s+\d+\s+次检查中\s+\d+\s+次有企业扫码登记）/);
    expect(html).toMatch(/评价中反映问题 [1-9]\d* 条/);
    // 总体满意 averaged over real evaluations: between the worst and the best agency
    const overall = Number(/总体满意<\/th>\s*<td class="num">\s*([\d.]+)/.exec(html)?.[1]);
    expect(overall).toBeGreaterThan(3);
    expect(overall).toBeLessThan(5);
  });

  it('the assessment measures 企业评价 for many agencies and tells better from worse', async () => {
    const res = await browser.get(`/supervision/assessment.csv?${period}`);
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const evaluation = rows.slice(1).map((r) => r[col('企业评价得分')]!);
    const participation = rows.slice(1).map((r) => r[col('扫码登记率得分')]!);
    expect(rows.length - 1).toBe(30);
    const measured = evaluation.filter((v) => v !== '无数据').map(Number);
    expect(measured.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...measured) - Math.min(...measured)).toBeGreaterThanOrEqual(6); // of 30 points
    expect(participation.filter((v) => v !== '无数据').length).toBeGreaterThanOrEqual(20);
    const basis = rows.slice(1).map((r) => r[col('企业评价依据')]!);
    expect(basis.some((b) => /^平均 [\d.]+ 分（\d+ 条评价）$/.test(b))).toBe(true);

    const page = await browser.page(`/supervision/assessment?${period}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/平均 [\d.]+ 分（\d+ 条评价）/);
  });

  it('the sample’s reports (反映问题) are counted on /statistics and make the reports alert fire', async () => {
    const rows = fs.readFileSync(path.join(ROOT, 'content/sample/reports.ndjson'), 'utf8').split('\n').filter(Boolean);
    // The sample's reports span the 90 days before this day: this year and, early in a year, the last one.
    let total = 0;
    const outcomes = new Map<string, number>();
    for (const year of [Number(day.slice(0, 4)) - 1, Number(day.slice(0, 4))]) {
      const res = await fetch(`${server.url}/statistics?year=${year}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      total += Number(/反映入企检查问题 ([\d,]+)/.exec(html)![1]!.replace(/,/g, ''));
      const table = /id="table-report-outcome"[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? '';
      for (const [, label, n] of table.matchAll(/<th scope="row">([^<]+)<\/th>\s*<td class="num">([\d,]+)</g))
        outcomes.set(label!, (outcomes.get(label!) ?? 0) + Number(n!.replace(/,/g, '')));
    }
    // Every report counts once; the one the same business sent twice counts once.
    expect(total).toBe(rows.length - 1);
    // Received, being checked, closed, and closed as unfounded: each outcome has reports.
    expect(outcomes.size).toBe(4);
    for (const [label, n] of outcomes) expect(n, label).toBeGreaterThan(0);
    // Several 入企未亮码 reports against one agency within a month: the reports rule fires for it.
    const alerts = await browser.page(`/supervision/alerts?rule=reports&${period}`);
    expect(alerts.status).toBe(200);
    expect(alerts.html).toMatch(/区市监局在30天内被反映入企未亮码\/未亮证 \d+ 次/);
  });

  it('/statistics publishes satisfaction per agency, never a comment', async () => {
    // this year once it is half over, otherwise last year (whole batches of final evaluations only)
    const year = Number(day.slice(5, 7)) >= 7 ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1;
    const res = await fetch(`${server.url}/statistics?year=${year}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const table = /<table[^>]*id="satisfaction-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    const rows = [...table.matchAll(/<tr>\s*<th scope="row"/g)];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const comment of ['态度生硬', '重复检查，影响正常经营', '检查规范，没有影响正常营业'])
      expect(html).not.toContain(comment);
  });
});
