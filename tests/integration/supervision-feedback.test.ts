import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, DAY_MS } from '@sunlight/domain/china-time';
import { problemLabels } from '@sunlight/domain/schemas/evaluation';
import { Browser } from '../helpers/browser';
import { runSunlight } from '../helpers/cli';
import { ownPortal } from '../helpers/own-portal';

/**
 * 评价与反映 in the workspace, over real HTTP on a portal seeded with the sample: a supervisor reads the
 * enterprise's comments (not only averages), narrows them by rating, problem, certificate and enterprise,
 * follows one to its inspection file; reports are listed without who sent them.
 */

const portal = ownPortal({ SUNLIGHT_TRUST_PROXY: 'true' });
const base = portal.url;
const PASSWORD = 'integration passphrase 2026';
const cli = (args: string[], stdin?: string) =>
  runSunlight(args, { SUNLIGHT_DATA_DIR: portal.dataDir(), DATABASE_URL: '' }, stdin);

const today = chinaDate(Date.now());
const from = chinaDate(Date.now() - 179 * DAY_MS);
const period = `from=${from}&to=${today}`;

/** The rows of a table, as the text of each cell. */
function rows(html: string, id: string): string[][] {
  const table = html.match(new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`))?.[0] ?? '';
  const body = table.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}
const totalOf = (html: string) => Number(html.match(/共 (\d+) 条/)?.[1] ?? NaN);

let sv: Browser;
beforeAll(async () => {
  for (const [u, role] of [
    ['sv.feedback', 'supervisor'],
    ['au.feedback', 'auditor'],
  ] as const) {
    const r = await cli(['supervisor', 'create', '--username', u, '--role', role], `${PASSWORD}\n`);
    expect(r.code, r.stderr).toBe(0);
  }
  sv = new Browser(base, PASSWORD);
  expect((await sv.login('sv.feedback')).status).toBe(303);
});

describe('evaluations in the workspace', () => {
  it('lists the sample’s evaluations with their comments, and every filter narrows to what it names', async () => {
    const all = await sv.page(`/supervision/feedback?${period}`);
    expect(all.status).toBe(200);
    const total = totalOf(all.html);
    expect(total).toBeGreaterThan(20);
    const listed = rows(all.html, 'table-evaluations');
    expect(listed).toHaveLength(20);

    const low = await sv.page(`/supervision/feedback?${period}&maxRating=2`);
    const lowRows = rows(low.html, 'table-evaluations');
    expect(lowRows.length).toBeGreaterThan(0);
    expect(totalOf(low.html)).toBeLessThan(total);
    for (const r of lowRows) expect(Number(r[4]!.match(/总体满意 (\d) 分/)?.[1])).toBeLessThanOrEqual(2);

    // A problem kind seen on the first page: filtering by it lists only evaluations that report it.
    const [problem, label] = Object.entries(problemLabels).find(([, l]) => listed.some((r) => r[5]!.includes(l)))!;
    const byProblem = await sv.page(`/supervision/feedback?${period}&problem=${problem}`);
    const problemRows = rows(byProblem.html, 'table-evaluations');
    expect(problemRows.length).toBeGreaterThan(0);
    expect(totalOf(byProblem.html)).toBeLessThan(total);
    for (const r of problemRows) expect(r[5]).toContain(label);

    // One certificate: exactly its evaluation; its enterprise's code finds it too.
    const one = listed.find((r) => r[5] !== '—') ?? listed[0]!;
    const certificate = one[1]!;
    const byCert = await sv.page(`/supervision/feedback?${period}&certificate=${encodeURIComponent(certificate)}`);
    expect(totalOf(byCert.html)).toBe(1);
    expect(rows(byCert.html, 'table-evaluations')[0]).toEqual(one);
    const code = one[3]!.split(' ').at(-1)!;
    const byEnterprise = await sv.page(`/supervision/feedback?${period}&enterprise=${code}`);
    expect(rows(byEnterprise.html, 'table-evaluations').map((r) => r[1])).toContain(certificate);

    // A filter that cannot match says so instead of showing everything.
    const none = await sv.page(`/supervision/feedback?${period}&certificate=JCZ-1999-0000000-0`);
    expect(totalOf(none.html)).toBe(0);
    expect(none.html).toContain('没有符合条件的评价');
  });

  it('an evaluation leads to its inspection file, which shows the certificate, the rating and the comment', async () => {
    const { html } = await sv.page(`/supervision/feedback?${period}`);
    const link = html.match(/href="(\/supervision\/inspections\/[^"]+)"[^>]*>\s*(JCZ-[0-9-]+)/);
    expect(link).not.toBeNull();
    const file = await sv.page(link![1]!.replace(/&amp;/g, '&'));
    expect(file.status).toBe(200);
    expect(file.html).toContain(link![2]);
    expect(file.html).toContain('事后评价');
    expect(file.html).toMatch(/总体满意[\s\S]{0,200}\d 分/);
    expect((await sv.page('/supervision/inspections/no-such-inspection')).status).toBe(404);
  });

  it('is not readable without signing in, and an auditor reads it', async () => {
    const anon = await fetch(`${base()}/supervision/feedback`, { redirect: 'manual' });
    expect([302, 303]).toContain(anon.status);
    expect(anon.headers.get('location')).toContain('/supervision/login');
    const file = await fetch(`${base()}/supervision/inspections/x`, { redirect: 'manual' });
    expect([302, 303]).toContain(file.status);
    const au = new Browser(base, PASSWORD);
    expect((await au.login('au.feedback')).status).toBe(303);
    expect((await au.page(`/supervision/feedback?${period}`)).status).toBe(200);
  });
});

describe('reports in the workspace', () => {
  it('lists a report just filed, by kind, with its work order, and never the reporter’s contact', async () => {
    const marker = randomUUID();
    const contact = '13987654321';
    const res = await fetch(`${base()}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
      body: JSON.stringify({
        clientId: randomUUID(),
        kind: 'multi_agency',
        agencyId: 'market',
        occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        place: '示例路1号',
        description: `同一天三个部门先后来店检查同样的内容 ${marker}`,
        contact,
      }),
    });
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: string };
    const page = await sv.page(`/supervision/feedback?view=reports&${period}&problem=multi_agency`);
    const listed = rows(page.html, 'table-reports');
    const mine = listed.find((r) => r[3]!.includes(marker));
    expect(mine).toBeDefined();
    expect(mine![1]).toContain('多头检查');
    expect(mine![5]).toMatch(/GD-\d{4}-\d+/);
    for (const r of listed) expect(r[1]).toContain('多头检查');
    expect(page.html).not.toContain(contact);
    expect(page.html).not.toContain(receipt);
    const other = await sv.page(`/supervision/feedback?view=reports&${period}&problem=no_code`);
    expect(other.html).not.toContain(marker);
  });
});
