/** 四张清单 (discretion.json): 不予、减轻、从轻、从重 items tied to penalty powers. */
import type { BasisRef } from '@sunlight/domain/schemas/common';
import {
  DISCRETION_KIND_CODES,
  type DiscretionItem,
  type DiscretionKind,
} from '@sunlight/domain/schemas/discretion-item';
import type { LawLibrary } from './laws.ts';
import type { PenaltyPower, PowerSet } from './powers.ts';
import { pad, type Random } from './random.ts';
import { CONDITIONS, KIND_WEIGHTS } from './vocabulary/discretion.ts';

export interface DiscretionSet {
  items: DiscretionItem[];
  /** powerCode → items for that power */
  byPower: Map<string, DiscretionItem[]>;
}

/** Round a yuan amount to a "statute-looking" figure. */
function roundYuan(n: number): number {
  if (n >= 10000) return Math.round(n / 1000) * 1000;
  if (n >= 1000) return Math.round(n / 100) * 100;
  return Math.max(50, Math.round(n / 50) * 50);
}

export function outcomeText(kind: DiscretionKind, p: PenaltyPower): string {
  const [min, max] = p.instance.def.fine;
  if (kind === '不予处罚') return '不予行政处罚，责令当事人改正违法行为，并对其进行批评教育，制作不予行政处罚决定书。';
  if (max <= 0) {
    return kind === '从重处罚' ? '在法定种类内从重处罚，依法给予法定最重的处罚种类。' : '给予警告，责令限期改正。';
  }
  if (kind === '减轻处罚') {
    return min > 0
      ? `在法定最低罚款数额以下处以罚款，处${roundYuan(min * 0.3)}元以上${min}元以下罚款。`
      : `减轻处罚，给予警告或者处${roundYuan(max * 0.1)}元以下罚款。`;
  }
  const low = roundYuan(min + (max - min) * 0.3);
  const high = roundYuan(min + (max - min) * 0.7);
  if (kind === '从轻处罚') return `在法定幅度内从轻处罚，处${min}元以上${low}元以下罚款。`;
  const severe = p.instance.def.severe.filter((k) => k !== '罚款' && k !== '行政拘留');
  return `在法定幅度内从重处罚，处${high}元以上${max}元以下罚款${severe.length > 0 ? `；情节严重的，依法${severe.join('、')}` : ''}。`;
}

export function buildDiscretion(rng: Random, lib: LawLibrary, powers: PowerSet, total: number): DiscretionSet {
  const departments = powers.penalties.filter((p) => p.agency.category === 'C' || p.agency.category === 'D');
  const others = powers.penalties.filter((p) => !(p.agency.category === 'C' || p.agency.category === 'D'));
  const weightSum = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const items: DiscretionItem[] = [];
  const byPower = new Map<string, DiscretionItem[]>();
  let assigned = 0;
  KIND_WEIGHTS.forEach(([kind, w], k) => {
    const n = k === KIND_WEIGHTS.length - 1 ? total - assigned : Math.round((total * w) / weightSum);
    assigned += n;
    const r = rng.fork(kind);
    let pool = r.shuffle(departments);
    if (pool.length < n) pool = pool.concat(r.shuffle(others));
    // 不予处罚 only for minor violations (low fines); 从重 for any
    if (kind === '不予处罚' || kind === '减轻处罚') {
      pool.sort((a, b) => a.instance.def.fine[1] - b.instance.def.fine[1]);
      pool = r.shuffle(pool.slice(0, Math.max(n, Math.ceil(pool.length * 0.8))));
    }
    const extra: BasisRef | undefined =
      kind === '不予处罚'
        ? lib.penaltyLaw.get('no-penalty')
        : kind === '从重处罚'
          ? lib.aggravate
          : lib.penaltyLaw.get('mitigate');
    for (let i = 0; i < n; i++) {
      const p = pool[i % pool.length] as PenaltyPower;
      const penaltyRef = p.item.basis[0] as BasisRef;
      const basis: BasisRef[] = [penaltyRef];
      if (extra) basis.push(extra);
      const conditions = r.sample(CONDITIONS[kind], r.int(1, kind === '从重处罚' ? 3 : 2));
      const item: DiscretionItem = {
        id: `${DISCRETION_KIND_CODES[kind]}-${pad(i + 1, 4)}`,
        kind,
        violation: p.instance.def.act,
        basis,
        conditions,
        outcome: outcomeText(kind, p),
        agencyId: p.agency.slug,
        field: p.item.field,
        powerCode: p.item.code,
      };
      if (kind === '不予处罚' && r.chance(0.3)) item.notes = '不予处罚的，应当对当事人进行教育，并跟踪整改落实情况。';
      items.push(item);
      const list = byPower.get(p.item.code);
      if (list) list.push(item);
      else byPower.set(p.item.code, [item]);
    }
  });
  return { items, byPower };
}
