/**
 * 行政执法事项目录 (enforcement-items.json): 主项 group an agency's powers of one type
 * under one law; every power becomes a 子项 (code = 主项 code + 3 digits).
 */
import type { BasisRef } from '@sunlight/domain/schemas/common';
import type { EnforcementItem } from '@sunlight/domain/schemas/enforcement-item';
import type { PowerSet } from './powers.ts';
import { pad } from './random.ts';
import type { LawLibrary } from './laws.ts';

const CATALOGUED = new Set(['行政处罚', '行政许可', '行政强制', '行政检查']);

export function buildEnforcementItems(lib: LawLibrary, powers: PowerSet): EnforcementItem[] {
  // group key: agency + type + first cited law
  const groups = new Map<string, PowerSet['items']>();
  for (const p of powers.items) {
    if (!CATALOGUED.has(p.type)) continue;
    const lawCode = p.basis[0]?.lawCode ?? '';
    const key = `${p.agencyId}|${p.type}|${lawCode}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const out: EnforcementItem[] = [];
  let main = 0;
  for (const [key, list] of groups) {
    const [agencyId, type, lawCode] = key.split('|') as [string, string, string];
    const first = list[0];
    if (first === undefined) continue;
    main += 1;
    const code = `SX-${pad(main, 6)}`;
    const title = lib.byCode.get(lawCode)?.title ?? '';
    const basis: BasisRef[] = [];
    const seen = new Set<string>();
    for (const p of list) {
      for (const b of p.basis) {
        const k = `${b.lawCode}/${b.article}`;
        if (!seen.has(k) && basis.length < 12) {
          seen.add(k);
          basis.push(b);
        }
      }
    }
    const mainName =
      type === '行政处罚'
        ? `对违反《${title}》行为的行政处罚`
        : type === '行政检查'
          ? `依据《${title}》实施的行政检查`
          : type === '行政强制'
            ? `依据《${title}》实施的行政强制措施`
            : `《${title}》规定的行政许可`;
    out.push({ code, name: mainName, level: '主项', powerCode: first.code, basis, agencyId, field: first.field });
    list.forEach((p, i) => {
      out.push({
        code: `${code}-${pad(i + 1, 3)}`,
        name: p.name,
        level: '子项',
        parentCode: code,
        powerCode: p.code,
        basis: p.basis,
        agencyId,
        field: p.field,
      });
    });
  }
  return out;
}
