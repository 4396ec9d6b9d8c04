/** 执法对象 (enterprises.ndjson): one deterministic enterprise per index k. */
import type { Enterprise, EnterpriseType } from '@sunlight/domain/schemas/enterprise';
import { corruptCheckChar, creditCodeFor, digitCreditCodeFor } from './ids.ts';
import { personName } from './names.ts';
import { addDays, isoDate, Random } from './random.ts';
import { COMPANY_FORMS, INDUSTRIES, SHOP_EXTRA, TRADE_NAMES, type IndustryDef } from './vocabulary/enterprises.ts';
import type { FieldCode } from './vocabulary/fields.ts';
import { DISTRICT_FULL, PARKS, REGIONS, ROADS } from './vocabulary/jurisdiction.ts';
import { SURNAMES } from './vocabulary/people.ts';

/** Share of enterprises carrying a legacy credit code that fails the check character. */
export const LEGACY_CODE_RATE = 0.005;

const SINGLE_SUFFIX = '源达盛丰泰祥隆兴华远';

export interface EnterpriseOptions {
  type: EnterpriseType;
  /** Prefer an industry dealing with this field. */
  field?: FieldCode;
  referenceDate: Date;
  /** Namespace for credit codes (keeps different seeds' codes apart). */
  salt: number;
}

function pickIndustry(rng: Random, field: FieldCode | undefined, needShop: boolean): IndustryDef {
  let pool = INDUSTRIES.filter(
    (i) => (field === undefined || i.fields.includes(field)) && (!needShop || i.shop !== undefined),
  );
  if (pool.length === 0) pool = INDUSTRIES.filter((i) => !needShop || i.shop !== undefined);
  return rng.weighted(pool.map((i) => [i, i.weight] as const));
}

export function addressIn(rng: Random): string {
  if (rng.chance(0.25))
    return `${DISTRICT_FULL}${rng.pick(PARKS)}${rng.int(1, 12)}号楼${rng.int(1, 23)}${String(rng.int(1, 20)).padStart(2, '0')}室`;
  return `${DISTRICT_FULL}${rng.pick(ROADS)}${rng.int(1, 999)}号${rng.chance(0.3) ? `${rng.int(1, 6)}号楼底商` : ''}`;
}

/** The k-th enterprise of a stream: same (seed, k, options) → same enterprise. */
export function makeEnterprise(rng: Random, k: number, opts: EnterpriseOptions): Enterprise {
  const { type } = opts;
  const industry = pickIndustry(rng, opts.field, type === '个体工商户');
  let trade = rng.pick(TRADE_NAMES);
  if (trade.length === 2 && rng.chance(0.25)) trade += rng.pick([...SINGLE_SUFFIX]);
  const owner = personName(rng);
  let name: string;
  let kind: '91' | '92' | '93' | '52' = '91';
  if (type === '个体工商户') {
    kind = '92';
    const shop = rng.chance(0.8) ? (industry.shop as string) : rng.pick(SHOP_EXTRA);
    const head = rng.chance(0.35)
      ? `${rng.weighted(SURNAMES)}记`
      : rng.chance(0.5)
        ? trade
        : `${owner.slice(0, 1)}${rng.pick(['姐', '哥', '师傅', '家'])}`;
    name = `滨江新区${head}${shop}`;
  } else if (type === '农民专业合作社') {
    kind = '93';
    name = `${DISTRICT_FULL}${trade}${rng.pick(['蔬菜', '水产养殖', '果品', '农机'])}专业合作社`;
  } else if (type === '社会组织') {
    kind = '52';
    name = `${DISTRICT_FULL}${trade}${rng.pick(['养老服务中心', '社会工作服务中心', '职业技能培训学校', '商会'])}`;
  } else {
    const form = rng.weighted(COMPANY_FORMS);
    const style = rng.float();
    name =
      style < 0.6
        ? `示例市${trade}${industry.word}${form}`
        : style < 0.85
          ? `${DISTRICT_FULL}${trade}${industry.word}${form}`
          : `${trade}${industry.word}（示例市）${form}`;
  }
  // One in sixteen has an all-digit code (with a legacy registration number and organisation code on
  // its penalties), so the spreadsheet exports are tested on identifiers that look like numbers.
  let creditCode = k % 16 === 5 ? digitCreditCodeFor(kind, k) : creditCodeFor(kind, k, opts.salt);
  const legacy = rng.chance(LEGACY_CODE_RATE);
  if (legacy) creditCode = corruptCheckChar(creditCode);
  const registered = rng.dateBetween(new Date(Date.UTC(1998, 0, 1)), addDays(opts.referenceDate, -60));
  const e: Enterprise = {
    creditCode,
    name,
    type,
    legalRepresentative: owner,
    address: addressIn(rng),
    industry: industry.industry,
    region: rng.pick(REGIONS),
    registeredDate: isoDate(registered),
  };
  if (legacy) e.creditCodeFlag = 'checksum_mismatch';
  return e;
}

/** Type mix of the object pool (enterprises without disclosures). */
export const POOL_TYPES: [EnterpriseType, number][] = [
  ['企业', 72],
  ['个体工商户', 24],
  ['农民专业合作社', 2],
  ['社会组织', 2],
];
