const pad = (n: number) => String(n).padStart(2, '0');
/** `2026-11-22 09:30` in China time (UTC+8) whatever the phone's zone. */
export function chinaTime(d: Date | string | number): string {
  const t = new Date(typeof d === 'string' ? Date.parse(d) : d).getTime() + 8 * 3600_000;
  const x = new Date(t);
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())} ${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}`;
}
