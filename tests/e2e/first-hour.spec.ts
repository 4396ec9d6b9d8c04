import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const { path, heading, sections } of [
  {
    path: '/about',
    heading: '关于本站',
    sections: ['本站数据是虚构示例', '本站提供什么', '谁主办本站', '数据从哪里来'],
  },
  {
    path: '/accessibility',
    heading: '无障碍声明',
    sections: ['遵循的标准', '您可以做到的', '已知的不足', '反映无障碍问题'],
  },
]) {
  test(`${path} is reached from the footer, reads in order, passes axe and fits 320 px`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: '页脚链接' }).getByRole('link', { name: heading }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    for (const name of sections) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 320, height: 640 });
    await page.reload();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });
}

test('/verify on the sample shows the 演示 certificate and code; the certificate verifies; it fits 320 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/verify');
  const box = page.getByRole('region', { name: /用示例数据试一试/ });
  await expect(box).toBeVisible();
  await expect(box.getByText('演示', { exact: true })).toBeVisible();
  await expect(box.locator('[data-demo-code]')).toHaveText(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);

  await box.locator('[data-demo-certificate]').click();
  await expect(page.getByText('真实有效').first()).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
});
