/** Fictional person names (surname + generated given name). */
import type { Random } from './random.ts';
import { GIVEN_CHARS, GIVEN_SINGLE, SURNAMES } from './vocabulary/people.ts';

export function personName(rng: Random): string {
  const surname = rng.weighted(SURNAMES);
  if (rng.chance(0.3)) return surname + rng.pick([...GIVEN_SINGLE]);
  return surname + rng.pick([...GIVEN_CHARS]) + rng.pick([...GIVEN_CHARS]);
}

/** 张伟 → 张某; 欧阳明华 → 欧阳某. */
export function redactName(name: string): string {
  const compound = ['欧阳', '司马', '上官'].find((s) => name.startsWith(s));
  return `${compound ?? name.slice(0, 1)}某`;
}
