/**
 * 行政处罚决定公开 records (disclosures.ndjson). `makeDisclosure` is the one
 * per-record factory used by both the committed sample and the scale stream.
 */
import type { Enterprise } from '@sunlight/domain/schemas/enterprise';
import type { PartyType, PenaltyCategory } from '@sunlight/domain/schemas/common';
import type { DisclosureRecord } from '@sunlight/domain/schemas/disclosure';
import type { DiscretionItem } from '@sunlight/domain/schemas/discretion-item';
import type { PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import { articleLabel } from '@sunlight/domain/numerals';
import { computePublicationEnd } from '@sunlight/domain/publication-period';
import { decisionNumber, fictionalIdNumber, orgCodeOf, regNoOf } from './ids.ts';
import { addressIn } from './enterprises.ts';
import { personName, redactName } from './names.ts';
import type { PenaltyPower } from './powers.ts';
import { addDays, addMonths, isoDate, pad, type Random } from './random.ts';
import type { Reference } from './reference.ts';
import { extraPlaceholders, fill } from './text.ts';
import { WeightedTable } from './weighted.ts';
import type { FieldCode } from './vocabulary/fields.ts';
import { DISTRICT_FULL, REGIONS } from './vocabulary/jurisdiction.ts';

export const PARTY_MIX: [PartyType, number][] = [
  ['法人及非法人组织', 65],
  ['个体工商户', 20],
  ['自然人', 15],
];

const FIELD_WEIGHT: Partial<Record<FieldCode, number>> = {
  food: 3.5,
  market: 3,
  urban: 2.5,
  safety: 2,
  fire: 2,
  environment: 2,
  transport: 2,
  labor: 1.5,
  health: 1.5,
  culture: 1,
  'public-order': 1.5,
  construction: 1.2,
};
const CATEGORY_WEIGHT = { A: 1, B: 1.5, C: 4, D: 1.5 } as const;

const LICENCES: Partial<Record<FieldCode, [string, string]>> = {
  food: ['食品经营许可证', 'JY2990116'],
  drug: ['药品经营许可证', '滨药零'],
  transport: ['道路运输经营许可证', '示交运管许可滨字'],
  culture: ['娱乐经营许可证', '滨文娱'],
  health: ['医疗机构执业许可证', 'PDY9901160'],
  construction: ['建筑业企业资质证书', 'D299011600'],
  environment: ['排污许可证', '91990116'],
  safety: ['安全生产许可证', '（示）WH安许证字'],
  labor: ['劳务派遣经营许可证', '滨人社派'],
  education: ['民办学校办学许可证', '教民1990116'],
  agriculture: ['农药经营许可证', '农药经许（示）'],
  market: ['特种设备使用登记证', '梯11示'],
  'public-order': ['特种行业许可证', '滨公特'],
};

export interface DisclosureContext {
  ref: Reference;
  rules: readonly PublicationRule[];
  /** (agency, year, simplified) → last serial; bounded by agencies × years × 2. */
  serials: Map<string, number>;
  orgPowers: WeightedTable<PenaltyPower>;
  personPowers: WeightedTable<PenaltyPower>;
  /** Date range of decisions. */
  start: Date;
  spanDays: number;
}

export function createDisclosureContext(ref: Reference, rules: readonly PublicationRule[]): DisclosureContext {
  const weight = (p: PenaltyPower) => (FIELD_WEIGHT[p.instance.field] ?? 0.6) * CATEGORY_WEIGHT[p.agency.category];
  const all = ref.powers.penalties.map((p) => [p, weight(p)] as const);
  const persons = ref.powers.penalties
    .filter((p) => p.instance.def.person === true)
    .map((p) => [p, weight(p)] as const);
  // five years ending the day before the reference date
  const start = addMonths(ref.referenceDate, -60);
  const spanDays = Math.round((ref.referenceDate.getTime() - start.getTime()) / 86_400_000) - 1;
  return {
    ref,
    rules,
    serials: new Map(),
    orgPowers: new WeightedTable(all),
    personPowers: new WeightedTable(persons),
    start,
    spanDays,
  };
}

/** Pick a penalty power suitable for the party type. */
export function pickPower(rng: Random, ctx: DisclosureContext, partyType: PartyType): PenaltyPower {
  return partyType === '自然人' || (partyType === '个体工商户' && rng.chance(0.6))
    ? ctx.personPowers.draw(rng)
    : ctx.orgPowers.draw(rng);
}

function chineseDate(d: Date): string {
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function roundYuan(n: number): number {
  if (n < 1000) return Math.max(50, Math.round(n / 50) * 50);
  if (n < 10000) return Math.round(n / 100) * 100;
  if (n < 100000) return Math.round(n / 1000) * 1000;
  return Math.round(n / 10000) * 10000;
}

function money(yuan: number): string {
  return `人民币${yuan.toLocaleString('en-US')}元`;
}

const SUMMARY_LIMIT: Record<PartyType, number> = { 自然人: 200, 个体工商户: 3000, 法人及非法人组织: 3000 };

export interface DisclosureArgs {
  decisionDate: Date;
  partyType: PartyType;
  power: PenaltyPower;
  /** Required unless partyType is 自然人. */
  enterprise?: Enterprise;
}

export function makeDisclosure(rng: Random, ctx: DisclosureContext, args: DisclosureArgs): DisclosureRecord {
  const { power, partyType, enterprise } = args;
  const def = power.instance.def;
  const agency = ctx.ref.agencyById.get(power.agency.slug);
  if (agency === undefined) throw new Error(`unknown agency ${power.agency.slug}`);
  const decisionDate = args.decisionDate;
  const year = decisionDate.getUTCFullYear();
  const isPolice = power.agency.slug === 'police';

  // ---- severity and discretion
  const severity = rng.weighted([
    ['minor', 35],
    ['normal', 45],
    ['serious', def.severe.some((k) => k !== '罚款') ? 20 : 8],
  ] as const);
  const discretionOptions = ctx.ref.discretion.byPower.get(power.item.code) ?? [];
  let discretion: DiscretionItem | undefined;
  if (severity === 'minor') discretion = discretionOptions.find((d) => d.kind === '从轻处罚' || d.kind === '减轻处罚');
  if (severity === 'serious') discretion = discretionOptions.find((d) => d.kind === '从重处罚');
  if (discretion !== undefined && rng.chance(0.3)) discretion = undefined;

  // ---- penalty categories
  const [min, max] = def.fine;
  const cats = new Set<PenaltyCategory>();
  const warningOnly = severity === 'minor' && def.base.includes('警告') && rng.chance(0.4);
  if (warningOnly) {
    cats.add('警告');
  } else {
    if (def.base.includes('警告') && rng.chance(0.3)) cats.add('警告');
    if (def.base.includes('通报批评') && rng.chance(0.5)) cats.add('通报批评');
    if (max > 0 && (def.base.includes('罚款') || def.severe.includes('罚款'))) cats.add('罚款');
    if (def.base.includes('没收违法所得') && rng.chance(0.7)) cats.add('没收违法所得');
    if (def.base.includes('没收非法财物') && rng.chance(0.5)) cats.add('没收非法财物');
    if (def.base.includes('其他') && rng.chance(0.3)) cats.add('其他');
    for (const k of ['限制开展生产经营活动', '责令停产停业'] as const)
      if (def.base.includes(k) && rng.chance(0.25)) cats.add(k);
    if (severity === 'serious') {
      for (const k of def.severe) {
        if (k === '罚款') continue;
        if (k === '行政拘留' && !isPolice) continue;
        if ((k === '降低资质等级' || k === '责令关闭') && partyType === '自然人') continue;
        if (k === '行政拘留' || rng.chance(0.7)) cats.add(k);
      }
    }
  }
  if (cats.size === 0) cats.add(max > 0 ? '罚款' : '警告');

  // ---- amounts
  const value = roundYuan(rng.logNormal(3000, 1.2));
  const gain = Math.max(0, Math.round(value * (0.1 + 0.4 * rng.float())));
  let fine = 0;
  let simplified = false;
  if (cats.has('罚款')) {
    const lo = Math.max(min, 50);
    const hi = partyType === '自然人' ? Math.min(max, Math.max(lo, 20000)) : max;
    const onlyLight = [...cats].every((c) => c === '警告' || c === '罚款');
    if (severity === 'minor' && onlyLight && lo <= SUMMARY_LIMIT[partyType] && rng.chance(0.7)) {
      const options = [50, 100, 200, 500, 1000, 2000, 3000].filter(
        (x) => x >= lo && x <= Math.min(hi, SUMMARY_LIMIT[partyType]),
      );
      fine = options.length > 0 ? rng.pick(options) : lo;
      simplified = true;
    } else if (discretion?.kind === '减轻处罚' && min > 0) {
      fine = roundYuan(min * (0.3 + 0.6 * rng.float()));
    } else if (severity === 'minor') {
      fine = roundYuan(lo + (hi - lo) * 0.15 * rng.float() ** 2);
    } else if (severity === 'normal') {
      fine = roundYuan(lo * (hi / lo) ** (rng.float() ** 1.8 * 0.8));
    } else {
      fine = roundYuan(lo + (hi - lo) * (0.6 + 0.4 * rng.float()));
    }
    fine = Math.min(Math.max(fine, 50), Math.max(hi, 50));
  }
  if (warningOnly && rng.chance(0.6)) simplified = true;
  // 简易程序 is only lawful for a warning or a small fine (行政处罚法第五十一条)
  if (simplified && (![...cats].every((c) => c === '警告' || c === '罚款') || fine > SUMMARY_LIMIT[partyType]))
    simplified = false;

  let banMonths: number | undefined;
  if (cats.has('限制从业'))
    banMonths = power.instance.field === 'health' ? rng.int(6, 12) : rng.pick([60, 60, 60, 36, 120]);
  else if (cats.has('责令停产停业') && rng.chance(0.7)) banMonths = rng.int(1, 6);
  else if (cats.has('限制开展生产经营活动') && rng.chance(0.7)) banMonths = rng.int(1, 3);

  // ---- party
  let partyName: string;
  let region: string;
  let placeAddress: string;
  const restricted: Partial<DisclosureRecord> = {};
  const partyFields: Partial<DisclosureRecord> = {};
  if (partyType === '自然人') {
    partyName = personName(rng);
    region = rng.pick(REGIONS);
    placeAddress = addressIn(rng);
    restricted.partyIdType = '身份证';
    restricted.partyIdNumber = fictionalIdNumber(rng);
  } else {
    if (enterprise === undefined) throw new Error('an organisation disclosure needs its enterprise');
    partyName = enterprise.name;
    region = enterprise.region;
    placeAddress = enterprise.address;
    partyFields.partyCreditCode = enterprise.creditCode;
    if (/^\d{18}$/.test(enterprise.creditCode)) {
      // Older records also carry the legacy numbers, all digits with leading zeros.
      partyFields.partyRegNo = regNoOf(enterprise.creditCode);
      partyFields.partyOrgCode = orgCodeOf(enterprise.creditCode);
    }
    if (enterprise.creditCodeFlag !== undefined) partyFields.partyCreditCodeFlag = enterprise.creditCodeFlag;
    partyFields.legalRepresentative = enterprise.legalRepresentative;
    if (rng.chance(0.3)) {
      restricted.legalRepIdType = '身份证';
      restricted.legalRepIdNumber = fictionalIdNumber(rng);
    }
  }

  // ---- texts
  const offence = addDays(decisionDate, -rng.int(20, 150));
  const law = power.instance.lawTitle;
  const penaltyArticle = articleLabel(power.instance.penalty);
  const dutyArticle = articleLabel(power.instance.duty);
  let facts = fill(def.fact, {
    date: chineseDate(offence),
    addr: placeAddress.replace(DISTRICT_FULL, '本区'),
    qty: rng.int(2, 60),
    value,
    gain,
    item: rng.pick(def.items ?? ['相关物品']),
    year: year - 1,
    ...extraPlaceholders(rng),
  });
  facts += `上述行为违反了《${law}》${dutyArticle}的规定。`;
  const penaltyLaw = ctx.ref.lib.penaltyLaw.get('mitigate');
  let basisText = `《${law}》${penaltyArticle}`;
  if (discretion !== undefined) {
    const cond = (discretion.conditions[0] ?? '').replace(/的$/, '');
    if (discretion.kind === '从重处罚') {
      facts += `因当事人存在“${cond}”的情形，依法从重处罚。`;
    } else {
      facts += `鉴于当事人存在“${cond}”的情形，依法${discretion.kind}。`;
      if (penaltyLaw) basisText += `、《中华人民共和国行政处罚法》${articleLabel(penaltyLaw.article)}`;
    }
  }

  const content: string[] = ['责令改正'];
  if (cats.has('警告')) content.push('给予警告');
  if (cats.has('通报批评')) content.push('予以通报批评');
  if (cats.has('没收违法所得')) content.push(`没收违法所得${money(Math.max(gain, 1))}`);
  if (cats.has('没收非法财物')) content.push('没收涉案物品');
  if (cats.has('罚款')) content.push(`罚款${money(fine)}`);
  const licenceDef = LICENCES[power.instance.field] ?? ['相关许可证件', '滨许'];
  let licenceSuspended: string | undefined;
  if (cats.has('暂扣许可证件') || cats.has('吊销许可证件')) {
    licenceSuspended = `${licenceDef[0]}（编号：${licenceDef[1]}${pad(rng.int(1, 999999), 6)}）`;
    if (cats.has('暂扣许可证件')) content.push(`暂扣${licenceDef[0]}${rng.int(1, 6)}个月`);
    if (cats.has('吊销许可证件')) content.push(`吊销${licenceDef[0]}`);
  }
  if (cats.has('降低资质等级')) content.push('降低建筑业企业资质等级一级');
  if (cats.has('限制开展生产经营活动')) content.push(`限制开展生产经营活动${banMonths ?? 1}个月`);
  if (cats.has('责令停产停业'))
    content.push(banMonths !== undefined ? `责令停产停业${banMonths}个月` : '责令停产停业，整改合格后方可恢复');
  if (cats.has('责令关闭')) content.push('报经区人民政府批准，责令关闭');
  if (cats.has('限制从业'))
    content.push(
      `${partyType === '自然人' ? '当事人' : '其法定代表人'}${banMonths ?? 60}个月内不得从事相关生产经营活动`,
    );
  if (cats.has('行政拘留')) content.push(`行政拘留${rng.int(5, 10)}日`);
  if (cats.has('其他'))
    content.push(def.key === 'illegal-build' || def.key === 'illegal-land' ? '限期拆除违法建筑物' : '限期补办相关手续');

  // ---- numbers and dates
  const serialKey = `${agency.id}|${year}|${simplified ? 's' : 'o'}`;
  const serial = (ctx.serials.get(serialKey) ?? 0) + 1;
  ctx.serials.set(serialKey, serial);
  const decisionNo = decisionNumber(power.agency.docAbbr, year, serial, simplified);
  const id = `cf-${agency.id}-${year}-${simplified ? 'j' : ''}${pad(serial, 5)}`;
  const validUntil = banMonths !== undefined ? addMonths(decisionDate, banMonths) : addMonths(decisionDate, 36);
  let publishedOn = addDays(decisionDate, rng.int(1, 7));
  if (publishedOn > ctx.ref.referenceDate) publishedOn = ctx.ref.referenceDate;
  const involvesMinor = def.key === 'child-labor' || def.key === 'minor-net' ? rng.chance(0.5) : false;
  const confidential = rng.chance(0.002);

  const record: DisclosureRecord = {
    partyName,
    partyType,
    ...partyFields,
    ...restricted,
    decisionNo,
    violationType: def.type,
    violationFacts: facts,
    penaltyBasis: basisText,
    penaltyCategories: [...cats],
    penaltyContent: content.join('，') + '。',
    decisionDate: isoDate(decisionDate),
    penaltyValidUntil: isoDate(validUntil),
    authorityName: agency.name,
    authorityCreditCode: agency.creditCode,
    dataSourceName: agency.name,
    dataSourceCreditCode: agency.creditCode,
    agencyId: agency.id,
    field: power.item.field,
    region,
    procedure: simplified ? '简易程序' : '普通程序',
    basisRefs: [
      { lawCode: power.instance.lawCode, article: power.instance.penalty },
      { lawCode: power.instance.lawCode, article: power.instance.duty },
    ],
    involvesMinor,
    confidential,
    id,
    status: 'published',
    publishedOn: isoDate(publishedOn),
    publicationEndDate: isoDate(publishedOn),
    createdAt: '',
    updatedAt: '',
  };
  if (cats.has('罚款')) record.fineAmount = fine / 10000;
  if (cats.has('没收违法所得')) record.confiscatedAmount = Math.max(gain, 1) / 10000;
  if (licenceSuspended !== undefined) record.licenceSuspended = licenceSuspended;
  if (banMonths !== undefined) record.banMonths = banMonths;
  if (discretion !== undefined) record.discretionItemId = discretion.id;
  if (penaltyLaw && discretion !== undefined && discretion.kind !== '从重处罚') {
    record.basisRefs?.push({ lawCode: penaltyLaw.lawCode, article: penaltyLaw.article });
  }
  if (enterprise?.creditCodeFlag !== undefined) {
    record.remarks = '当事人统一社会信用代码为历史存量代码，校验位不符，已按规定保留并标记待核实。';
  } else if (rng.chance(0.15)) {
    record.remarks = `当事人已于${chineseDate(addDays(decisionDate, rng.int(3, 15)))}履行完毕。`;
  }

  // ---- publication
  const decision = computePublicationEnd(record, ctx.rules, record.publishedOn);
  const hh = pad(rng.int(8, 17), 2);
  const mm = pad(rng.int(0, 59), 2);
  record.createdAt = `${record.publishedOn}T${hh}:${mm}:00+08:00`;
  record.updatedAt = record.createdAt;
  const reference = isoDate(ctx.ref.referenceDate);
  if (!decision.publish) {
    // not for publication under the rules: stored but never public
    record.status = 'expired';
    if (decision.ruleId !== undefined) record.publicationRuleId = decision.ruleId;
  } else {
    record.publicationEndDate = decision.endDate;
    record.publicationRuleId = decision.ruleId;
    record.publicityEndDate = decision.endDate;
    if (decision.endDate < reference) {
      record.status = 'expired';
    } else {
      const roll = rng.float();
      if (roll < 0.015) {
        record.status = 'withdrawn';
        const at = addDays(publishedOn, rng.int(5, 90));
        const when = at > ctx.ref.referenceDate ? ctx.ref.referenceDate : at;
        record.withdrawal = {
          type: rng.pick(['变更', '撤销', '确认违法', '确认无效'] as const),
          reason: rng.pick([
            '经行政复议，原行政处罚决定被依法撤销。',
            '经人民法院判决，原行政处罚决定被确认违法。',
            '执法机关在案卷评查中发现适用依据错误，依法撤销原决定并重新作出。',
            '经行政复议，原行政处罚决定的罚款数额被依法变更。',
          ]),
          at: `${isoDate(when)}T10:00:00+08:00`,
        };
        record.updatedAt = record.withdrawal.at;
      } else if (roll < 0.035) {
        record.status = 'corrected';
        record.correctionNote = rng.pick([
          '原公示信息中当事人名称录入有误，已更正。',
          '原公示信息中处罚决定日期录入有误，已更正。',
          '根据当事人申请，已更正违法事实中的地址信息。',
        ]);
        const at = addDays(publishedOn, rng.int(2, 30));
        record.updatedAt = `${isoDate(at > ctx.ref.referenceDate ? ctx.ref.referenceDate : at)}T15:30:00+08:00`;
      }
      if (rng.chance(0.3)) record.publicText = publicText(record, partyType, region);
    }
  }
  return record;
}

function publicText(d: DisclosureRecord, partyType: PartyType, region: string): string {
  const name = partyType === '自然人' ? redactName(d.partyName) : d.partyName;
  const lines = [`${d.authorityName}行政处罚决定书`, d.decisionNo, `当事人：${name}`];
  if (d.partyCreditCode !== undefined) lines.push(`统一社会信用代码：${d.partyCreditCode}`);
  if (d.legalRepresentative !== undefined)
    lines.push(`${partyType === '个体工商户' ? '经营者' : '法定代表人'}：${d.legalRepresentative}`);
  if (partyType !== '自然人') lines.push(`所属区域：${region}`);
  lines.push(
    d.violationFacts,
    `依据${d.penaltyBasis}的规定，本机关决定：${d.penaltyContent}`,
    `当事人应当自收到本决定书之日起十五日内缴纳罚款。如不服本决定，可以在收到本决定书之日起六十日内向${DISTRICT_FULL}人民政府申请行政复议，或者在六个月内依法向${DISTRICT_FULL}人民法院提起行政诉讼。`,
    `${d.authorityName}`,
    `${d.decisionDate.slice(0, 4)}年${Number(d.decisionDate.slice(5, 7))}月${Number(d.decisionDate.slice(8, 10))}日`,
  );
  return lines.join('\n');
}
