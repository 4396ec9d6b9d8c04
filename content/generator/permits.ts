/**
 * 行政许可 of the fictional sample (permits.ndjson): each a permit of a real sample agency to a sample
 * enterprise (or, for 从业资格-type permits, a fictional natural person), dated relative to the reference
 * date so that most are valid on it. Some 个体工商户 are written under the operator's own name and some
 * contents name the operator, so the sample exercises the same redaction as penalties.
 */
import type { Enterprise } from '@sunlight/domain/schemas/enterprise';
import { permitId } from '@sunlight/domain/permit-id';
import { PermitRecordSchema, type PermitCategory, type PermitRecord } from '@sunlight/domain/schemas/permit';
import type { Field } from '@sunlight/domain/schemas/common';
import { fictionalIdNumber } from './ids.ts';
import { personName } from './names.ts';
import { addDays, addMonths, isoDate, pad, type Random } from './random.ts';
import type { Reference } from './reference.ts';

interface PermitKind {
  agency: string;
  field: Field;
  docName: string;
  licence: string;
  category: PermitCategory;
  /** Prefix of the licence number. */
  code: string;
  /** Validity in months. */
  months: number;
  /** Who holds it: organisations and shops, or natural persons. */
  holder: 'business' | 'person';
  contents: readonly string[];
}

const KINDS: readonly PermitKind[] = [
  {
    agency: 'market',
    field: '市场监管',
    docName: '食品经营许可决定书',
    licence: '食品经营许可证',
    category: '普通',
    code: 'JY2990116',
    months: 60,
    holder: 'business',
    contents: [
      '经营项目：预包装食品销售（含冷藏冷冻食品）；散装食品销售（不含散装熟食）。',
      '经营项目：热食类食品制售；冷食类食品制售。经营场所：{place}。',
      '经营项目：预包装食品销售（不含冷藏冷冻食品）；保健食品销售。',
      '主体业态：餐饮服务经营者（小型餐馆）；经营项目：热食类食品制售。',
    ],
  },
  {
    agency: 'market',
    field: '市场监管',
    docName: '药品经营许可决定书',
    licence: '药品经营许可证',
    category: '普通',
    code: 'YP990116',
    months: 60,
    holder: 'business',
    contents: ['经营范围：中成药、化学药制剂、抗生素制剂、生化药品（零售）。', '经营方式：药品零售（连锁门店）。'],
  },
  {
    agency: 'environment',
    field: '生态环境',
    docName: '排污许可决定书',
    licence: '排污许可证',
    category: '普通',
    code: 'PW990116',
    months: 60,
    holder: 'business',
    contents: [
      '许可排放污染物：化学需氧量、氨氮；排放口1个，执行《污水综合排放标准》三级标准。',
      '许可排放污染物：颗粒物、挥发性有机物；废气排放口2个。',
    ],
  },
  {
    agency: 'emergency',
    field: '安全生产',
    docName: '危险化学品经营许可决定书',
    licence: '危险化学品经营许可证',
    category: '普通',
    code: 'WH990116',
    months: 36,
    holder: 'business',
    contents: ['许可范围：汽油、柴油（不带储存设施经营）。', '许可范围：工业用乙醇、丙酮（票据经营，不带储存设施）。'],
  },
  {
    agency: 'urban',
    field: '城市管理',
    docName: '城市建筑垃圾处置核准决定书',
    licence: '城市建筑垃圾处置核准',
    category: '核准',
    code: 'JZLJ990116',
    months: 12,
    holder: 'business',
    contents: ['核准处置建筑垃圾（工程渣土）约3.2万立方米，运输线路按核定路线执行。', '核准处置拆除垃圾约8000立方米。'],
  },
  {
    agency: 'transport',
    field: '交通运输',
    docName: '道路运输经营许可决定书',
    licence: '道路运输经营许可证',
    category: '普通',
    code: 'JYXK990116',
    months: 48,
    holder: 'business',
    contents: ['经营范围：道路普通货物运输。', '经营范围：道路普通货物运输；货物专用运输（集装箱）。'],
  },
  {
    agency: 'transport',
    field: '交通运输',
    docName: '道路运输从业人员从业资格认定决定书',
    licence: '道路运输从业人员从业资格证',
    category: '认可',
    code: 'CYZG990116',
    months: 72,
    holder: 'person',
    contents: ['从业资格类别：经营性道路货物运输驾驶员。', '从业资格类别：出租汽车驾驶员。'],
  },
  {
    agency: 'culture',
    field: '文化旅游',
    docName: '娱乐经营许可决定书',
    licence: '娱乐经营许可证',
    category: '普通',
    code: 'WHYL990116',
    months: 24,
    holder: 'business',
    contents: ['经营范围：歌舞娱乐场所；包厢12间。', '经营范围：游艺娱乐场所。'],
  },
  {
    agency: 'fire',
    field: '消防',
    docName: '公众聚集场所投入使用、营业前消防安全检查决定书',
    licence: '公众聚集场所投入使用、营业前消防安全检查合格证',
    category: '普通',
    code: 'XF990116',
    months: 36,
    holder: 'business',
    contents: ['场所用途：商场；建筑面积约2400平方米。', '场所用途：餐饮；使用楼层一至二层。'],
  },
  {
    agency: 'health',
    field: '卫生健康',
    docName: '公共场所卫生许可决定书',
    licence: '公共场所卫生许可证',
    category: '普通',
    code: 'GGWS990116',
    months: 48,
    holder: 'business',
    contents: ['许可项目：美容美发场所。', '许可项目：住宿场所（宾馆）。', '许可项目：沐浴场所。'],
  },
  {
    agency: 'agri',
    field: '农业农村',
    docName: '渔业捕捞许可决定书',
    licence: '渔业捕捞许可证',
    category: '特许',
    code: 'BL990116',
    months: 60,
    holder: 'person',
    contents: ['作业类型：内陆捕捞；作业场所：示例市滨江新区内陆水域。'],
  },
  {
    agency: 'agri',
    field: '农业农村',
    docName: '农药经营许可决定书',
    licence: '农药经营许可证',
    category: '普通',
    code: 'NYJY990116',
    months: 60,
    holder: 'business',
    contents: ['经营范围：农药（不含限制使用农药）。'],
  },
  {
    agency: 'planning',
    field: '自然资源',
    docName: '建设工程规划许可决定书',
    licence: '建设工程规划许可证',
    category: '普通',
    code: 'JSGC990116',
    months: 24,
    holder: 'business',
    contents: ['建设项目：厂房及配套设施；建设规模约1.2万平方米。', '建设项目：综合楼；建设规模约6800平方米。'],
  },
  {
    agency: 'housing',
    field: '住房城乡建设',
    docName: '建筑工程施工许可决定书',
    licence: '建筑工程施工许可证',
    category: '普通',
    code: 'SG990116',
    months: 18,
    holder: 'business',
    contents: ['工程名称：仓储用房新建工程；合同工期420天。', '工程名称：办公楼装修改造工程；合同工期180天。'],
  },
  {
    agency: 'water',
    field: '水务',
    docName: '取水许可决定书',
    licence: '取水许可证',
    category: '普通',
    code: 'QS990116',
    months: 60,
    holder: 'business',
    contents: ['取水方式：地下水；年取水量1.5万立方米；用途：工业生产。'],
  },
  {
    agency: 'hrss',
    field: '人力资源社会保障',
    docName: '劳务派遣经营许可决定书',
    licence: '劳务派遣经营许可证',
    category: '普通',
    code: 'LWPQ990116',
    months: 36,
    holder: 'business',
    contents: ['许可经营事项：劳务派遣。'],
  },
  {
    agency: 'commerce',
    field: '商务',
    docName: '成品油零售经营批准决定书',
    licence: '成品油零售经营批准证书',
    category: '核准',
    code: 'CPY990116',
    months: 60,
    holder: 'business',
    contents: ['批准经营：汽油、柴油零售。'],
  },
] as const;

/** Share of permits dated so that they are no longer valid on the reference date (stored as expired). */
const EXPIRED_SHARE = 0.08;
const WITHDRAWN_SHARE = 0.02;
const CORRECTED_SHARE = 0.03;
/** Shops written under the operator's own name (无字号个体工商户): a person's name, redacted to 姓+某. */
const OPERATOR_NAMED_SHARE = 0.25;

const WITHDRAWALS = [
  { type: '注销', reason: '被许可人申请注销，许可机关依法办理注销手续。' },
  {
    type: '撤销',
    reason: '被许可人以欺骗手段取得行政许可，依据《中华人民共和国行政许可法》第六十九条第二款予以撤销。',
  },
  { type: '变更', reason: '许可事项变更，原许可决定由新的许可决定替代。' },
] as const;

export function buildPermits(
  rng: Random,
  ref: Reference,
  enterprises: readonly Enterprise[],
  count: number,
): PermitRecord[] {
  const agencyById = ref.agencyById;
  const serials = new Map<string, number>();
  const shops = enterprises.filter((e) => e.type === '个体工商户');
  const orgs = enterprises.filter((e) => e.type !== '个体工商户');
  const out: PermitRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.fork(i);
    const kind = r.pick(KINDS);
    const agency = agencyById.get(kind.agency);
    const def = ref.agencyDefById.get(kind.agency);
    if (!agency || !def || !agency.creditCode) throw new Error(`sample agency ${kind.agency} is missing`);

    // Dates: valid on the reference date unless chosen to have expired already.
    const days = Math.round(
      (addMonths(ref.referenceDate, kind.months).getTime() - ref.referenceDate.getTime()) / 86_400_000,
    );
    const expired = r.chance(EXPIRED_SHARE);
    const ageDays = expired ? r.int(days + 1, days + 400) : r.int(1, Math.min(days - 1, r.chance(0.6) ? 120 : 1000));
    const decided = addDays(ref.referenceDate, -ageDays);
    const validFrom = decided;
    const validUntil = addDays(addMonths(validFrom, kind.months), -1);
    const year = decided.getUTCFullYear();
    const serialKey = `${kind.agency}|${year}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const decisionNo = `${def.docAbbr}许〔${year}〕${serial}号`;

    let party: Pick<
      PermitRecord,
      | 'partyName'
      | 'partyType'
      | 'partyCreditCode'
      | 'partyCreditCodeFlag'
      | 'legalRepresentative'
      | 'partyIdType'
      | 'partyIdNumber'
      | 'region'
    >;
    let place = '';
    let operator: string | undefined;
    if (kind.holder === 'person') {
      party = {
        partyName: personName(r),
        partyType: '自然人',
        partyIdType: '身份证',
        partyIdNumber: fictionalIdNumber(r),
      };
    } else {
      const shop =
        kind.agency === 'market' || kind.agency === 'health' || kind.agency === 'culture' ? r.chance(0.45) : false;
      const e = shop && shops.length ? r.pick(shops) : r.pick(orgs);
      place = e.address;
      if (e.type === '个体工商户') {
        operator = e.legalRepresentative;
        party = {
          partyName: r.chance(OPERATOR_NAMED_SHARE) ? e.legalRepresentative : e.name,
          partyType: '个体工商户',
          partyCreditCode: e.creditCode,
          legalRepresentative: e.legalRepresentative,
          region: e.region,
        };
      } else {
        party = {
          partyName: e.name,
          partyType: '法人及非法人组织',
          partyCreditCode: e.creditCode,
          legalRepresentative: e.legalRepresentative,
          region: e.region,
        };
      }
      if (e.creditCodeFlag) party.partyCreditCodeFlag = e.creditCodeFlag;
    }
    let content = r.pick(kind.contents).replace('{place}', place || '见许可证副本');
    if (operator && r.chance(0.5)) content += `经营者：${operator}。`;

    const dateIso = isoDate(decided);
    const publishedOn = isoDate(addDays(decided, r.int(0, 6)));
    const status =
      expired || ageDays < 10
        ? 'published'
        : r.chance(WITHDRAWN_SHARE)
          ? 'withdrawn'
          : r.chance(CORRECTED_SHARE)
            ? 'corrected'
            : 'published';
    const stamp = `${publishedOn}T09:${pad(r.int(0, 59), 2)}:00+08:00`;
    const record: PermitRecord = {
      ...party,
      decisionDocName: kind.docName,
      decisionNo,
      permitCategory: kind.category,
      licenceName: kind.licence,
      licenceNo: `${kind.code}${year}${pad(serial, 5)}`,
      permitContent: content,
      decisionDate: dateIso,
      validFrom: isoDate(validFrom),
      validUntil: isoDate(validUntil),
      authorityName: agency.name,
      authorityCreditCode: agency.creditCode,
      currentState: '有效',
      dataSourceName: agency.name,
      dataSourceCreditCode: agency.creditCode,
      agencyId: agency.id,
      field: kind.field,
      id: permitId(agency.id, decisionNo),
      status,
      publishedOn,
      createdAt: stamp,
      updatedAt: stamp,
      ...(status === 'corrected' ? { correctionNote: '许可内容表述有误，已按许可证副本更正。' } : {}),
      ...(status === 'withdrawn'
        ? {
            withdrawal: {
              ...r.pick(WITHDRAWALS),
              at: `${isoDate(addDays(decided, r.int(7, Math.min(ageDays - 1, 200))))}T10:00:00+08:00`,
            },
          }
        : {}),
    };
    out.push(PermitRecordSchema.parse(record));
  }
  return out;
}
