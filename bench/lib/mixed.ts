/**
 * The mixed-types corpus for `npm run bench:search -- --mixed`: penalties from the generated corpus
 * (bench/lib/corpus.ts) plus permits and inspection results made here as index documents, in the shape
 * their record sources give SearchDoc (search-indexer/src/schema.ts: a permit's certificate name in
 * violationType, its number in penaltyContent, no fine; a result's task name in violationType, the
 * result in categories). They are made for the same agencies and, for about a third, the same parties
 * (credit codes) as the penalties, as in a district where one enterprise holds permits, was inspected and
 * was penalised. Deterministic for a given seed.
 */
import { mulberry32 } from '@sunlight/domain/mulberry32';
import type { RecordType } from '@sunlight/domain/schemas/record-type';
import type { SearchQueryInput } from '@sunlight/search-indexer/query';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import { loadCorpusIsolated, type CorpusMeta } from './corpus.ts';
import { TWO_CHAR_TERMS } from './mix.ts';

/** The default mix of a district's public record: 60 % penalties, 25 % permits, 15 % inspection results. */
export const TYPE_SHARES: Record<RecordType, number> = { penalty: 0.6, permit: 0.25, 'inspection-result': 0.15 };

const PERMITS: { certificate: string; content: string; basis: string; field: string }[] = [
  {
    certificate: '食品经营许可证',
    content: '预包装食品销售（含冷藏冷冻食品）；热食类食品制售',
    basis: '《中华人民共和国食品安全法》第三十五条',
    field: '市场监管',
  },
  {
    certificate: '排污许可证',
    content: '化学需氧量、氨氮、总磷排放，执行间接排放标准；废气有组织排放',
    basis: '《排污许可管理条例》第二条',
    field: '生态环境',
  },
  {
    certificate: '危险化学品经营许可证',
    content: '不带储存设施经营：甲苯、丙酮、乙酸乙酯',
    basis: '《危险化学品安全管理条例》第三十三条',
    field: '安全生产',
  },
  {
    certificate: '城市道路占用许可',
    content: '临时占用城市道路堆放建筑材料，面积三十平方米，期限九十日',
    basis: '《城市道路管理条例》第三十一条',
    field: '城市管理',
  },
  {
    certificate: '公众聚集场所投入使用、营业前消防安全检查合格证',
    content: '商场营业面积二千平方米，消防设施检测合格',
    basis: '《中华人民共和国消防法》第十五条',
    field: '消防',
  },
  {
    certificate: '医疗机构执业许可证',
    content: '诊疗科目：内科、外科、口腔科；床位二十张',
    basis: '《医疗机构管理条例》第十五条',
    field: '卫生健康',
  },
  {
    certificate: '道路运输经营许可证',
    content: '普通货物运输；货物专用运输（集装箱）',
    basis: '《中华人民共和国道路运输条例》第二十四条',
    field: '交通运输',
  },
  {
    certificate: '网络文化经营许可证',
    content: '利用信息网络经营音乐娱乐产品、演出剧（节）目',
    basis: '《互联网文化管理暂行规定》第九条',
    field: '文化旅游',
  },
  {
    certificate: '特种设备使用登记证',
    content: '乘客电梯二台、压力容器一台使用登记',
    basis: '《中华人民共和国特种设备安全法》第三十三条',
    field: '市场监管',
  },
  {
    certificate: '建筑垃圾处置核准',
    content: '建筑垃圾、工程渣土运输处置，消纳场所为区指定场所',
    basis: '《城市建筑垃圾管理规定》第七条',
    field: '城市管理',
  },
];
const PERMIT_CATEGORIES = ['普通', '普通', '普通', '特许', '认可', '核准', '登记', '其他'];

const TASKS: { task: string; items: string; field: string }[] = [
  {
    task: '餐饮服务食品安全双随机抽查',
    items: '食品经营许可情况；从业人员健康管理；防鼠防蝇设施；食品原料进货查验',
    field: '市场监管',
  },
  {
    task: '排污单位执法监测双随机抽查',
    items: '排污许可证执行情况；自行监测；污染防治设施运行；废水排放口',
    field: '生态环境',
  },
  { task: '危险化学品经营单位安全检查', items: '经营许可证件；储存场所；消防设施；安全管理制度', field: '安全生产' },
  { task: '占道经营和户外广告专项检查', items: '门前三包；占道经营；户外广告设置', field: '城市管理' },
  { task: '人员密集场所消防安全检查', items: '消防通道；疏散指示标志；消防设施器材；消防安全责任制', field: '消防' },
  { task: '医疗机构依法执业双随机抽查', items: '执业许可；医疗废物处置；医务人员资质', field: '卫生健康' },
  { task: '道路运输企业双随机抽查', items: '车辆技术档案；驾驶员从业资格；动态监控', field: '交通运输' },
  { task: '文化市场经营单位双随机抽查', items: '网络文化经营许可；未成年人保护；营业时间', field: '文化旅游' },
];
const RESULTS = [
  '未发现问题',
  '未发现问题',
  '未发现问题',
  '发现问题已责令改正',
  '发现问题已责令改正',
  '发现问题待后续处理',
  '未发现开展本次抽查涉及的经营活动',
  '通过登记的住所（经营场所）无法联系',
  '不配合检查情节严重',
];

export interface MixedCorpus {
  docs: SearchDoc[];
  meta: CorpusMeta & { byType: Record<RecordType, number>; synthesised: string };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function loadMixedCorpus(n: number, seed: string): Promise<MixedCorpus> {
  const permits = Math.round(n * TYPE_SHARES.permit);
  const results = Math.round(n * TYPE_SHARES['inspection-result']);
  const penaltyCorpus = await loadCorpusIsolated(n - permits - results, seed);
  const penalties = penaltyCorpus.docs;
  const rnd = mulberry32(0x5eed_0018);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const agencies = new Map<string, SearchDoc>();
  for (const d of penalties) if (!agencies.has(d.field + d.agencyId)) agencies.set(d.field + d.agencyId, d);
  const byField = new Map<string, SearchDoc[]>();
  for (const a of agencies.values()) byField.set(a.field, [...(byField.get(a.field) ?? []), a]);
  const anyAgency = [...agencies.values()];
  const agencyFor = (field: string) => pick(byField.get(field) ?? anyAgency);
  const day = (yearFrom: number) => {
    const y = yearFrom + Math.floor(rnd() * (2026 - yearFrom + 1));
    return `${y}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`;
  };
  // A third of permits and results belong to a penalised party (same name and credit code).
  const party = (i: number, suffix: string) => {
    if (rnd() < 1 / 3) {
      const p = pick(penalties);
      return { partyName: p.partyName, partyCreditCode: p.partyCreditCode, partyType: p.partyType, region: p.region };
    }
    const p = pick(penalties);
    return {
      partyName: `示例${pick(['安泰', '宏远', '佳味', '清源', '永兴', '广源', '福满', '天成', '瑞丰', '聚鑫'])}${pick(['餐饮管理', '化工', '建材', '商贸', '运输', '医疗', '文化传媒', '物业'])}有限公司${suffix}${i}`,
      partyCreditCode: p.partyCreditCode
        ? `${p.partyCreditCode.slice(0, 8)}${pad((i * 7919) % 1e9, 9)}${suffix === 'X' ? 'K' : 'J'}`
        : null,
      partyType: p.partyType === '自然人' ? '个体工商户' : p.partyType,
      region: p.region,
    };
  };

  const docs: SearchDoc[] = [...penalties];
  for (let i = 0; i < permits; i++) {
    const p = pick(PERMITS);
    const a = agencyFor(p.field);
    const date = day(2021);
    const year = Number(date.slice(0, 4));
    const category = pick(PERMIT_CATEGORIES);
    docs.push({
      id: `bench-permit-${i}`,
      type: 'permit',
      version: Date.parse(`${date}T09:00:00+08:00`),
      decisionNo: `${a.agencyShortName.replace(/^区/, '')}许〔${year}〕${pad(1 + (i % 9999), 4)}号`,
      ...party(i, 'X'),
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      agencyShortName: a.agencyShortName,
      field: a.field,
      procedure: category,
      categories: [category],
      violationType: p.certificate,
      violationFacts: p.content,
      penaltyContent: `XK${year}${pad(i, 7)}`,
      penaltyBasis: p.basis,
      decisionDate: date,
      year,
      fineYuan: 0,
      status: rnd() < 0.05 ? 'corrected' : 'published',
    });
  }
  for (let i = 0; i < results; i++) {
    const t = pick(TASKS);
    const a = agencyFor(t.field);
    const date = day(2022);
    const year = Number(date.slice(0, 4));
    const result = pick(RESULTS);
    docs.push({
      id: `bench-result-${i}`,
      type: 'inspection-result',
      version: Date.parse(`${date}T09:00:00+08:00`),
      decisionNo: `JCRW-${year}-${pad(i, 6)}`,
      ...party(i, 'R'),
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      agencyShortName: a.agencyShortName,
      field: a.field,
      procedure: rnd() < 0.8 ? '双随机抽查' : '重点检查',
      categories: [result],
      violationType: `${year}年${t.task}`,
      violationFacts: t.items,
      penaltyContent: result === '未发现问题' ? '本次检查未发现问题。' : `检查发现问题，${result}。`,
      penaltyBasis: '《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》',
      decisionDate: date,
      year,
      fineYuan: 0,
      status: 'published',
    });
  }
  const byType = { penalty: penalties.length, permit: permits, 'inspection-result': results };
  return {
    docs,
    meta: {
      ...penaltyCorpus.meta,
      requested: n,
      documents: docs.length,
      byType,
      synthesised:
        'penalties from the content generator (as in the penalty-only run); permits and inspection results made by bench/lib/mixed.ts as SearchDocs, for the same agencies and a third of them for penalised parties',
    },
  };
}

/**
 * Queries of the cross-type search: type filters alone, with a term, with an agency, several types, the
 * /search landing page (every facet the page asks for), a type-filtered sort. 100 queries, in the query
 * model's input form.
 */
export function buildTypedMix(docs: SearchDoc[], count = 100, seed = 20261206): SearchQueryInput[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const agencies = [...new Set(docs.map((d) => d.agencyId))].sort();
  const types: RecordType[] = ['penalty', 'permit', 'inspection-result'];
  const pageFacets: SearchQueryInput['facets'] = ['type', 'agency', 'field', 'category', 'partyType', 'region', 'year'];
  const out: SearchQueryInput[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(types);
    switch (i % 10) {
      case 0:
        out.push({ type: [type] });
        break;
      case 1:
      case 2:
        out.push({ type: [type], q: pick(TWO_CHAR_TERMS) });
        break;
      case 3:
        out.push({ type: ['permit'], q: pick(['食品', '排污', '许可', '经营', '运输', '消防']) });
        break;
      case 4:
        out.push({
          type: ['inspection-result'],
          q: pick(['抽查', '餐饮', '消防', '排污', '运输']),
          facets: ['category'],
        });
        break;
      case 5:
        out.push({ type: [type], agency: [pick(agencies)], facets: ['year'] });
        break;
      case 6:
        out.push({ type: ['permit', 'inspection-result'], q: pick(TWO_CHAR_TERMS), facets: ['type'] });
        break;
      case 7:
        out.push({ facets: pageFacets });
        break;
      case 8:
        out.push({ q: pick(TWO_CHAR_TERMS), facets: pageFacets });
        break;
      default:
        out.push({ type: [type], sort: 'date_desc', page: 1 + Math.floor(rnd() * 5) });
    }
  }
  return out;
}
