/**
 * The catalogue (事前公开) in a real browser, on the desktop and phone projects: every page type renders with
 * a heading, no sideways scrolling and no axe violations; the journey of issue 6 works by following links
 * (agency → power → law article → four-list items → decisions that cited it); filters work without JavaScript;
 * an officer can be checked by certificate number; print hides the controls.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { PAGE_TYPES } from './page-types';

const PAGES: [string, string, RegExp][] = [
  ['agency list', '/agencies', /执法主体/],
  ['agency', '/agencies/urban', /城市管理综合执法局/],
  ['agency without powers', '/agencies/justice', /司法局/],
  ['power list', '/powers', /权责清单/],
  ['power list, filtered', '/powers?type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A&agency=urban&page=1', /权责清单/],
  ['power list, nothing found', '/powers?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E7%A7%8D%E4%BA%8B%E9%A1%B9', /权责清单/],
  ['power', '/powers/CF-000203', /摆摊设点/],
  ['enforcement-item list', '/powers/items?agency=market', /行政执法事项目录/],
  ['four lists', '/discretion', /四张清单/],
  ['four lists, one kind', '/discretion?kind=%E4%BB%8E%E9%87%8D%E5%A4%84%E7%BD%9A', /四张清单/],
  ['four-list item', '/discretion/CQ-0001', /.+/],
  ['inspection-item list', '/inspection-items?random=0', /检查事项清单/],
  ['inspection item', '/inspection-items/JCSX-000001', /检查/],
  ['inspector list', '/inspectors', /核验执法人员/],
  ['inspector check, not found', '/inspectors?cert=ZF00000000000000', /核验执法人员/],
  ['inspector check, malformed number', '/inspectors?cert=ZF123', /核验执法人员/],
  ['inspector', '/inspectors/ZF99011601000112', /.+/],
  ['inspector, suspended', '/inspectors/ZF99011620000121', /.+/],
  ['law list', '/laws', /法律法规库/],
  ['law', '/laws/DFFG-0008', /市容和环境卫生管理条例/],
  ['article', '/laws/DFFG-0008/17', /第十七条/],
  ['statistics', '/statistics', /执法统计/],
  ['statistics, one year', '/statistics?year=2023', /2023 年执法统计/],
  ['unknown power', '/powers/CF-999999', /没有找到/],
];

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Pages the phone layout sweep (phone-layout.spec.ts) checks on phones, at 320 and 390 px: here on the desktop only. */
const sweptOnPhones = new Set(PAGE_TYPES.map((t) => t.path).filter((p) => typeof p === 'string'));

for (const [name, path, heading] of PAGES) {
  const tags = sweptOnPhones.has(path) ? { tag: '@desktop' } : {};
  test(`${name} (${path}) renders accessibly`, tags, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(name.startsWith('unknown') ? 404 : 200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page);
  });
}

test('the journey: agency → power → law article → four-list items → decisions that cited it, all by links', async ({
  page,
}) => {
  await page.goto('/agencies');
  await page.getByRole('link', { name: '示例市滨江新区城市管理综合执法局' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('示例市滨江新区城市管理综合执法局');

  // One of its powers.
  await page.getByRole('link', { name: '对擅自占用城市道路、公共场地摆摊设点经营的行政处罚' }).click();
  await expect(page).toHaveURL(/\/powers\/CF-000203$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('摆摊设点');

  // The four-list items for this power are listed on it too.
  const fourLists = page.getByRole('region', { name: /四张清单/ });
  await expect(fourLists.getByRole('link').first()).toBeVisible();

  // The law article behind it.
  await page
    .getByRole('region', { name: '设定依据' })
    .getByRole('link', { name: '《示例市市容和环境卫生管理条例》第十七条' })
    .click();
  await expect(page).toHaveURL(/\/laws\/DFFG-0008#art-17$/);
  const article = page.locator('#art-17');
  await expect(article.getByRole('heading', { name: '第十七条', exact: true })).toBeVisible();
  await expect(article).toBeInViewport();

  // What cites this article: the powers (including ours), the four-list items, the decisions.
  const refs = article.getByRole('group', { name: '引用第十七条的' });
  await expect(refs.locator('a[href^="/powers/"]').first()).toBeVisible();
  const item = refs.locator('a[href^="/discretion/"]').first();
  const itemName = (await item.textContent())!.replace(/（.*）$/, '').trim();
  await item.click();
  await expect(page).toHaveURL(/\/discretion\/[A-Z]{2}-\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(itemName);
  await expect(page.getByRole('link', { name: /《示例市市容和环境卫生管理条例》第十七条/ }).first()).toBeVisible();

  // Back to the article and on to a decision that cited it.
  await page.goBack();
  await expect(page).toHaveURL(/#art-17$/);
  const decision = page.locator('#art-17').locator('a[href^="/disclosures/"]').first();
  const decisionNo = (await decision.textContent())!.trim();
  expect(decisionNo).toMatch(/罚〔\d{4}〕\d+号/);
  await decision.click();
  await expect(page).toHaveURL(/\/disclosures\/[\w-]+$/);
  await expect(page.locator('main')).toContainText(decisionNo);
  await expect(page.locator('main')).toContainText('市容和环境卫生管理条例');
});

test('from a four-list item to the decisions that applied it', async ({ page }) => {
  await page.goto('/discretion/CQ-0001');
  const decisions = page.getByRole('region', { name: '适用本事项的公开处罚决定' });
  const first = decisions.locator('a[href^="/disclosures/"]').first();
  const no = (await first.textContent())!.trim();
  await first.click();
  await expect(page.locator('main')).toContainText(no);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the powers filter is a plain GET form with a stable, shareable address', async ({ page }) => {
    await page.goto('/powers');
    const before = Number(await page.locator('#result-count').getAttribute('data-total'));
    await page.getByText('按类型、执法主体、领域筛选').click();
    await page.getByLabel('权力类型', { exact: true }).selectOption('行政处罚');
    await page.getByLabel('实施主体', { exact: true }).selectOption('urban');
    await page.getByRole('button', { name: '应用筛选条件' }).click();
    await expect(page).toHaveURL(/type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A/);
    await expect(page).toHaveURL(/agency=urban/);
    const after = Number(await page.locator('#result-count').getAttribute('data-total'));
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    for (const cell of await page.locator('td[data-label="类型"]').allTextContents())
      expect(cell.trim()).toBe('行政处罚');
    // Removing one filter keeps the other.
    await page.getByRole('link', { name: /去掉条件：\s*类型：行政处罚/ }).click();
    await expect(page).toHaveURL(/agency=urban/);
    await expect(page).not.toHaveURL(/type=/);
  });

  test('search finds a power by the law it is based on', async ({ page }) => {
    await page.goto('/powers');
    await page.getByRole('searchbox', { name: '搜索权责事项', exact: true }).fill('市容和环境卫生管理条例');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(page.locator('#result-count')).toContainText(/找到 \d+ 项权责事项/);
    await expect(
      page.getByRole('link', { name: '对擅自占用城市道路、公共场地摆摊设点经营的行政处罚' }).first(),
    ).toBeVisible();
  });

  test('an officer is checked by certificate number, typed in lower case with spaces', async ({ page }) => {
    await page.goto('/inspectors');
    await page.getByRole('textbox', { name: '执法证号', exact: true }).fill('zf 9901 1620 000121');
    await page.getByRole('button', { name: '核验' }).click();
    await expect(page).toHaveURL(/\/inspectors\/ZF99011620000121$/);
    const verdict = page.locator('.cat-verdict');
    await expect(verdict).toContainText('执法证状态');
    await expect(verdict).toContainText('暂停');
    await expect(verdict).toContainText('不得执法');
  });

  test('a wrong certificate number is reported at the top and next to the field', async ({ page }) => {
    await page.goto('/inspectors');
    await page.getByRole('textbox', { name: '执法证号', exact: true }).fill('ZF123');
    await page.getByRole('button', { name: '核验' }).click();
    await expect(page).toHaveTitle(/^错误：/);
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('不是有效的执法证号');
    await summary.getByRole('link').click();
    await expect(page.getByRole('textbox', { name: '执法证号', exact: true })).toBeFocused();
  });
});

test('an officer can be found by name and agency', async ({ page }) => {
  await page.goto('/inspectors/ZF99011601000112');
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await page.goto('/inspectors');
  await page.getByRole('textbox', { name: '姓名', exact: true }).fill(name);
  await page.getByLabel('所属执法主体', { exact: true }).selectOption('lingang');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.locator('#result-count')).toContainText(/找到 [1-9]\d* 名执法人员/);
  await expect(page.getByRole('link', { name: 'ZF99011601000112' })).toBeVisible();
  await expect(page.locator('[data-status]').first()).toHaveText(/有效|暂停|注销|已过有效期/);
});

test('flowcharts are images with a name and a description, next to the same steps in words', async ({ page }) => {
  await page.goto('/agencies/urban#procedures');
  for (const title of ['行政处罚普通程序流程图', '行政处罚简易程序（当场处罚）流程图', '行政检查程序流程图']) {
    const img = page.getByRole('img', { name: title });
    await expect(img).toBeVisible();
    const steps = await img.locator('xpath=ancestor::section[1]').locator('ol > li').count();
    expect(steps).toBeGreaterThan(4);
    expect(await img.locator('desc').textContent()).toContain(`共 ${steps} 个步骤`);
  }
});

test('charts come with the same numbers in a table', async ({ page }) => {
  await page.goto('/discretion');
  const chart = page.getByRole('img', { name: '四张清单各有多少项' });
  await expect(chart).toBeVisible();
  const desc = (await chart.locator('desc').textContent())!;
  const table = page.getByRole('table', { name: '各清单事项数' });
  for (const kind of ['不予处罚', '减轻处罚', '从轻处罚', '从重处罚']) {
    const n = (await table
      .getByRole('row', { name: new RegExp(`^${kind}`) })
      .getByRole('cell')
      .last()
      .textContent())!.trim();
    expect(desc).toContain(`${kind} ${n} 项`);
  }
});

test('printing hides the filters, pagination and download links', async ({ page }) => {
  await page.goto('/powers?type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.cat-filters')).toBeHidden();
  await expect(page.locator('.cat-pagination')).toBeHidden();
  await expect(page.locator('.cat-summary__download')).toBeHidden();
  await expect(page.locator('#result-count')).toBeVisible();
  await expect(page.locator('table').first()).toBeVisible();
});
