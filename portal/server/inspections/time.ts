/** Times of inspections are shown and stored in China Standard Time (`@sunlight/domain/china-time`). */
export { chinaIso as toChinaIso, chinaYear, chinaYearBounds, formatChinaDateTime } from '@sunlight/domain/china-time';

export const seconds = (d: Date | number) => Math.floor((d instanceof Date ? d.getTime() : d) / 1000);
