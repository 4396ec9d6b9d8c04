/** Times of inspections are shown and stored in China Standard Time (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;

/** `2026-03-02T09:00:00+08:00` */
export function toChinaIso(value: Date | number | string): string {
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  const d = new Date(Math.floor(t / 1000) * 1000 + OFFSET_MS);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/** Calendar year in China of an instant. */
export function chinaYear(value: Date | number): number {
  const t = value instanceof Date ? value.getTime() : value;
  return new Date(t + OFFSET_MS).getUTCFullYear();
}

/** [start, end) of a calendar year in China, as instants. */
export function chinaYearBounds(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 1) - OFFSET_MS), new Date(Date.UTC(year + 1, 0, 1) - OFFSET_MS)];
}

/** `2026年3月2日 09:00` */
export function formatChinaDateTime(value: Date | number | string): string {
  const iso = toChinaIso(value);
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
}

export const seconds = (d: Date | number) => Math.floor((d instanceof Date ? d.getTime() : d) / 1000);
