import { z } from 'zod';
import { CHINA_TIME_ZONE } from '../china-time';
import { req, text, url, type FieldLabels } from './common';

/** Site configuration. A sample deployment marks itself fictional so every page shows the sample banner. */
export const SiteSchema = z
  .strictObject({
    districtName: text(),
    siteName: text(),
    fictional: z.boolean({ error: req('应为true或false：是否为虚构的示例辖区') }),
    bannerText: text().optional(),
    baseUrl: url(),
    divisionCode: z.string({ error: req('应为6位行政区划代码文本') }).regex(/^\d{6}$/, '行政区划代码应为6位数字'),
    timezone: z.literal(CHINA_TIME_ZONE, { error: req(`时区应为${CHINA_TIME_ZONE}`) }),
    supervisorName: text(),
  })
  .superRefine((s, ctx) => {
    if (s.fictional && s.bannerText === undefined) {
      ctx.addIssue({ code: 'custom', path: ['bannerText'], message: '示例辖区必须填写示例横幅文字，说明数据为虚构' });
    }
    if (s.baseUrl.endsWith('/'))
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: '网址末尾不要带“/”，如https://sunlight.example.org' });
  });
export type Site = z.infer<typeof SiteSchema>;

export const siteFieldLabels: FieldLabels<Site> = {
  districtName: '辖区名称',
  siteName: '网站名称',
  fictional: '是否为虚构示例',
  bannerText: '示例横幅文字',
  baseUrl: '网站地址',
  divisionCode: '行政区划代码',
  timezone: '时区',
  supervisorName: '执法监督机关',
};
