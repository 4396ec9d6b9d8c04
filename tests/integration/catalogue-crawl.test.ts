/**
 * The catalogue (事前公开) pages over real HTTP: every internal link in their main content resolves (a bounded
 * crawl: every page type, the first pages of each), in-page anchors exist, CSV downloads carry a BOM and exactly
 * the rows of the filtered list, and filters return what they claim.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../helpers/csv';

const base = () => inject('portalUrl');

// ---------- small helpers ----------

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The <main> element's HTML (the header and footer belong to other pages' owners). */
function mainOf(html: string): string {
  const start = html.search(/<main[\s>]/);
  const end = html.lastIndexOf('</main>');
  return start >= 0 && end > start ? html.slice(start, end) : html;
}

function hrefs(html: string): string[] {
  return [...mainOf(html).matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => decode(m[1]!));
}

const ids = (html: string) => new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => decode(m[1]!)));

async function getCsv(path: string): Promise<{ header: string[]; rows: Record<string, string>[]; raw: Uint8Array }> {
  const res = await fetch(base() + path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.csv"; filename\*=UTF-8''/);
  const raw = new Uint8Array(await res.arrayBuffer());
  expect([...raw.slice(0, 3)], `${path} starts with a BOM`).toEqual([0xef, 0xbb, 0xbf]);
  const [header = [], ...body] = parseCsv(new TextDecoder().decode(raw.slice(3)));
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))), raw };
}

async function page(path: string): Promise<{ status: number; html: string }> {
  const res = await fetch(base() + path, { redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** The number a list page reports (data-total of its result count). */
const totalOf = (html: string) => Number(/id="result-count"[^>]*data-total="(\d+)"/.exec(html)?.[1] ?? NaN);
/** The page's own CSV link (so the test follows what a person would click). */
const csvLinkOf = (html: string) => hrefs(html).find((h) => /\/export\.csv(\?|$)/.test(h));

// ---------- the crawl ----------

/** Page types and how many of each the crawl opens (and reads links from). Links found are all checked. */
const TYPES: [RegExp, string, number][] = [
  [/^\/agencies$/, 'agency list', 8],
  [/^\/agencies\/[a-z][a-z0-9-]+$/, 'agency', 6],
  [/^\/powers$/, 'power list', 8],
  [/^\/powers\/items$/, 'enforcement-item list', 4],
  [/^\/powers\/[A-Z]{2}-\d{6}$/, 'power', 8],
  [/^\/discretion$/, 'four-list', 8],
  [/^\/discretion\/[A-Z]{2}-\d+$/, 'four-list item', 6],
  [/^\/inspection-items$/, 'inspection-item list', 4],
  [/^\/inspection-items\/JCSX-\d{6}$/, 'inspection item', 4],
  [/^\/inspectors$/, 'inspector list', 4],
  [/^\/inspectors\/ZF\d{14}$/, 'inspector', 4],
  [/^\/laws$/, 'law list', 4],
  [/^\/laws\/[A-Z]+-\d+$/, 'law', 5],
  [/^\/laws\/[A-Z]+-\d+\/\d+$/, 'article', 5],
  [/^\/statistics$/, 'statistics', 3],
];
const typeOf = (pathname: string) => TYPES.find(([re]) => re.test(pathname));

const SEEDS = [
  '/agencies',
  '/agencies/urban',
  '/agencies/market',
  '/powers',
  '/powers?type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A&page=2',
  '/powers/CF-000203',
  '/powers/items',
  '/discretion',
  '/discretion?kind=%E4%BB%8E%E9%87%8D%E5%A4%84%E7%BD%9A',
  '/inspection-items',
  '/inspectors',
  '/laws',
  '/laws/DFFG-0008',
  '/laws/FL-0001',
  '/laws/DFFG-0008/17',
  '/statistics',
];

interface Crawl {
  /** Every internal link found, with one page it was found on. */
  links: Map<string, string>;
  /** Status of every link target (path + search). */
  status: Map<string, number>;
  /** Element ids of every target fetched, for fragment checks. */
  anchors: Map<string, Set<string>>;
  opened: Map<string, number>;
}

async function crawl(): Promise<Crawl> {
  const origin = new URL(base()).origin;
  const c: Crawl = { links: new Map(), status: new Map(), anchors: new Map(), opened: new Map() };
  const queue = [...SEEDS];
  const seen = new Set<string>();

  const fetchTarget = async (target: string) => {
    if (c.status.has(target)) return;
    const res = await fetch(origin + target, { redirect: 'manual' });
    c.status.set(target, res.status);
    const type = res.headers.get('content-type') ?? '';
    if (res.status === 200 && type.includes('text/html')) {
      const html = await res.text();
      c.anchors.set(target, ids(html));
      return html;
    }
    await res.arrayBuffer();
    return undefined;
  };

  while (queue.length) {
    const batch = queue.splice(0, 6);
    await Promise.all(
      batch.map(async (path) => {
        const html = await fetchTarget(path);
        if (!html) return;
        for (const raw of hrefs(html)) {
          if (/^(mailto|tel|javascript):/.test(raw)) continue;
          const url = new URL(raw, origin + path);
          if (url.origin !== origin) continue;
          const target = url.pathname + url.search;
          const withHash = target + url.hash;
          if (!c.links.has(withHash)) c.links.set(withHash, path);
          if (seen.has(target)) continue;
          seen.add(target);
          const type = typeOf(url.pathname);
          if (!type) continue;
          const n = c.opened.get(type[1]) ?? 0;
          if (n >= type[2]) continue;
          c.opened.set(type[1], n + 1);
          queue.push(target);
        }
      }),
    );
  }
  // Check every link found, including those the crawl did not open.
  const targets = [...new Set([...c.links.keys()].map((l) => l.replace(/#.*$/, '')))].filter((t) => !c.status.has(t));
  for (let i = 0; i < targets.length; i += 8) await Promise.all(targets.slice(i, i + 8).map(fetchTarget));
  return c;
}

describe('catalogue pages over HTTP', () => {
  let c: Crawl;
  let disclosurePagesExist = true;

  beforeAll(async () => {
    c = await crawl();
    // The decision pages are built separately; until they exist, links to them are reported, not failed.
    const decisionLink = [...c.links.keys()].find((l) => l.startsWith('/disclosures/'));
    if (decisionLink) {
      const probe = await fetch(base() + decisionLink.replace(/#.*$/, ''));
      disclosurePagesExist = !(probe.status === 404 && (await probe.text()).includes('页面不存在'));
    }
  }, 600_000);

  it('opens every catalogue page type', () => {
    for (const [, name] of TYPES) expect(c.opened.get(name) ?? 0, name).toBeGreaterThan(0);
    expect(c.links.size).toBeGreaterThan(500);
  });

  it('has no broken internal link: every target answers 200 (a redirect only where it leads to one)', () => {
    const broken: string[] = [];
    for (const [link, from] of c.links) {
      const target = link.replace(/#.*$/, '');
      if (target.startsWith('/disclosures/') && !disclosurePagesExist) continue;
      const status = c.status.get(target);
      if (status !== 200) broken.push(`${link} → ${status} (linked from ${from})`);
    }
    expect(broken).toEqual([]);
  });

  it('links to public decisions only, and each of them answers 200', () => {
    const decisions = [...c.links.keys()].filter((l) => l.startsWith('/disclosures/'));
    expect(decisions.length).toBeGreaterThan(10);
    if (!disclosurePagesExist) {
      console.warn(
        `[catalogue-crawl] /disclosures/{id} pages are not built yet; ${decisions.length} links not checked`,
      );
      return;
    }
    for (const d of decisions) expect(c.status.get(d.replace(/#.*$/, '')), d).toBe(200);
  });

  it('every in-page anchor it links to exists on the target page', () => {
    const missing: string[] = [];
    for (const [link, from] of c.links) {
      const hash = /#(.+)$/.exec(link)?.[1];
      if (!hash) continue;
      const target = link.replace(/#.*$/, '');
      if (target.startsWith('/disclosures/')) continue;
      const anchors = c.anchors.get(target);
      if (anchors && !anchors.has(decodeURIComponent(hash))) missing.push(`${link} (from ${from})`);
    }
    expect(missing).toEqual([]);
  });

  it('addresses each article of a law as #art-N', async () => {
    const { status, html } = await page('/laws/FL-0001');
    expect(status).toBe(200);
    for (const n of [1, 5, 33]) expect(html).toContain(`id="art-${n}"`);
  });

  it('answers unknown records with a Chinese 404 that links back to the list', async () => {
    for (const [path, list] of [
      ['/agencies/no-such-body', '/agencies'],
      ['/powers/CF-999999', '/powers'],
      ['/discretion/BY-9999', '/discretion'],
      ['/inspection-items/JCSX-999999', '/inspection-items'],
      ['/inspectors/ZF00000000000000', '/inspectors'],
      ['/laws/FL-9999', '/laws'],
      ['/laws/FL-0001/2', '/laws/FL-0001'],
      ['/statistics?year=1999', '/statistics?year='],
    ] as const) {
      const { status, html } = await page(path);
      expect(status, path).toBe(404);
      expect(html, path).toMatch(/没有/);
      expect(html, path).toContain(`href="${list}`);
    }
  });
});

describe('CSV downloads', () => {
  const lists: [string, string][] = [
    ['/agencies?category=B', '考核类别'],
    ['/powers?type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A&agency=urban', '权力类型'],
    ['/powers/items?level=%E5%AD%90%E9%A1%B9', '事项层级'],
    ['/discretion?kind=%E4%B8%8D%E4%BA%88%E5%A4%84%E7%BD%9A', '清单类别'],
    ['/inspection-items?random=0', '是否双随机抽查'],
    ['/inspectors?status=suspended', '证件状态'],
    ['/laws?level=%E6%B3%95%E5%BE%8B', '效力级别'],
    ['/powers', '权责事项编码'],
  ];

  it.each(lists)(
    '%s: the CSV of the current filter has a BOM, Chinese headers and exactly the rows counted',
    async (path, column) => {
      const { status, html } = await page(path);
      expect(status).toBe(200);
      const total = totalOf(html);
      expect(total).toBeGreaterThan(0);
      const link = csvLinkOf(html);
      expect(link, 'the page links its CSV').toBeDefined();
      const csv = await getCsv(link!);
      expect(csv.header).toContain(column);
      expect(csv.header.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
      expect(csv.rows).toHaveLength(total);
    },
  );

  it('statistics.csv has a BOM and one row per table row of the page', async () => {
    const { html } = await page('/statistics?year=2025');
    const csv = await getCsv('/statistics.csv?year=2025');
    const rowsOf = (id: string) => {
      const table = new RegExp(`id="${id}"[\\s\\S]*?<tbody[^>]*>([\\s\\S]*?)</tbody>`).exec(html)?.[1] ?? '';
      return (table.match(/<tr[\s>]/g) ?? []).length;
    };
    const group = (g: string) => csv.rows.filter((r) => r['分组'] === g);
    expect(group('合计')).toHaveLength(1);
    expect(group('执法主体')).toHaveLength(rowsOf('table-agency'));
    expect(group('执法领域')).toHaveLength(rowsOf('table-field'));
    expect(group('处罚类别')).toHaveLength(rowsOf('table-category'));
    expect(group('四张清单类别')).toHaveLength(rowsOf('table-kind'));
    expect(group('检查任务来源')).toHaveLength(rowsOf('table-source'));
    expect(group('反映问题类型')).toHaveLength(rowsOf('table-report-kind'));
    expect(group('被反映单位')).toHaveLength(rowsOf('table-report-agency'));
    expect(group('反映办理结果')).toHaveLength(rowsOf('table-report-outcome'));
    const total = group('合计')[0]!;
    const sum = (g: string, col: string) => group(g).reduce((s, r) => s + Number(r[col] || 0), 0);
    expect(sum('执法主体', '处罚决定数')).toBe(Number(total['处罚决定数']));
    expect(sum('执法主体', '检查任务数')).toBe(Number(total['检查任务数']));
    expect(sum('反映问题类型', '反映问题数')).toBe(Number(total['反映问题数']));
    expect(sum('反映办理结果', '反映问题数')).toBe(Number(total['反映问题数']));
    expect(sum('执法主体', '罚款金额（万元）')).toBeCloseTo(Number(total['罚款金额（万元）']), 4);
    expect(sum('四张清单类别', '适用四张清单次数')).toBeLessThanOrEqual(Number(total['适用四张清单次数']));
    expect(csv.rows.every((r) => r['年度'] === '2025')).toBe(true);
    // Only aggregates: no decision numbers, credit codes or names of parties.
    expect(new TextDecoder().decode(csv.raw)).not.toMatch(/罚〔|[0-9A-HJ-NPQRTUWXY]{18}|某/);
  });

  it('statistics.csv for a year without data is a 404', async () => {
    expect((await fetch(`${base()}/statistics.csv?year=1999`)).status).toBe(404);
  });
});

describe('filters return what they claim', () => {
  it('powers: type, agency and field', async () => {
    const { rows } = await getCsv('/powers/export.csv?type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A&agency=urban');
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r['权力类型']).toBe('行政处罚');
      expect(r['实施主体']).toBe('示例市滨江新区城市管理综合执法局');
    }
    const byField = await getCsv('/powers/export.csv?field=%E6%B6%88%E9%98%B2');
    expect(byField.rows.length).toBeGreaterThan(0);
    for (const r of byField.rows) expect(r['执法领域']).toBe('消防');
  });

  it('powers: search by code, by law title, and by law article', async () => {
    const byCode = await page('/powers?q=CF-000203');
    expect(totalOf(byCode.html)).toBe(1);
    expect(byCode.html).toContain('href="/powers/CF-000203"');
    const byLaw = await getCsv('/powers/export.csv?q=%E5%B8%82%E5%AE%B9%E5%92%8C%E7%8E%AF%E5%A2%83%E5%8D%AB%E7%94%9F');
    expect(byLaw.rows.length).toBeGreaterThan(0);
    for (const r of byLaw.rows) expect(`${r['事项名称']}${r['设定依据']}`).toContain('市容和环境卫生');
    const byArticle = await getCsv('/powers/export.csv?law=DFFG-0008&article=17');
    expect(byArticle.rows.length).toBeGreaterThan(0);
    for (const r of byArticle.rows) expect(r['设定依据']).toContain('《示例市市容和环境卫生管理条例》第十七条');
  });

  it('four lists: the kind tabs count what the kind filter lists', async () => {
    const all = await page('/discretion?agency=market');
    for (const kind of ['不予处罚', '减轻处罚', '从轻处罚', '从重处罚']) {
      const tab = new RegExp(`${kind}（(\\d+)）`).exec(all.html);
      expect(tab, kind).not.toBeNull();
      const { rows } = await getCsv(`/discretion/export.csv?agency=market&kind=${encodeURIComponent(kind)}`);
      expect(rows).toHaveLength(Number(tab![1]));
      for (const r of rows) {
        expect(r['清单类别']).toBe(kind);
        expect(r['实施主体']).toBe('示例市滨江新区市场监督管理局');
      }
    }
  });

  it('inspection items: drawing method and inspection method', async () => {
    const { rows } = await getCsv('/inspection-items/export.csv?random=1&method=%E4%B9%A6%E9%9D%A2%E6%A3%80%E6%9F%A5');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r['是否双随机抽查']).toBe('是');
      expect(r['检查方式']).toContain('书面检查');
    }
  });

  it('inspectors: a certificate number goes to the officer’s page; a wrong one says so', async () => {
    const { rows } = await getCsv('/inspectors/export.csv?status=suspended');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r['证件状态']).toBe('暂停');
    const cert = rows[0]!['执法证号']!;
    const res = await fetch(`${base()}/inspectors?cert=${cert.toLowerCase()}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/inspectors/${cert}`);
    const officer = await page(`/inspectors/${cert}`);
    expect(officer.status).toBe(200);
    expect(officer.html).toContain('data-status="suspended"');
    expect(officer.html).toMatch(/暂停/);
    const wrong = await page('/inspectors?cert=ZF00000000000000');
    expect(wrong.status).toBe(200);
    expect(wrong.html).toContain('error-summary');
    expect(wrong.html).toContain('没有找到执法证号为 ZF00000000000000 的执法人员');
    const malformed = await page('/inspectors?cert=12345');
    expect(malformed.html).toContain('不是有效的执法证号');
  });

  it('inspectors: name and agency find the officer; pages show nothing but the public fields', async () => {
    const { rows } = await getCsv('/inspectors/export.csv?agency=urban');
    const first = rows[0]!;
    const found = await page(`/inspectors?name=${encodeURIComponent(first['姓名']!)}&agency=urban`);
    expect(totalOf(found.html)).toBeGreaterThanOrEqual(1);
    expect(found.html).toContain(first['执法证号']);
    expect(Object.keys(first).sort()).toEqual(
      ['姓名', '执法证号', '所属执法主体', '执法领域', '证件状态', '有效期至'].sort(),
    );
    const officer = await page(`/inspectors/${first['执法证号']}`);
    // The internal id and job title (职务) stay private.
    expect(officer.html).not.toMatch(/insp-[a-z]+-\d+|科长|科员|队长/);
  });

  it('agencies and laws: category, field and level', async () => {
    const agencies = await getCsv('/agencies/export.csv?category=B&field=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7');
    expect(agencies.rows.length).toBeGreaterThan(0);
    for (const r of agencies.rows) {
      expect(r['考核类别']).toBe('B');
      expect(r['执法领域']).toContain('安全生产');
    }
    const laws = await getCsv('/laws/export.csv?level=%E5%9C%B0%E6%96%B9%E6%80%A7%E6%B3%95%E8%A7%84');
    for (const r of laws.rows) {
      expect(r['效力级别']).toBe('地方性法规');
      expect(r['法律法规编码']).toMatch(/^DFFG-/);
    }
  });

  it('a filter that finds nothing says so and offers ways out; % is not a wildcard; odd pages are clamped', async () => {
    const none = await page('/powers?q=%25');
    expect(none.status).toBe(200);
    expect(totalOf(none.html)).toBe(0);
    expect(none.html).toContain('没有找到符合条件的权责事项');
    expect(none.html).toContain('href="/powers"');
    const past = await page('/powers?page=9999');
    expect(past.status).toBe(200);
    expect(past.html).toContain('aria-current="page"');
    const junk = await page('/powers?type=%E4%B8%8D%E5%AD%98%E5%9C%A8&agency=..%2F..&page=abc');
    expect(junk.status).toBe(200);
    expect(totalOf(junk.html)).toBe(totalOf((await page('/powers')).html));
  });

  it('list pages work as GET forms: the filter form submits to the page itself', async () => {
    for (const path of [
      '/agencies',
      '/powers',
      '/powers/items',
      '/discretion',
      '/inspection-items',
      '/inspectors',
      '/laws',
    ]) {
      const { html } = await page(path);
      expect(html, path).toMatch(new RegExp(`<form[^>]*method="get"[^>]*action="${path.replace(/\//g, '\\/')}"`));
    }
  });
});
