import fs from 'node:fs';
import path from 'node:path';
import {
  COUNTED_DISCLOSURE_STATUSES,
  DISCLOSURE_STATUSES,
  disclosureStatusLabels,
  PUBLIC_DISCLOSURE_STATUSES,
} from '@sunlight/domain/schemas/disclosure';
import { describe, expect, it } from 'vitest';
import { statusLabels } from '../../lib/format';
import { COUNTED_STATUS_SQL, PUBLIC_STATUS_SQL } from './status-sql';

const ROOT = path.join(import.meta.dirname, '../../..');
const SOURCE_DIRS = ['portal', 'packages', 'search-indexer/src', 'miniprogram/src', 'content'];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(rel);
    return /\.(ts|tsx|astro|mjs)$/.test(e.name) && !/\.(test|spec)\.ts$/.test(e.name) ? [rel] : [];
  });
}

describe('one list of disclosure statuses', () => {
  it('SQL lists are the domain lists', () => {
    expect(PUBLIC_STATUS_SQL).toBe(`(${PUBLIC_DISCLOSURE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    expect(COUNTED_STATUS_SQL).toBe(`(${COUNTED_DISCLOSURE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  });

  it('no source file spells out a status list of its own', () => {
    const inline = /['"](published|corrected|withdrawn|expired)['"],\s*['"](published|corrected|withdrawn|expired)['"]/;
    const offenders = SOURCE_DIRS.flatMap(sources).filter(
      (f) =>
        !f.endsWith(path.join('schemas', 'disclosure.ts')) && inline.test(fs.readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('pages label every status with the domain label', () => {
    for (const s of DISCLOSURE_STATUSES) expect(statusLabels[s]?.text).toBe(disclosureStatusLabels[s]);
    expect(disclosureStatusLabels.expired).toBe('公示期已满');
  });
});
