import type { SearchDoc } from '../src/types';

/** A small deterministic corpus with known contents, shared by the contract suite for every engine. */
const AGENCIES = [
  { agencyId: 'scjgj', agencyName: '示例市滨江新区市场监督管理局', agencyShortName: '区市监局', field: '市场监管' },
  { agencyId: 'sthjj', agencyName: '示例市滨江新区生态环境局', agencyShortName: '区生态环境局', field: '生态环境' },
  { agencyId: 'yjglj', agencyName: '示例市滨江新区应急管理局', agencyShortName: '区应急局', field: '安全生产' },
  {
    agencyId: 'cgzfj',
    agencyName: '示例市滨江新区城市管理综合执法局',
    agencyShortName: '区城管执法局',
    field: '城市管理',
  },
] as const;
const REGIONS = ['江湾街道', '新港街道', '临河镇', '东湖街道'];
const CATEGORY_SETS = [['罚款'], ['警告', '罚款'], ['罚款', '没收违法所得'], ['通报批评'], ['责令停产停业', '罚款']];
const FACTS = [
  '当事人经营的餐饮店后厨未按规定配备防鼠设施，食品原料与成品混放。',
  '当事人在生产车间内堆放易燃物品，消防通道被占用，疏散指示标志损坏。',
  '当事人未取得排污许可证擅自排放含油废水，经监测化学需氧量超标。',
  '当事人销售超过保质期的预包装食品，货值金额较小。',
  '当事人占用城市道路经营，经责令改正后仍未改正。',
  '当事人未对从业人员进行安全生产教育和培训即安排上岗作业。',
];
const TYPES = [
  '食品安全违法行为',
  '消防安全违法行为',
  '环境污染违法行为',
  '食品安全违法行为',
  '市容环境违法行为',
  '安全生产违法行为',
];

function creditCode(i: number): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91320100${String(100000000 + i * 7919).slice(-9)}`;
  const sum = [...body].reduce((s, c, k) => s + chars.indexOf(c) * weights[k]!, 0);
  return body + chars[(31 - (sum % 31)) % 31];
}

export function fixtureDocs(count = 240): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (let i = 0; i < count; i++) {
    const a = AGENCIES[i % AGENCIES.length]!;
    const k = (i * 7) % FACTS.length;
    const year = 2021 + (i % 5);
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 27) + 1).padStart(2, '0');
    const person = i % 10 === 3;
    const categories = CATEGORY_SETS[i % CATEGORY_SETS.length]!;
    docs.push({
      id: `doc-${String(i).padStart(4, '0')}`,
      type: 'penalty',
      version: 1_700_000_000_000 + i,
      decisionNo: `滨江${a.agencyShortName.replace(/^区/, '').slice(0, 2)}罚〔${year}〕${String(i + 1).padStart(4, '0')}号`,
      partyName: person
        ? `${'张王李赵'[i % 4]}某`
        : `示例${['鑫源', '恒达', '顺丰', '华美', '金桥', '绿野'][i % 6]}${['餐饮管理', '化工', '建材', '商贸'][i % 4]}有限公司${i}`,
      partyCreditCode: person ? null : creditCode(i),
      partyType: person ? '自然人' : i % 10 === 5 ? '个体工商户' : '法人及非法人组织',
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      agencyShortName: a.agencyShortName,
      field: a.field,
      region: REGIONS[i % REGIONS.length]!,
      procedure: '普通程序',
      categories: [...categories],
      violationType: TYPES[k]!,
      violationFacts: FACTS[k]!,
      penaltyContent: categories.includes('罚款') ? `罚款${(i % 9) + 1}000元` : '通报批评',
      penaltyBasis: '《中华人民共和国食品安全法》第一百二十四条',
      decisionDate: `${year}-${month}-${day}`,
      year,
      fineYuan: categories.includes('罚款') ? ((i % 9) + 1) * 1000 + i : 0,
      status: i % 17 === 0 ? 'corrected' : 'published',
    });
  }
  return docs;
}

const PERMITS = [
  {
    certificate: '食品经营许可证',
    content: '预包装食品销售；热食类食品制售',
    category: '普通',
    basis: '《中华人民共和国食品安全法》第三十五条',
  },
  {
    certificate: '排污许可证',
    content: '化学需氧量、氨氮排放，执行间接排放标准',
    category: '普通',
    basis: '《排污许可管理条例》第三条',
  },
  {
    certificate: '危险化学品经营许可证',
    content: '不带储存设施经营：甲苯、丙酮',
    category: '特许',
    basis: '《危险化学品安全管理条例》第三十三条',
  },
  { certificate: '城市道路占用许可', content: '临时占用城市道路施工，面积30平方米', category: '核准', basis: '' },
] as const;

const RESULTS = [
  { task: '餐饮服务食品安全双随机抽查', items: '食品经营许可情况；从业人员健康管理；防鼠设施', result: '未发现问题' },
  { task: '危险化学品经营单位双随机抽查', items: '经营许可证件；储存场所消防设施', result: '发现问题已责令改正' },
  { task: '排污单位执法监测抽查', items: '排污许可证执行情况；自行监测', result: '发现问题待后续处理' },
  { task: '占道经营专项检查', items: '门前三包；占道经营', result: '通过登记的住所（经营场所）无法联系' },
] as const;

/**
 * Penalties (fixtureDocs) plus permits and inspection results, as their sources map them into SearchDoc
 * (see the field descriptions in src/schema.ts): permits put the certificate name in violationType and
 * carry no fine; results put the task name there and the result in categories. Every fourth permit and
 * result belongs to a party that also has a penalty (same credit code).
 */
export function mixedFixtureDocs(penalties = 120, permits = 50, results = 30): SearchDoc[] {
  const docs = fixtureDocs(penalties);
  const penaltyCodes = docs.map((d) => d.partyCreditCode).filter((c): c is string => !!c);
  for (let i = 0; i < permits; i++) {
    const a = AGENCIES[i % AGENCIES.length]!;
    const p = PERMITS[i % PERMITS.length]!;
    const year = 2022 + (i % 4);
    const date = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const shared = i % 4 === 0 && penaltyCodes.length > 0;
    docs.push({
      id: `permit-${String(i).padStart(4, '0')}`,
      type: 'permit',
      version: 1_710_000_000_000 + i,
      decisionNo: `滨江${a.agencyShortName.replace(/^区/, '').slice(0, 2)}许〔${year}〕${String(i + 1).padStart(4, '0')}号`,
      partyName: `示例${['安泰', '宏远', '佳味', '清源'][i % 4]}${['餐饮管理', '化工', '建材', '商贸'][i % 4]}有限公司P${i}`,
      partyCreditCode: shared ? penaltyCodes[i % penaltyCodes.length]! : creditCode(5000 + i),
      partyType: i % 7 === 3 ? '个体工商户' : '法人及非法人组织',
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      agencyShortName: a.agencyShortName,
      field: a.field,
      region: REGIONS[(i + 1) % REGIONS.length]!,
      procedure: p.category,
      categories: [p.category],
      violationType: p.certificate,
      violationFacts: p.content,
      penaltyContent: `XK${year}${String(10000 + i)}`,
      penaltyBasis: p.basis,
      decisionDate: date,
      year,
      fineYuan: 0,
      status: i % 13 === 0 ? 'corrected' : 'published',
    });
  }
  for (let i = 0; i < results; i++) {
    const a = AGENCIES[i % AGENCIES.length]!;
    const r = RESULTS[i % RESULTS.length]!;
    const year = 2023 + (i % 3);
    const date = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    docs.push({
      id: `result-${String(i).padStart(4, '0')}`,
      type: 'inspection-result',
      version: 1_720_000_000_000 + i,
      decisionNo: `JCRW-${year}-${String(300 + i).padStart(5, '0')}`,
      partyName: `示例${['永兴', '广源', '福满', '天成'][i % 4]}${['餐饮管理', '化工', '建材', '商贸'][i % 4]}有限公司R${i}`,
      partyCreditCode:
        i % 4 === 1 && penaltyCodes.length > 0 ? penaltyCodes[i % penaltyCodes.length]! : creditCode(9000 + i),
      partyType: '法人及非法人组织',
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      agencyShortName: a.agencyShortName,
      field: a.field,
      region: REGIONS[(i + 2) % REGIONS.length]!,
      procedure: '双随机抽查',
      categories: [r.result],
      violationType: `${year}年${r.task}`,
      violationFacts: r.items,
      penaltyContent: r.result === '未发现问题' ? '检查未发现问题。' : '已依法处理，详见结果说明。',
      penaltyBasis: '《市场监督管理行政执法责任制规定》',
      decisionDate: date,
      year,
      fineYuan: 0,
      status: 'published',
    });
  }
  return docs;
}
