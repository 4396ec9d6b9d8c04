/**
 * The y axis of a chart: counts get whole-number steps (1, 2, 5, 10, 20, 25, 50 … times a power of ten), so
 * a gridline never sits at 2.5 under a label that reads 2 or 3; fixed ranges (ratings 1–5) keep their
 * bounds and get steps of 1 or the decimals asked for.
 */
export interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
}

const MAX_INTERVALS = 5;

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * p;
    if (step >= raw && Number.isInteger(step)) return step;
  }
  return 10 * p;
}

export function axis(values: number[], opts: { min?: number; max?: number; decimals?: number } = {}): Axis {
  const lo = opts.min ?? 0;
  if (opts.max !== undefined) {
    const span = opts.max - lo;
    const step = opts.decimals ? span / 4 : Math.max(1, Math.ceil(span / MAX_INTERVALS));
    const ticks: number[] = [];
    for (let t = lo; t <= opts.max + 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
    return { lo, hi: opts.max, ticks };
  }
  const top = Math.max(0, ...values);
  const step = top <= MAX_INTERVALS ? 1 : niceStep((top - lo) / MAX_INTERVALS);
  const hi = Math.max(lo + step, Math.ceil(top / step) * step);
  const ticks: number[] = [];
  for (let t = lo; t <= hi; t += step) ticks.push(t);
  return { lo, hi, ticks };
}
