import fs from 'node:fs';
import path from 'node:path';
import { todayInChina } from '@sunlight/domain/validators/dates';
import { contentShifter, weeksShift } from '../../portal/server/content/shift-dates';
import { ROOT } from './server';

/**
 * The number a sample certificate (the first in certificates.ndjson matching `pick`) carries in a portal
 * first seeded today: the seed moves the sample's dates to today and numbers certificates for their new
 * year of issue (portal/server/content/shift-dates.ts).
 */
export function sampleCertificateNo(pick: (c: { agencyId: string; status: string }) => boolean): string {
  const dir = path.join(ROOT, 'content/sample');
  const { referenceDate } = JSON.parse(fs.readFileSync(path.join(dir, 'sample-clock.json'), 'utf8')) as {
    referenceDate: string;
  };
  const raw = fs
    .readFileSync(path.join(dir, 'certificates.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { agencyId: string; status: string })
    .find(pick);
  if (!raw) throw new Error('no such sample certificate');
  const shift = contentShifter(dir, weeksShift(referenceDate, todayInChina()));
  return (shift('certificates.ndjson', raw) as { certificateNo: string }).certificateNo;
}
