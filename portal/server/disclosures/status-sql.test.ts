import {
  COUNTED_DISCLOSURE_STATUSES,
  DISCLOSURE_STATUSES,
  disclosureStatusLabels,
  PUBLIC_DISCLOSURE_STATUSES,
} from '@sunlight/domain/schemas/disclosure';
import { sourcesMatching } from '@sunlight/domain/testing/sources';
import { describe, expect, it } from 'vitest';
import { statusLabels } from '../../lib/format';
import { COUNTED_STATUS_SQL, PUBLIC_STATUS_SQL } from './status-sql';

describe('one list of disclosure statuses', () => {
  it('SQL lists are the domain lists', () => {
    expect(PUBLIC_STATUS_SQL).toBe(`(${PUBLIC_DISCLOSURE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    expect(COUNTED_STATUS_SQL).toBe(`(${COUNTED_DISCLOSURE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  });

  it('no source file spells out a status list of its own', () => {
    const status = `['"](published|corrected|withdrawn|expired)['"]`;
    const inline = new RegExp(`${status},\\s*${status}|=== ${status}\\s*\\|\\|`);
    expect(sourcesMatching(inline, 'packages/domain/src/schemas/disclosure.ts')).toEqual([]);
  });

  it('pages label every status with the domain label', () => {
    for (const s of DISCLOSURE_STATUSES) expect(statusLabels[s]?.text).toBe(disclosureStatusLabels[s]);
    expect(disclosureStatusLabels.expired).toBe('公示期已满');
  });
});
