import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

const sample = fs
  .readFileSync(path.resolve(import.meta.dirname, '../../content/sample/permits.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        status: string;
        decisionNo: string;
        partyName: string;
        partyType: string;
        permitContent: string;
        licenceNo: string;
        partyCreditCode?: string;
        withdrawal?: { reason: string };
      },
  );

test('find a permit by its number from the home page, open it and its enterprise', async ({ page }) => {
  const p = sample.find((x) => x.status === 'published' && x.partyType === '法人及非法人组织' && x.partyCreditCode)!;
  await page.goto('/');
  await page.getByRole('link', { name: '查许可' }).click();
  await expect(page).toHaveURL(/\/permits$/);
  await expectNoAxeViolations(page);
  await page.getByLabel('关键词').fill(p.licenceNo);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('共 1 项');
  await page.getByRole('link', { name: p.partyName }).click();
  await expect(page).toHaveURL(new RegExp(`/permits/${p.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.partyName);
  await expect(page.getByText(p.decisionNo).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /全部公开许可和处罚决定/ }).click();
  await expect(page.getByRole('heading', { name: /公示中的行政许可/ })).toBeVisible();
  await expect(page.getByRole('link', { name: p.decisionNo })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 720 });
  expect(
    await page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth),
  ).toBe(true);
});

test('filters by 许可类别 narrow the list and survive a reload', async ({ page }) => {
  await page.goto('/permits');
  const total = async () =>
    Number((await page.getByRole('status').textContent())!.match(/([\d,]+)/)![1]!.replace(/,/g, ''));
  const before = await total();
  if (!(await page.getByLabel('许可类别').isVisible())) await page.getByText('筛选条件', { exact: true }).click();
  await page.getByLabel('许可类别').selectOption('核准');
  await page.getByRole('button', { name: '应用筛选' }).click();
  await expect(page).toHaveURL(/category=%E6%A0%B8%E5%87%86/);
  const after = await total();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  await page.reload();
  expect(await total()).toBe(after);
  await expectNoAxeViolations(page);
});

test('a withdrawn permit shows only its number, date and reason, on a 320 px phone too', async ({ page }) => {
  const gone = sample.find((x) => x.status === 'withdrawn')!;
  await page.setViewportSize({ width: 320, height: 720 });
  const res = await page.goto(`/permits/${gone.id}`);
  expect(res?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('不再公示');
  await expect(page.getByText(gone.decisionNo)).toBeVisible();
  await expect(page.getByText(gone.withdrawal!.reason)).toBeVisible();
  const body = await page.locator('body').innerText();
  expect(body).not.toContain(gone.permitContent);
  expect(
    await page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth),
  ).toBe(true);
  await expectNoAxeViolations(page);
});
