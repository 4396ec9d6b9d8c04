import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DisclosureRecord } from '@sunlight/domain/schemas/disclosure';
import { leaked, loadLeakCorpus, type LeakVariant } from '../../../tests/helpers/leak-corpus';
import { ROOT } from '../../../tests/helpers/server';
import { redact } from './redact';
import { redactionContext, toPublicForm } from './store';

/**
 * The leak corpus (tests/fixtures/leak-corpus.tsv) against the redactor alone: fast, one case per line.
 * tests/integration/leak.test.ts pushes the same corpus through a running portal and checks every surface.
 */
const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/examples/disclosure.json'), 'utf8'));

function recordFor(v: LeakVariant): DisclosureRecord {
  const rec: Record<string, unknown> = {
    ...base,
    id: 'd00000000000000a',
    status: 'published',
    publishedOn: base.decisionDate,
    publicationEndDate: '2030-01-01',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const person = {
    partyCreditCode: undefined,
    legalRepresentative: undefined,
    legalRepIdType: undefined,
    legalRepIdNumber: undefined,
  };
  if (v.party.kind === '自然人') Object.assign(rec, person, { partyType: '自然人', partyName: v.party.name });
  if (v.party.kind === '个体工商户')
    Object.assign(rec, person, {
      partyType: '个体工商户',
      partyName: v.party.name,
      partyCreditCode: base.partyCreditCode,
    });
  if (v.party.kind === '法定代表人') rec.legalRepresentative = v.party.name;
  if (v.via !== 'withdraw') rec[v.field] = v.text;
  return rec as DisclosureRecord;
}

describe('leak corpus against the redactor', () => {
  const corpus = loadLeakCorpus();
  it('has at least 100 variants', () => expect(corpus.length).toBeGreaterThanOrEqual(100));

  it.each(corpus.map((v) => [v.key, v] as const))('%s', (_key, v) => {
    const record = recordFor(v);
    if (v.via === 'withdraw') {
      const out = redact(v.text, redactionContext(record)).text;
      expect(leaked(out, v.secrets)).toEqual([]);
      return;
    }
    const { pub, doubts } = toPublicForm(record);
    const body = JSON.stringify(pub);
    if (v.expect === 'hold') {
      expect(doubts.map((d) => d.field)).toContain(v.field);
    } else {
      expect(doubts).toEqual([]);
    }
    if (v.expect === 'keep') expect(leaked(body, v.secrets)).toEqual(v.secrets);
    else expect(leaked(body, v.secrets)).toEqual([]);
  });
});
