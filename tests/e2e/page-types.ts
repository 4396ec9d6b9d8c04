import { expect, type Page } from '@playwright/test';
import { handedOrder, reportedOrder } from './agency-setup';

export interface PageType {
  name: string;
  /** A path, or how to find one by following links from another page. */
  path: string | ((page: Page) => Promise<string>);
  /** Screenshot at 390 px attached to the report. */
  key?: boolean;
}

/** First link on `from` matching `selector`, as a path. */
const linkOn = (from: string, selector: string) => async (page: Page) => {
  await page.goto(from);
  const href = await page.locator(selector).first().getAttribute('href');
  expect(href, `${from} 上应有链接 ${selector}`).toBeTruthy();
  return href!;
};

/**
 * Every public page type, and the workspace pages an agency account sees. Add a page type here when it
 * is created (e.g. /about and /accessibility).
 */
export const PAGE_TYPES: PageType[] = [
  { name: 'home', path: '/', key: true },
  { name: 'search with results', path: '/disclosures?q=%E9%A4%90%E9%A5%AE', key: true },
  { name: 'search with filters', path: '/disclosures?agency=market&category=%E7%BD%9A%E6%AC%BE&page=2' },
  { name: 'search across record types', path: '/search?q=%E9%A4%90%E9%A5%AE', key: true },
  { name: 'search across record types, one type', path: '/search?type=penalty&agency=market&sort=amount_desc' },
  { name: 'record', path: linkOn('/disclosures?q=%E9%A4%90%E9%A5%AE', '.result h3 a'), key: true },
  {
    name: 'enterprise',
    path: async (page) =>
      linkOn(await linkOn('/disclosures?q=%E9%A4%90%E9%A5%AE', '.result h3 a')(page), 'a[href^="/enterprises/"]')(page),
  },
  { name: 'permits', path: '/permits', key: true },
  { name: 'permits with filters', path: '/permits?category=%E6%99%AE%E9%80%9A&agency=market&page=2' },
  { name: 'permit', path: linkOn('/permits', '.result h3 a') },
  { name: 'powers', path: '/powers' },
  { name: 'power', path: '/powers/CF-000203' },
  { name: 'enforcement items', path: '/powers/items?agency=market' },
  { name: 'inspection items', path: '/inspection-items?random=0' },
  { name: 'discretion', path: '/discretion' },
  { name: 'discretion item', path: '/discretion/CQ-0001' },
  { name: 'statistics', path: '/statistics', key: true },
  { name: 'agencies', path: '/agencies' },
  { name: 'agency', path: '/agencies/urban' },
  { name: 'laws', path: '/laws' },
  { name: 'law article', path: '/laws/DFFG-0008/17' },
  { name: 'inspectors', path: '/inspectors', key: true },
  { name: 'inspector', path: '/inspectors/ZF99011601000112' },
  { name: 'verify', path: '/verify' },
  { name: 'reports', path: '/reports' },
  { name: 'report form', path: '/reports/new', key: true },
  {
    name: 'report receipt',
    path: async (page) => {
      const res = await page.request.post('/api/v1/reports', {
        data: {
          clientId: crypto.randomUUID(),
          kind: 'repeated',
          agencyId: 'market',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          place: '示例路1号 示例超市',
          description: '一个月内同一事项被检查了三次，每次内容相同。',
        },
      });
      expect(res.status()).toBe(201);
      return `/reports/${(await res.json()).receipt}?filed=1`;
    },
  },
  { name: 'inspection results', path: '/inspection-results', key: true },
  {
    name: 'inspection results filtered',
    path: '/inspection-results?result=%E6%9C%AA%E5%8F%91%E7%8E%B0%E9%97%AE%E9%A2%98&page=2',
  },
  { name: 'inspection result', path: linkOn('/inspection-results', '.result h2 a') },
  {
    name: 'draw with results',
    path: linkOn('/inspection-results?source=%E5%8F%8C%E9%9A%8F%E6%9C%BA', 'a[href^="/draws/"]'),
  },
  { name: 'open data', path: '/open-data' },
  { name: 'supervision login', path: '/supervision/login' },
  { name: 'supervision work order with hand-off form', path: reportedOrder },
  {
    name: 'agency work orders (交办给本单位的工单)',
    path: async (page) => {
      await handedOrder(page);
      return '/supervision/agency';
    },
    key: true,
  },
  { name: 'agency work order with reply form', path: handedOrder, key: true },
  { name: 'about', path: '/about' },
  { name: 'accessibility statement', path: '/accessibility' },
];
