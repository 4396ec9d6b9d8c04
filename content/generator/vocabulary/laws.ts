/**
 * The coded law library of the sample. National laws, administrative
 * regulations and ministry rules are named after real instruments (titles are
 * public), but every ARTICLE TEXT the generator writes is paraphrased sample
 * text, not the statute. Local regulations and rules belong to the fictional
 * 示例市 and do not exist.
 */
import type { LawLevel } from '@sunlight/domain/schemas/common';
import type { FieldCode } from './fields.ts';

export interface LawDef {
  title: string;
  level: LawLevel;
  issuingBody: string;
  /** Year it took effect (the current version). */
  year: number;
  /** Fields whose violations the law governs; empty for general procedural law. */
  fields: FieldCode[];
  /** Short name used in 本法/本条例/本办法 self-references. */
  selfName: '本法' | '本条例' | '本规定' | '本办法' | '本细则';
}

const NPC = '全国人民代表大会常务委员会';
const SC = '国务院';
const CITY_PC = '示例市人民代表大会常务委员会';
const CITY_GOV = '示例市人民政府';

function selfNameOf(title: string): LawDef['selfName'] {
  if (title.endsWith('法')) return '本法';
  if (title.endsWith('条例')) return '本条例';
  if (title.endsWith('细则')) return '本细则';
  if (title.endsWith('规定') || title.endsWith('规定（试行）')) return '本规定';
  return '本办法';
}

const law = (title: string, year: number, ...fields: FieldCode[]): LawDef => ({
  title: `中华人民共和国${title}`,
  level: '法律',
  issuingBody: NPC,
  year,
  fields,
  selfName: '本法',
});
const reg = (title: string, year: number, ...fields: FieldCode[]): LawDef => ({
  title,
  level: '行政法规',
  issuingBody: SC,
  year,
  fields,
  selfName: selfNameOf(title),
});
const rule = (body: string, title: string, year: number, ...fields: FieldCode[]): LawDef => ({
  title,
  level: '部门规章',
  issuingBody: body,
  year,
  fields,
  selfName: selfNameOf(title),
});
const local = (title: string, year: number, ...fields: FieldCode[]): LawDef => ({
  title: `示例市${title}`,
  level: '地方性法规',
  issuingBody: CITY_PC,
  year,
  fields,
  selfName: selfNameOf(title),
});
const gov = (title: string, year: number, ...fields: FieldCode[]): LawDef => ({
  title: `示例市${title}`,
  level: '地方政府规章',
  issuingBody: CITY_GOV,
  year,
  fields,
  selfName: selfNameOf(title),
});

const SAMR = '国家市场监督管理总局';
const MEE = '生态环境部';
const MEM = '应急管理部';
const MOT = '交通运输部';
const MCT = '文化和旅游部';
const NHC = '国家卫生健康委员会';
const MOHRSS = '人力资源和社会保障部';
const MOHURD = '住房和城乡建设部';
const MOA = '农业农村部';
const MWR = '水利部';
const MNR = '自然资源部';
const MOFCOM = '商务部';
const MOE = '教育部';
const MCA = '民政部';
const MPS = '公安部';

export const LAWS: LawDef[] = [
  // General administrative law
  law('行政处罚法', 2021),
  law('行政许可法', 2019),
  law('行政强制法', 2012),
  law('行政复议法', 2024),
  reg('优化营商环境条例', 2020),
  reg('政府信息公开条例', 2019),
  local('行政执法监督条例', 2023),
  gov('行政执法公示办法', 2024),
  gov('行政执法全过程记录办法', 2024),
  gov('重大行政执法决定法制审核办法', 2024),
  gov('涉企行政检查规定', 2025),

  // 市场监管
  law('反不正当竞争法', 2019, 'market'),
  law('广告法', 2021, 'market'),
  law('产品质量法', 2018, 'market'),
  law('消费者权益保护法', 2014, 'market'),
  law('价格法', 1998, 'market'),
  law('计量法', 2018, 'market'),
  law('商标法', 2019, 'market'),
  law('特种设备安全法', 2014, 'market'),
  law('电子商务法', 2019, 'market'),
  reg('市场主体登记管理条例', 2022, 'market'),
  reg('无证无照经营查处办法', 2017, 'market'),
  reg('价格违法行为行政处罚规定', 2010, 'market'),
  reg('特种设备安全监察条例', 2009, 'market'),
  reg('消费者权益保护法实施条例', 2024, 'market'),
  rule(SAMR, '明码标价和禁止价格欺诈规定', 2022, 'market'),
  rule(SAMR, '网络交易监督管理办法', 2021, 'market'),
  rule(SAMR, '侵害消费者权益行为处罚办法', 2020, 'market'),
  rule(SAMR, '企业信息公示暂行条例实施办法', 2024, 'market'),
  local('消费者权益保护条例', 2022, 'market'),
  gov('市场监督管理行政处罚裁量基准适用规定', 2023, 'market', 'food'),

  // 食品安全 / 药品
  law('食品安全法', 2021, 'food'),
  reg('食品安全法实施条例', 2019, 'food'),
  reg('乳品质量安全监督管理条例', 2008, 'food'),
  rule(SAMR, '食品经营许可和备案管理办法', 2023, 'food'),
  rule(SAMR, '食品生产许可管理办法', 2020, 'food'),
  rule(SAMR, '网络餐饮服务食品安全监督管理办法', 2020, 'food'),
  rule(SAMR, '食品召回管理办法', 2020, 'food'),
  local('食品安全条例', 2021, 'food'),
  gov('小餐饮和食品摊贩管理办法', 2022, 'food', 'urban'),
  law('药品管理法', 2019, 'drug'),
  reg('医疗器械监督管理条例', 2021, 'drug'),
  reg('化妆品监督管理条例', 2021, 'drug'),
  rule(SAMR, '药品经营和使用质量监督管理办法', 2024, 'drug'),
  rule(SAMR, '医疗器械经营监督管理办法', 2022, 'drug'),
  rule(SAMR, '化妆品生产经营监督管理办法', 2022, 'drug'),

  // 生态环境
  law('环境保护法', 2015, 'environment'),
  law('大气污染防治法', 2018, 'environment'),
  law('水污染防治法', 2018, 'environment'),
  law('固体废物污染环境防治法', 2020, 'environment'),
  law('噪声污染防治法', 2022, 'environment'),
  law('环境影响评价法', 2018, 'environment'),
  law('土壤污染防治法', 2019, 'environment'),
  reg('排污许可管理条例', 2021, 'environment'),
  reg('建设项目环境保护管理条例', 2017, 'environment'),
  reg('医疗废物管理条例', 2011, 'environment', 'health'),
  rule(MEE, '生态环境行政处罚办法', 2023, 'environment'),
  rule(MEE, '危险废物转移管理办法', 2022, 'environment'),
  rule(MEE, '排污许可管理办法', 2024, 'environment'),
  local('大气污染防治条例', 2020, 'environment'),
  local('生态环境保护条例', 2019, 'environment'),
  gov('建设工程扬尘污染防治管理办法', 2021, 'environment', 'construction'),

  // 安全生产 / 消防
  law('安全生产法', 2021, 'safety'),
  reg('危险化学品安全管理条例', 2013, 'safety'),
  reg('生产安全事故报告和调查处理条例', 2007, 'safety'),
  reg('生产安全事故应急条例', 2019, 'safety'),
  rule(MEM, '生产经营单位安全培训规定', 2015, 'safety'),
  rule(MEM, '安全生产违法行为行政处罚办法', 2015, 'safety'),
  rule(MEM, '生产安全事故应急预案管理办法', 2019, 'safety'),
  rule(MEM, '工贸企业粉尘防爆安全规定', 2021, 'safety'),
  rule(MEM, '特种作业人员安全技术培训考核管理规定', 2015, 'safety'),
  rule(MEM, '工贸企业有限空间作业安全规定', 2024, 'safety'),
  local('安全生产条例', 2022, 'safety'),
  gov('生产经营单位安全生产主体责任规定', 2023, 'safety'),
  law('消防法', 2021, 'fire'),
  rule(MEM, '消防监督检查规定', 2012, 'fire'),
  rule(MPS, '机关、团体、企业、事业单位消防安全管理规定', 2002, 'fire'),
  rule(MEM, '高层民用建筑消防安全管理规定', 2021, 'fire'),
  local('消防条例', 2021, 'fire'),
  gov('电动自行车消防安全管理规定', 2023, 'fire'),

  // 城市管理
  reg('城市市容和环境卫生管理条例', 2017, 'urban'),
  reg('城市绿化条例', 2017, 'urban'),
  reg('城镇排水与污水处理条例', 2014, 'urban'),
  reg('城市道路管理条例', 2019, 'urban'),
  rule(MOHURD, '城市建筑垃圾管理规定', 2005, 'urban'),
  rule(MOHURD, '城市生活垃圾管理办法', 2015, 'urban'),
  local('市容和环境卫生管理条例', 2020, 'urban'),
  local('生活垃圾管理条例', 2021, 'urban'),
  gov('户外广告设施和招牌设置管理办法', 2022, 'urban'),
  gov('城市管理综合行政执法办法', 2021, 'urban'),
  law('城乡规划法', 2019, 'urban', 'planning'),

  // 交通运输
  law('公路法', 2017, 'transport'),
  reg('道路运输条例', 2023, 'transport'),
  reg('公路安全保护条例', 2011, 'transport'),
  rule(MOT, '道路旅客运输及客运站管理规定', 2023, 'transport'),
  rule(MOT, '道路货物运输及站场管理规定', 2023, 'transport'),
  rule(MOT, '网络预约出租汽车经营服务管理暂行办法', 2022, 'transport'),
  rule(MOT, '巡游出租汽车经营服务管理规定', 2021, 'transport'),
  rule(MOT, '道路危险货物运输管理规定', 2023, 'transport'),
  rule(MOT, '机动车维修管理规定', 2023, 'transport'),
  rule(MOT, '超限运输车辆行驶公路管理规定', 2021, 'transport'),
  rule(MOT, '道路运输车辆动态监督管理办法', 2022, 'transport'),
  local('道路运输管理条例', 2021, 'transport'),
  local('客运出租汽车管理条例', 2020, 'transport'),

  // 文化旅游
  law('旅游法', 2018, 'culture'),
  law('文物保护法', 2025, 'culture'),
  reg('娱乐场所管理条例', 2020, 'culture'),
  reg('营业性演出管理条例', 2020, 'culture'),
  reg('互联网上网服务营业场所管理条例', 2022, 'culture'),
  reg('出版管理条例', 2020, 'culture'),
  reg('旅行社条例', 2020, 'culture'),
  rule(MCT, '娱乐场所管理办法', 2022, 'culture'),
  rule(MCT, '营业性演出管理条例实施细则', 2022, 'culture'),
  local('旅游条例', 2019, 'culture'),
  local('文化市场管理条例', 2021, 'culture'),

  // 卫生健康
  law('基本医疗卫生与健康促进法', 2020, 'health'),
  law('医师法', 2022, 'health'),
  law('职业病防治法', 2018, 'health'),
  reg('医疗机构管理条例', 2022, 'health'),
  reg('公共场所卫生管理条例', 2019, 'health'),
  rule(NHC, '医疗机构管理条例实施细则', 2017, 'health'),
  rule(NHC, '公共场所卫生管理条例实施细则', 2017, 'health'),
  rule(NHC, '工作场所职业卫生管理规定', 2021, 'health'),
  local('控制吸烟条例', 2022, 'health'),

  // 劳动保障
  law('劳动法', 2018, 'labor'),
  law('劳动合同法', 2013, 'labor'),
  law('社会保险法', 2018, 'labor'),
  reg('劳动保障监察条例', 2004, 'labor'),
  reg('保障农民工工资支付条例', 2020, 'labor'),
  reg('禁止使用童工规定', 2002, 'labor'),
  reg('人力资源市场暂行条例', 2018, 'labor'),
  rule(MOHRSS, '劳务派遣行政许可实施办法', 2013, 'labor'),
  rule(MOHRSS, '网络招聘服务管理规定', 2021, 'labor'),
  gov('企业工资支付规定', 2022, 'labor'),

  // 教育 / 民政 / 商务
  law('民办教育促进法', 2018, 'education'),
  reg('民办教育促进法实施条例', 2021, 'education'),
  reg('校车安全管理条例', 2012, 'education'),
  rule(MOE, '校外培训行政处罚暂行办法', 2023, 'education'),
  gov('校外培训机构管理办法', 2022, 'education'),
  reg('社会团体登记管理条例', 2016, 'civil'),
  reg('殡葬管理条例', 2012, 'civil'),
  rule(MCA, '养老机构管理办法', 2020, 'civil'),
  local('养老服务条例', 2021, 'civil'),
  rule(MOFCOM, '单用途商业预付卡管理办法（试行）', 2016, 'commerce'),
  rule(MOFCOM, '再生资源回收管理办法', 2019, 'commerce'),
  rule(MOFCOM, '零售商促销行为管理办法', 2006, 'commerce'),
  gov('单用途预付卡管理规定', 2023, 'commerce'),

  // 规划和自然资源 / 住房和城乡建设
  law('土地管理法', 2020, 'planning'),
  law('测绘法', 2017, 'planning'),
  reg('土地管理法实施条例', 2021, 'planning'),
  rule(MNR, '自然资源行政处罚办法', 2024, 'planning'),
  local('城乡规划条例', 2019, 'planning'),
  law('建筑法', 2019, 'construction'),
  reg('建设工程质量管理条例', 2019, 'construction'),
  reg('物业管理条例', 2018, 'construction'),
  reg('城镇燃气管理条例', 2016, 'construction'),
  rule(MOHURD, '建筑工程施工许可管理办法', 2021, 'construction'),
  rule(MOHURD, '建筑工程施工发包与承包违法行为认定查处管理办法', 2019, 'construction'),
  local('物业管理条例', 2022, 'construction'),
  local('燃气管理条例', 2020, 'construction'),

  // 农业农村 / 水务
  law('种子法', 2022, 'agriculture'),
  law('动物防疫法', 2021, 'agriculture'),
  law('渔业法', 2013, 'agriculture'),
  reg('农药管理条例', 2022, 'agriculture'),
  rule(MOA, '农药经营许可管理办法', 2018, 'agriculture'),
  local('动物防疫条例', 2022, 'agriculture'),
  law('水法', 2016, 'water'),
  law('水土保持法', 2011, 'water'),
  reg('河道管理条例', 2018, 'water'),
  reg('取水许可和水资源费征收管理条例', 2017, 'water'),
  rule(MWR, '取水许可管理办法', 2017, 'water'),
  local('河道管理条例', 2020, 'water'),

  // 治安管理
  law('治安管理处罚法', 2013, 'public-order'),
  reg('旅馆业治安管理办法', 2022, 'public-order'),
  rule(MPS, '废旧金属收购业治安管理办法', 1994, 'public-order'),
];

/** The law that primarily states each violation (`field.key` → part of its title). */
export const PRIMARY_LAW: Record<string, string> = {
  'market.unlicensed': '无证无照经营查处办法',
  'market.false-ad': '广告法',
  'market.price-fraud': '价格法',
  'market.no-price-tag': '明码标价和禁止价格欺诈规定',
  'market.substandard': '产品质量法',
  'market.scale': '计量法',
  'market.consumer': '消费者权益保护法',
  'market.trademark': '商标法',
  'market.annual-report': '企业信息公示暂行条例实施办法',
  'market.special-equip': '特种设备安全法',
  'food.no-license': '食品安全法',
  'food.expired': '食品安全法',
  'food.health-cert': '食品安全法',
  'food.hygiene': '食品安全法',
  'food.purchase-record': '食品安全法',
  'food.additive': '食品安全法',
  'food.label': '食品安全法',
  'food.tableware': '食品安全法',
  'drug.unlicensed-drug': '药品管理法',
  'drug.prescription': '药品经营和使用质量监督管理办法',
  'drug.device': '医疗器械监督管理条例',
  'drug.cosmetics': '化妆品监督管理条例',
  'environment.no-permit': '排污许可管理条例',
  'environment.exceed': '大气污染防治法',
  'environment.facility': '大气污染防治法',
  'environment.eia': '环境影响评价法',
  'environment.hazardous': '固体废物污染环境防治法',
  'environment.noise': '噪声污染防治法',
  'environment.dust': '中华人民共和国大气污染防治法',
  'safety.training': '安全生产法',
  'safety.hazard': '安全生产法',
  'safety.certificate': '安全生产法',
  'safety.plan': '生产安全事故应急条例',
  'safety.hazchem': '危险化学品安全管理条例',
  'safety.principal': '安全生产法',
  'fire.exit': '消防法',
  'fire.facilities': '消防法',
  'fire.no-check': '消防法',
  'fire.ebike': '电动自行车消防安全管理规定',
  'fire.fire-work': '消防法',
  'urban.illegal-build': '城乡规划法',
  'urban.outdoor-ad': '城市市容和环境卫生管理条例',
  'urban.garbage': '生活垃圾管理条例',
  'urban.occupy-road': '示例市市容和环境卫生管理条例',
  'urban.construction-waste': '城市建筑垃圾管理规定',
  'urban.greenery': '城市绿化条例',
  'urban.sewage': '城镇排水与污水处理条例',
  'transport.no-road-permit': '道路运输条例',
  'transport.overload': '超限运输车辆行驶公路管理规定',
  'transport.dangerous': '道路危险货物运输管理规定',
  'transport.taxi': '巡游出租汽车经营服务管理规定',
  'transport.repair': '机动车维修管理规定',
  'transport.dynamic-monitor': '道路运输车辆动态监督管理办法',
  'culture.minor-net': '互联网上网服务营业场所管理条例',
  'culture.performance': '营业性演出管理条例',
  'culture.entertainment': '娱乐场所管理条例',
  'culture.travel-agency': '旅游法',
  'culture.publication': '出版管理条例',
  'culture.heritage': '文物保护法',
  'health.no-license-clinic': '基本医疗卫生与健康促进法',
  'health.public-place': '公共场所卫生管理条例',
  'health.smoking': '控制吸烟条例',
  'health.occupational': '职业病防治法',
  'health.medical-waste': '医疗废物管理条例',
  'health.doctor': '医师法',
  'labor.wage': '保障农民工工资支付条例',
  'labor.contract': '劳动合同法',
  'labor.insurance': '社会保险法',
  'labor.child-labor': '禁止使用童工规定',
  'labor.dispatch': '劳务派遣行政许可实施办法',
  'labor.recruit': '人力资源市场暂行条例',
  'education.offcampus': '校外培训行政处罚暂行办法',
  'education.school-bus': '校车安全管理条例',
  'education.private-school': '中华人民共和国民办教育促进法',
  'civil.elderly': '养老机构管理办法',
  'civil.ngo': '社会团体登记管理条例',
  'civil.funeral': '殡葬管理条例',
  'commerce.prepaid': '单用途商业预付卡管理办法',
  'commerce.recycle': '再生资源回收管理办法',
  'commerce.promotion': '零售商促销行为管理办法',
  'planning.illegal-land': '土地管理法',
  'planning.planning-change': '城乡规划法',
  'planning.survey': '测绘法',
  'construction.no-permit-build': '建筑法',
  'construction.quality': '建设工程质量管理条例',
  'construction.subcontract': '建筑法',
  'construction.property': '物业管理条例',
  'construction.gas': '城镇燃气管理条例',
  'agriculture.pesticide': '农药管理条例',
  'agriculture.seed': '种子法',
  'agriculture.animal': '动物防疫法',
  'agriculture.fishery': '渔业法',
  'water.withdraw': '水法',
  'water.river': '河道管理条例',
  'water.soil': '水土保持法',
  'public-order.hotel': '旅馆业治安管理办法',
  'public-order.obstruct': '治安管理处罚法',
  'public-order.scrap': '废旧金属收购业治安管理办法',
};

/** Comprehensive local laws that restate many duties of their field (a violation may be cited under them too). */
export const BROAD_LOCAL_LAWS: ReadonlySet<string> = new Set([
  '示例市消费者权益保护条例',
  '示例市食品安全条例',
  '示例市生态环境保护条例',
  '示例市安全生产条例',
  '示例市生产经营单位安全生产主体责任规定',
  '示例市消防条例',
  '示例市市容和环境卫生管理条例',
  '示例市城市管理综合行政执法办法',
  '示例市道路运输管理条例',
  '示例市文化市场管理条例',
]);
