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
