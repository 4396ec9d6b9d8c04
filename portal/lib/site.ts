/**
 * Site-wide identity shown in the header, footer and error pages.
 *
 * The values below are a fictional sample. The source of these values may later
 * come from content data; keep the exported shape (`site: SiteInfo`) stable.
 * Keep it synchronous and free of database access: the 500 error page reads it
 * while the database may be down.
 */
export type SiteInfo = {
  /** Short site name, shown in the header and page titles. */
  name: string;
  /** Region the portal serves, shown next to the site name. */
  district: string;
  /** One sentence describing the site, used as the default meta description. */
  description: string;
  /** 主办单位 (the body that runs the site). */
  sponsor: string;
  /** Public contact for problems with the site itself. */
  contact: { phone: string; hours: string; email: string };
  /** 政府网站标识码 (a demo value, not a real one). */
  websiteCode: string;
  /** ICP 备案号 or a note that there is none. */
  icp: string;
  /** Notice shown on every page that the data is fictional. */
  sampleNotice: string;
};

export const site: SiteInfo = {
  name: '阳光执法',
  district: '示例市滨江新区（虚构示例）',
  description: '查询行政处罚决定公示、权责清单和裁量基准，核验执法检查是否真实，下载开放数据。',
  sponsor: '示例市滨江新区司法局（虚构示例）',
  contact: {
    phone: '0000-00000000（示例号码）',
    hours: '工作日 9:00–17:00',
    email: 'feedback@example.org',
  },
  websiteCode: '0000000000（示例，非真实标识码）',
  icp: '无（演示站点，未备案）',
  sampleNotice: '本站为演示站点：所有机关、人员、企业和案件均为虚构示例数据，与任何真实单位或个人无关。',
};
