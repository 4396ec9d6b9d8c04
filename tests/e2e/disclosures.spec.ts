import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

const sample = fs
  .readFileSync(path.resolve(import.meta.dirname, '../../content/sample/disclosures.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; status: string; decisionNo: string; partyName: string });

test('search by a two-character term shows highlighted results and a shareable URL', async ({ page }) => {
  await page.goto('/disclosures');
  await expectNoAxeViolations(page);
  await page.getByLabel('关键词').fill('餐饮');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page).toHaveURL(/q=%E9%A4%90%E9%A5%AE/);
  await expect(page.getByRole('status')).toContainText(/共找到 \d+ 条/);
  await expect(page.locator('.result mark').first()).toHaveText(/餐|饮/);
  await expectNoAxeViolations(page);
});

test('filters narrow the results and survive a reload', async ({ page }) => {
  await page.goto('/disclosures');
  const before = Number((await page.getByRole('status').textContent())!.match(/([\d,]+)/)![1]!.replace(/,/g, ''));
  // Phones show the results first and the filters behind a button; wide screens show them open.
  if (!(await page.getByLabel('执法机关').isVisible())) await page.getByText('筛选条件', { exact: true }).click();
  await page.getByLabel('执法机关').selectOption('market');
  await page.getByRole('checkbox', { name: /^罚款/ }).check();
  await page.getByRole('button', { name: '应用筛选' }).click();
  await expect(page).toHaveURL(/agency=market/);
  const after = Number((await page.getByRole('status').textContent())!.match(/([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  for (const meta of await page.locator('.result__meta').allTextContents()) expect(meta).toContain('市场监督管理局');
  await page.reload();
  await expect(page.locator('summary', { hasText: '筛选条件' })).toContainText('已选 2 项');
  await expect(page.locator('input[name="category"][value="罚款"]')).toBeChecked();
});

test('search as you type updates the results without a page load', async ({ page }) => {
  await page.goto('/disclosures');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('关键词').pressSequentially('消防', { delay: 50 });
  await expect(page).toHaveURL(/q=%E6%B6%88%E9%98%B2/, { timeout: 5000 });
  await expect(page.locator('.result mark').first()).toHaveText(/消|防/);
});

test('a record page shows the decision in plain Chinese with links to the agency and the law', async ({ page }) => {
  await page.goto('/disclosures?q=%E9%A4%90%E9%A5%AE');
  await page.locator('.result h3 a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('行政处罚决定书文号').first()).toBeVisible();
  await expect(page.getByText('公示截止日期')).toBeVisible();
  const lawLink = page.locator('.basis-list a').first();
  await expect(lawLink).toHaveAttribute('href', /^\/laws\/[A-Z]+-\d+#art-\d+$/);
  await expect(page.locator('a[href^="/agencies/"]').first()).toBeVisible();
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd.identifier).toMatch(/罚/);
  await expectNoAxeViolations(page);
});

test('已记入公开日志: the record page verifies its own log proof in the browser, with the keyboard', async ({
  page,
}) => {
  await page.goto('/disclosures?q=%E9%A4%90%E9%A5%AE');
  await page.locator('.result h3 a').first().click();
  const section = page.getByRole('region', { name: '公开日志' });
  await expect(section.getByText('已记入公开日志')).toBeVisible();
  const button = section.getByRole('button', { name: '在浏览器中核验' });
  await button.scrollIntoViewIfNeeded();
  await expect(button).toBeEnabled();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(section.locator('.log-proof__verdict')).toContainText('✓ 核验通过', { timeout: 15_000 });
  await expect(section.locator('.log-proof__verdict')).toHaveAttribute('data-ok', 'true');
  await page.setViewportSize({ width: 320, height: 800 });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});

test('a withdrawn record answers 410 with only its number, date and reason', async ({ page }) => {
  let shown = false;
  for (const d of sample.filter((r) => r.status === 'withdrawn')) {
    const res = await page.goto(`/disclosures/${d.id}`);
    if (res?.status() !== 410) continue;
    shown = true;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/已撤回|停止公示/);
    await expect(page.getByText(d.decisionNo)).toBeVisible();
    await expect(page.locator('main')).not.toContainText(d.partyName);
    await expectNoAxeViolations(page);
    break;
  }
  expect(shown).toBe(true);
});

test('an invalid credit code gets a Chinese explanation', async ({ page }) => {
  const res = await page.goto('/enterprises/91990116E2W4L74');
  expect(res?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('统一社会信用代码有误');
  await expect(page.locator('main')).toContainText('18位');
  await expectNoAxeViolations(page);
});
