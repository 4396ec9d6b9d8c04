import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

/** The cross-type search (/search): a type facet with counts, each hit labelled by its type in text. */
const count = (text: string | null) => Number(text!.match(/（([\d,]+)）/)![1]!.replace(/,/g, ''));

test('/search labels every hit with its type and links it to that type’s page', async ({ page }) => {
  await page.goto('/search?q=%E9%A4%90%E9%A5%AE');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('行政执法公示综合查询');
  await expect(page.getByRole('status')).toContainText(/共找到 [\d,]+ 条与“餐饮”有关的公示记录/);
  const results = page.locator('.result');
  const n = await results.count();
  expect(n).toBeGreaterThan(0);
  const paths = { 行政处罚: '/disclosures/', 行政许可: '/permits/', 检查结果: '/inspection-results/' } as const;
  for (let i = 0; i < n; i++) {
    const label = (await results.nth(i).locator('.tag--type').textContent()) as keyof typeof paths;
    expect(Object.keys(paths)).toContain(label);
    await expect(results.nth(i).locator('h3 a')).toHaveAttribute('href', new RegExp(`^${paths[label]}`));
    // A permit or an inspection result never shows a fine.
    if (label !== '行政处罚') await expect(results.nth(i)).not.toContainText('罚款');
  }
  await expectNoAxeViolations(page);
});

test('the type facet counts add up to the total and ticking a type narrows the results to it', async ({ page }) => {
  await page.goto('/search');
  await page.waitForLoadState('networkidle');
  await page
    .locator('summary', { hasText: '筛选条件' })
    .evaluate((s) => ((s.parentElement as HTMLDetailsElement).open = true));
  const total = Number((await page.getByRole('status').textContent())!.match(/([\d,]+)/)![1]!.replace(/,/g, ''));
  const counts: Record<string, number> = {};
  for (const t of ['penalty', 'permit', 'inspection-result'])
    counts[t] = count(await page.locator(`[data-live="type:${t}"]`).textContent());
  expect(counts.penalty! + counts.permit! + counts['inspection-result']!).toBe(total);

  await page.getByRole('checkbox', { name: /^行政处罚/ }).check();
  await expect(page).toHaveURL(/type=penalty/);
  await expect(page.getByRole('status')).toContainText(`共找到 ${counts.penalty!.toLocaleString('zh-CN')} 条`);
  await expect(page.locator('summary', { hasText: '筛选条件' })).toHaveText(/已选 1 项/);
  for (const tag of await page.locator('.result .tag--type').allTextContents()) expect(tag).toBe('行政处罚');
});

test('/disclosures stays the penalty list and points to the cross-type search', async ({ page }) => {
  await page.goto('/disclosures?q=%E9%A4%90%E9%A5%AE');
  await expect(page.locator('.result .tag--type')).toHaveCount(0);
  await expect(page.locator('#f-type')).toHaveCount(0);
  await page.getByRole('link', { name: '综合查询' }).first().click();
  await expect(page).toHaveURL(/\/search\?q=%E9%A4%90%E9%A5%AE/);
  await expect(page.getByLabel('关键词')).toHaveValue('餐饮');
});
