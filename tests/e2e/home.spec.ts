import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test('home page shows live counts, the sample-data banner and the main navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/阳光执法/);
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  await expect(page.getByText(/虚构/).first()).toBeVisible();
  const nav = page.getByRole('navigation', { name: /主导航|主要导航/ });
  for (const label of ['公示查询', '权责清单', '裁量清单', '检查核验', '开放数据']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  const counts = await page.locator('[data-count]').allTextContents();
  expect(counts.length).toBeGreaterThan(3);
  expect(counts.some((c) => /[1-9]/.test(c))).toBe(true);
  await expectNoAxeViolations(page);
});

test('the skip link is the first thing a keyboard user reaches and moves focus to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('nothing scrolls sideways on a 320 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('an unknown address answers 404 in Chinese with a way forward', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/不存在|找不到/);
  await expect(page.getByRole('link', { name: /首页/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
