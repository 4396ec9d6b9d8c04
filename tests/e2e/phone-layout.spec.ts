/**
 * Every page type on a 320 px and a 390 px wide phone screen: the page never scrolls sideways, no element
 * sticks out past the right edge (except inside a deliberate, labelled, keyboard-focusable scroll region),
 * no text is clipped, and axe finds nothing. Screenshots of the key pages at 390 px are attached to the
 * test report. Also: the disclosure search on a phone (results first, filters behind a button), Chinese
 * input methods (no search while pinyin is being composed) and facet counts that follow live results.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { PAGE_TYPES } from './page-types';

const WIDTHS = [320, 390] as const;
/** Tests of phone screens: the desktop project leaves them out (playwright.config.ts). */
const PHONE = { tag: '@phone' };

/** What is wrong with the layout at the current viewport, in words a reader can act on. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const se = document.scrollingElement!;
    if (se.scrollWidth > se.clientWidth) problems.push(`页面可以左右滚动：${se.scrollWidth} > ${se.clientWidth}`);
    const vw = se.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` +
      ` “${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24)}”`;
    /** A deliberate horizontal scroll region: scrolls, focusable by keyboard, and named. */
    const inScrollRegion = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (
          (s.overflowX === 'auto' || s.overflowX === 'scroll') &&
          a.getAttribute('tabindex') === '0' &&
          (a.hasAttribute('aria-label') || a.hasAttribute('aria-labelledby'))
        )
          return true;
      }
      return false;
    };
    const all = [...document.body.querySelectorAll('*')];
    // Hidden from sight but kept for screen readers (1 px, clipped): e.g. .visually-hidden, a stacked table's thead.
    const offScreen = all.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width <= 1 && r.height <= 1 && getComputedStyle(el).overflow === 'hidden';
    });
    for (const el of all) {
      if (el.closest('.skip-link, script, style, template, option')) continue;
      if (offScreen.some((h) => h.contains(el))) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if ((r.right > vw + 1 || r.left < -1) && !inScrollRegion(el)) {
        problems.push(`超出屏幕（左 ${Math.round(r.left)}，右 ${Math.round(r.right)}，屏宽 ${vw}）：${describe(el)}`);
      }
      const s = getComputedStyle(el);
      const clips = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '') {
        problems.push(`文字被截断（${el.scrollWidth} > ${el.clientWidth}）：${describe(el)}`);
      }
    }
    return problems.slice(0, 20);
  });
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

// Phone screens: run by the phone project only (playwright.config.ts), as a phone at both widths.
for (const type of PAGE_TYPES) {
  test(
    `${type.name}: no sideways scrolling, nothing cut off, axe clean at ${WIDTHS.join(' and ')} px`,
    PHONE,
    async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      const path = typeof type.path === 'string' ? type.path : await type.path(page);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await layoutProblems(page), `${path} at ${width} px`).toEqual([]);
        await expectNoAxeViolations(page);
        if (type.key && width === 390) await attachScreenshot(page, testInfo, `${type.name.replace(/\s+/g, '-')}-390`);
      }
    },
  );
}

test.describe('search on a phone', PHONE, () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('results come first; filters are behind a button that shows how many are active', async ({ page }) => {
    await page.goto('/disclosures?agency=market&category=%E7%BD%9A%E6%AC%BE');
    const toggle = page.locator('summary', { hasText: '筛选条件' });
    await expect(toggle).toHaveText(/已选 2 项/);
    await expect(page.getByLabel('执法机关')).toBeHidden();
    const first = page.locator('.result').first();
    const top = await first.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(2 * 640);
    await toggle.click();
    await expect(page.getByLabel('执法机关')).toBeVisible();
    expect(await layoutProblems(page)).toEqual([]);
    await expectNoAxeViolations(page);
  });

  test('page numbers are a horizontal row with the current page marked', async ({ page }) => {
    await page.goto('/disclosures?page=2');
    const nav = page.getByRole('navigation', { name: '翻页' });
    const current = nav.locator('[aria-current="page"]');
    await expect(current).toContainText('2');
    const tops = await nav
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(5);
    // Side by side (wrapping onto a second or third row at 320 px), not one page number per line.
    expect(new Set(tops).size).toBeLessThanOrEqual(Math.ceil(tops.length / 3));
    expect(
      await nav
        .locator('li')
        .first()
        .evaluate((li) => getComputedStyle(li).listStyleType),
    ).toBe('none');
  });
});

test('wide screens show the filters beside the results', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto('/disclosures');
  await expect(page.getByLabel('执法机关')).toBeVisible();
});

test('no search while a Chinese input method is composing; one search for the chosen characters', async ({ page }) => {
  // The page's timers run on the test's clock: the typing pause after which a search starts passes only when
  // the test moves the clock on, however slow the machine.
  await page.clock.install();
  await page.goto('/disclosures');
  await expect(page.locator('astro-island[component-url*="LiveSearch"]')).not.toHaveAttribute('ssr');
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  const searched: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/disclosures' && req.resourceType() === 'fetch')
      searched.push(url.searchParams.get('q') ?? '');
  });
  const box = page.getByLabel('关键词');
  await box.focus();
  await box.evaluate((input) =>
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' })),
  );
  for (const text of ['x', 'xi', 'xia', 'xiao', 'xiao f', 'xiao fa', 'xiao fang']) {
    await box.evaluate((input: HTMLInputElement, text) => {
      input.value = text;
      input.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: text }));
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: text, isComposing: true }));
    }, text);
    // Longer than the typing pause after which a search would start.
    await page.clock.runFor(500);
  }
  await box.evaluate((input: HTMLInputElement) => {
    input.value = '消防';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: '消防', isComposing: true }));
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '消防' }));
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: '消防', isComposing: false }));
  });
  // Every timer the input set has fired; then the clock runs on as usual for the answer to arrive.
  await page.clock.runFor(2000);
  await page.clock.resume();
  await expect(page).toHaveURL(/q=%E6%B6%88%E9%98%B2/);
  await expect(page.getByRole('status')).toContainText('消防');
  expect(searched).toEqual(['消防']);
  await expect(page.locator('.result mark').first()).toHaveText(/消|防/);
});

test('facet counts and the active-filter count follow the live results', async ({ page }) => {
  await page.goto('/disclosures');
  await page.waitForLoadState('networkidle');
  await page
    .locator('summary', { hasText: '筛选条件' })
    .evaluate((s) => ((s.parentElement as HTMLDetailsElement).open = true));
  const fine = page.locator('[data-live="category:罚款"]');
  const market = page.locator('[data-live="agency:market"]');
  const count = async (l: typeof fine) => Number((await l.textContent())!.match(/（([\d,]+)）/)![1]!.replace(/,/g, ''));
  const fineBefore = await count(fine);
  const marketBefore = await count(market);
  await page.getByLabel('关键词').pressSequentially('消防', { delay: 50 });
  await expect(page).toHaveURL(/q=%E6%B6%88%E9%98%B2/);
  await expect(page.getByRole('status')).toContainText('消防');
  // The counts now are those of the server-rendered page for the same query.
  const fresh = await page.request.get('/disclosures?q=%E6%B6%88%E9%98%B2');
  const html = await fresh.text();
  const served = (key: string) =>
    Number(html.match(new RegExp(`data-live="${key}"[^>]*>[^（<]*（([\\d,]+)）`))![1]!.replace(/,/g, ''));
  await expect.poll(() => count(fine)).toBe(served('category:罚款'));
  expect(await count(market)).toBe(served('agency:market'));
  expect([await count(fine), await count(market)]).not.toEqual([fineBefore, marketBefore]);

  await page.getByRole('checkbox', { name: /^罚款/ }).check();
  await expect(page).toHaveURL(/category=/);
  await expect(page.locator('summary', { hasText: '筛选条件' })).toHaveText(/已选 1 项/);
});
