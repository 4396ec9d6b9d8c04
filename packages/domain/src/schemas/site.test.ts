import { describe, expect, it } from 'vitest';
import { SiteSchema } from './site';

describe('SiteSchema', () => {
  const site = {
    districtName: '示例区（虚构）',
    siteName: '阳光执法 · 示例区',
    fictional: true,
    bannerText: '本站为演示站点，辖区、机关、企业和人员均为虚构。',
    baseUrl: 'https://sunlight.example.org',
    divisionCode: '990100',
    timezone: 'Asia/Shanghai',
    supervisorName: '示例区司法局',
  };
  it('accepts a fictional sample site', () => expect(SiteSchema.safeParse(site).success).toBe(true));
  it('requires a banner for a fictional site and a base URL without trailing slash', () => {
    expect(SiteSchema.safeParse({ ...site, bannerText: undefined }).success).toBe(false);
    expect(SiteSchema.safeParse({ ...site, baseUrl: 'https://sunlight.example.org/' }).success).toBe(false);
  });
});
