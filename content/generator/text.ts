/** Text assembly helpers: placeholder filling and statute-style penalty clauses. */
import type { Random } from './random.ts';
import { chineseYuan } from './vocabulary/numerals.ts';
import {
  ADDITIVES,
  CLAIMS,
  DEVICES,
  POLLUTANTS,
  TESTS,
  type PenaltyKind,
  type ViolationDef,
} from './vocabulary/violations.ts';

/** Replace {name} placeholders; unknown names are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-z]+)\}/g, (m, name: string) => {
    const v = values[name];
    return v === undefined ? m : String(v);
  });
}

/** Values for the extra placeholders some fact templates use. */
export function extraPlaceholders(rng: Random): Record<string, string> {
  return {
    claim: rng.pick(CLAIMS),
    test: rng.pick(TESTS),
    additive: rng.pick(ADDITIVES),
    pollutant: rng.pick(POLLUTANTS),
    device: rng.pick(DEVICES),
  };
}

const SEVERE_TEXT: Record<PenaltyKind, string> = {
  警告: '给予警告',
  通报批评: '予以通报批评',
  罚款: '',
  没收违法所得: '没收违法所得',
  没收非法财物: '没收非法财物',
  暂扣许可证件: '暂扣相关许可证件',
  降低资质等级: '责令停业整顿，降低资质等级',
  吊销许可证件: '吊销许可证件',
  限制开展生产经营活动: '责令限制生产、停产整治',
  责令停产停业: '责令停产停业整顿',
  责令关闭: '报经有批准权的人民政府批准，责令关闭',
  限制从业: '对其法定代表人、主要负责人、直接负责的主管人员和其他直接责任人员处以五年内禁止从事相关生产经营活动',
  行政拘留: '处五日以上十日以下拘留',
  其他: '依法予以取缔或者责令限期拆除',
};

/** Fine range wording: 处五千元以上五万元以下罚款 / 处五百元以下罚款. */
export function fineClause(min: number, max: number): string {
  if (max <= 0) return '';
  if (min <= 0) return `处${chineseYuan(max)}以下罚款`;
  return `处${chineseYuan(min)}以上${chineseYuan(max)}以下罚款`;
}

/**
 * The penalty clause of a statute for one violation:
 * 由…责令改正，给予警告；拒不改正的，处…罚款；情节严重的，责令停产停业。
 */
export function penaltyClause(v: ViolationDef, authority: string): string {
  const parts: string[] = [];
  const confiscate: string[] = [];
  if (v.base.includes('没收违法所得')) confiscate.push('违法所得');
  if (v.base.includes('没收非法财物')) confiscate.push('违法生产经营的物品和用于违法活动的工具、设备');
  let head = `由${authority}责令改正`;
  if (confiscate.length > 0) head += `，没收${confiscate.join('、')}`;
  const fine = fineClause(v.fine[0], v.fine[1]);
  if (v.base.includes('警告') && fine) {
    parts.push(`${head}，给予警告；拒不改正的，${fine}`);
  } else if (v.base.includes('警告')) {
    parts.push(`${head}，给予警告`);
  } else if (fine) {
    parts.push(`${head}，${fine}`);
  } else {
    parts.push(head);
  }
  if (v.base.includes('通报批评')) parts.push('并可以予以通报批评');
  if (v.base.includes('限制开展生产经营活动')) parts.push('并可以责令限制生产、停产整治');
  if (v.base.includes('责令停产停业')) parts.push('并可以责令停产停业');
  if (v.base.includes('其他') && !v.severe.includes('其他'))
    parts.push('并责令限期改正；逾期不改正的，依法采取补救措施');
  const severe = v.severe.filter((k) => k !== '罚款').map((k) => SEVERE_TEXT[k]);
  let clause = parts.join('，');
  if (severe.length > 0) clause += `；情节严重的，${severe.join('，')}`;
  return clause + '。';
}
