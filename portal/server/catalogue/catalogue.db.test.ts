/**
 * The catalogue queries against the seeded sample, checked against the content files themselves (and, for
 * decisions, against plain SQL over the stored public form): filters return exactly what they claim,
 * reverse links are complete, statistics count the right decisions, and nothing non-public leaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscretionItem } from '@sunlight/domain/schemas/discretion-item';
import type { EnforcementItem } from '@sunlight/domain/schemas/enforcement-item';
import type { InspectionItem } from '@sunlight/domain/schemas/inspection-item';
import type { Inspector } from '@sunlight/domain/schemas/inspector';
import type { LegalBasis } from '@sunlight/domain/schemas/legal-basis';
import type { PowerItem } from '@sunlight/domain/schemas/power-item';
import type { Agency } from '@sunlight/domain/schemas/agency';
import type { BasisRef } from '@sunlight/domain/schemas/common';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { loadConfig } from '../config';
import { seedContent } from '../content/seed';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { getAgency, listAgencies } from './agencies';
import { discretionCounts, getDiscretionItem, listDiscretion } from './discretion';
import { listEnforcementItems } from './enforcement-items';
import { listInspectionItems } from './inspection-items';
import { findByCertificate, listInspectors } from './inspectors';
import { decisionsCiting, lawReferences } from './laws';
import { decisionsCitingEach, getPower, listPowers } from './powers';
import { statistics, statisticsCsvRows } from './statistics';

const SAMPLE = path.resolve(import.meta.dirname, '../../../content/sample');
const read = <T>(file: string): T[] => JSON.parse(fs.readFileSync(path.join(SAMPLE, file), 'utf8')) as T[];
const agencies = read<Agency>('agencies.json');
const laws = read<LegalBasis>('laws.json');
const powers = read<PowerItem>('powers.json');
const enforcementItems = read<EnforcementItem>('enforcement-items.json');
const inspectionItems = read<InspectionItem>('inspection-items.json');
const inspectors = read<Inspector>('inspectors.json');
const discretion = read<DiscretionItem>('discretion.json');
const inspections = fs
  .readFileSync(path.join(SAMPLE, 'inspections.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; status: string; windowStart: string; agencyId: string });
const ALL = 100_000;
const cites = (basis: readonly BasisRef[] | undefined, law: string, article?: number) =>
  (basis ?? []).some((b) => b.lawCode === law && (article === undefined || b.article === article));
const titleOf = new Map(laws.map((l) => [l.code, l.title]));

interface StoredDecision {
  id: string;
  status: string;
  decision_date: string;
  data: {
    basisRefs?: BasisRef[];
    discretionItemId?: string;
    fineAmount?: number;
    penaltyCategories: string[];
    agencyId: string;
  };
}

describe.each(databaseKinds())('catalogue queries on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let decisions: StoredDecision[];
  const isPublic = (d: StoredDecision) => d.status === 'published' || d.status === 'corrected';

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    // Seeded on the sample's reference date, so its dates are not shifted and the files below are what is stored.
    await seedContent(db, loadConfig({ SUNLIGHT_CONTENT_DIR: SAMPLE, SUNLIGHT_DATA_DIR: '/tmp/unused' }), () => {}, {
      now: new Date('2026-11-01T12:00:00+08:00'),
    });
    decisions = await db.query<StoredDecision>(
      `SELECT id, status, decision_date::text AS decision_date, data FROM disclosures`,
    );
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('has public and non-public decisions to tell apart', () => {
    const statuses = new Set(decisions.map((d) => d.status));
    expect(statuses).toEqual(new Set(['published', 'corrected', 'expired', 'withdrawn']));
  });

  describe('powers list', () => {
    it('filters by type, agency and field exactly', async () => {
      const r = await listPowers(db, { type: '行政处罚', agency: 'urban', field: '城市管理', page: 1 }, ALL);
      const expected = powers.filter((p) => p.type === '行政处罚' && p.agencyId === 'urban' && p.field === '城市管理');
      expect(r.total).toBe(expected.length);
      expect(r.items.map((p) => p.code).sort()).toEqual(expected.map((p) => p.code).sort());
    });

    it('searches name, code and the titles of the laws in the basis', async () => {
      for (const q of ['摆摊', 'CF-00020', '安全生产法']) {
        const r = await listPowers(db, { q, page: 1 }, ALL);
        const expected = powers.filter(
          (p) =>
            p.name.includes(q) || p.code.includes(q) || p.basis.some((b) => (titleOf.get(b.lawCode) ?? '').includes(q)),
        );
        expect(r.total, q).toBe(expected.length);
        expect(r.total, q).toBeGreaterThan(0);
      }
    });

    it('takes % and _ literally instead of matching everything', async () => {
      expect((await listPowers(db, { q: '%', page: 1 })).total).toBe(0);
      expect((await listPowers(db, { q: '_', page: 1 })).total).toBe(0);
    });

    it('filters by the law (and article) cited', async () => {
      const r = await listPowers(db, { law: 'DFFG-0008', article: 17, page: 1 }, ALL);
      expect(r.total).toBe(powers.filter((p) => cites(p.basis, 'DFFG-0008', 17)).length);
      const all = await listPowers(db, { law: 'DFFG-0008', page: 1 }, ALL);
      expect(all.total).toBe(powers.filter((p) => cites(p.basis, 'DFFG-0008')).length);
    });

    it('clamps a page past the end and pages without overlap', async () => {
      const last = await listPowers(db, { page: 999 });
      expect(last.page).toBe(Math.ceil(powers.length / 20));
      const p1 = await listPowers(db, { page: 1 });
      const p2 = await listPowers(db, { page: 2 });
      expect(new Set([...p1.items, ...p2.items].map((p) => p.code)).size).toBe(40);
    });
  });

  describe('one power', () => {
    it('nests 子项 under their 主项 and lists the four-list items for it', async () => {
      const d = await getPower(db, 'CF-000203');
      expect(d).toBeDefined();
      const items = enforcementItems.filter((e) => e.powerCode === 'CF-000203');
      expect(d!.enforcementItems.reduce((n, e) => n + 1 + e.children.length, 0)).toBe(items.length);
      for (const main of d!.enforcementItems) for (const c of main.children) expect(c.parentCode).toBe(main.code);
      expect(d!.discretionItems.map((x) => x.id).sort()).toEqual(
        discretion
          .filter((x) => x.powerCode === 'CF-000203')
          .map((x) => x.id)
          .sort(),
      );
      expect(d!.basis.every((b) => b.text && b.lawTitle)).toBe(true);
      expect(await getPower(db, 'CF-999999')).toBeUndefined();
    });

    it('counts the public decisions citing each basis article', async () => {
      const refs = powers.find((p) => p.code === 'CF-000203')!.basis;
      const counts = await decisionsCitingEach(db, refs);
      expect(counts).toEqual(
        refs.map((r) => decisions.filter((d) => isPublic(d) && cites(d.data.basisRefs, r.lawCode, r.article)).length),
      );
      expect(counts.some((n) => n > 0)).toBe(true);
    });
  });

  describe('four lists', () => {
    it('counts each kind under the other filters and lists one kind exactly', async () => {
      const r = await listDiscretion(db, { kind: '从重处罚', agency: 'market', page: 1 }, ALL);
      const market = discretion.filter((d) => d.agencyId === 'market');
      expect(r.total).toBe(market.filter((d) => d.kind === '从重处罚').length);
      expect(r.items.every((x) => x.item.kind === '从重处罚' && x.item.agencyId === 'market')).toBe(true);
      for (const k of ['不予处罚', '减轻处罚', '从轻处罚', '从重处罚'] as const) {
        expect(r.kindCounts[k], k).toBe(market.filter((d) => d.kind === k).length);
      }
    });

    it('filters by power and by law article', async () => {
      const byPower = await listDiscretion(db, { power: 'CF-000203', page: 1 }, ALL);
      expect(byPower.total).toBe(discretion.filter((d) => d.powerCode === 'CF-000203').length);
      const byLaw = await listDiscretion(db, { law: 'FL-0001', article: 33, page: 1 }, ALL);
      expect(byLaw.total).toBe(discretion.filter((d) => cites(d.basis, 'FL-0001', 33)).length);
    });

    it('counts per kind and per agency add up to the whole list', async () => {
      const c = await discretionCounts(db);
      expect(c.total).toBe(discretion.length);
      expect(c.byAgency.reduce((s, a) => s + a.total, 0)).toBe(discretion.length);
      for (const k of c.byKind) expect(k.n).toBe(discretion.filter((d) => d.kind === k.kind).length);
    });

    it('shows only public decisions that applied an item', async () => {
      const applied = decisions.filter((d) => d.data.discretionItemId);
      const id = applied.find((d) => isPublic(d))!.data.discretionItemId!;
      const detail = await getDiscretionItem(db, id, 1, 100);
      const expected = decisions.filter((d) => isPublic(d) && d.data.discretionItemId === id).map((d) => d.id);
      expect(detail!.decisions.items.map((d) => d.id).sort()).toEqual(expected.sort());
      expect(detail!.decisions.total).toBe(expected.length);
    });
  });

  describe('law library reverse links', () => {
    it('finds every power, item, four-list item and public decision citing each article', async () => {
      for (const code of ['FL-0001', 'DFFG-0008']) {
        const refs = await lawReferences(db, code, { decisionLimit: 1000 });
        const law = laws.find((l) => l.code === code)!;
        for (const a of law.articles) {
          const r = refs.get(a.number);
          const ids = (xs: { code?: string; id?: string }[] | undefined) =>
            (xs ?? []).map((x) => x.code ?? x.id).sort();
          expect(ids(r?.powers), `${code} ${a.number} powers`).toEqual(
            powers
              .filter((p) => cites(p.basis, code, a.number))
              .map((p) => p.code)
              .sort(),
          );
          expect(ids(r?.items), `${code} ${a.number} items`).toEqual(
            enforcementItems
              .filter((e) => cites(e.basis, code, a.number))
              .map((e) => e.code)
              .sort(),
          );
          expect(ids(r?.discretion), `${code} ${a.number} discretion`).toEqual(
            discretion
              .filter((d) => cites(d.basis, code, a.number))
              .map((d) => d.id)
              .sort(),
          );
          const expected = decisions.filter((d) => isPublic(d) && cites(d.data.basisRefs, code, a.number));
          expect(r?.decisionTotal ?? 0, `${code} ${a.number} decisions`).toBe(expected.length);
          expect(ids(r?.decisions), `${code} ${a.number} decisions`).toEqual(expected.map((d) => d.id).sort());
        }
      }
    });

    it('pages the decisions citing one article, newest first, public only', async () => {
      const expected = decisions
        .filter((d) => isPublic(d) && cites(d.data.basisRefs, 'DFFG-0008', 17))
        .sort((a, b) => b.decision_date.localeCompare(a.decision_date) || a.id.localeCompare(b.id));
      const p1 = await decisionsCiting(db, 'DFFG-0008', 17, 1, 10);
      const p2 = await decisionsCiting(db, 'DFFG-0008', 17, 2, 10);
      expect(p1.total).toBe(expected.length);
      expect([...p1.items, ...p2.items].map((d) => d.id)).toEqual(expected.slice(0, 20).map((d) => d.id));
      const past = await decisionsCiting(db, 'DFFG-0008', 17, 99, 10);
      expect(past.page).toBe(Math.ceil(expected.length / 10));
      expect(past.items.length).toBeGreaterThan(0);
    });
  });

  describe('inspection items, enforcement items, agencies', () => {
    it('filters inspection items by method and by random drawing', async () => {
      const r = await listInspectionItems(db, { method: '书面检查', random: '1', page: 1 }, ALL);
      expect(r.total).toBe(inspectionItems.filter((i) => i.methods.includes('书面检查') && i.random).length);
      const patrol = await listInspectionItems(db, { random: '0', page: 1 }, ALL);
      expect(patrol.total).toBe(inspectionItems.filter((i) => !i.random).length);
    });

    it('filters enforcement items by level and agency', async () => {
      const r = await listEnforcementItems(db, { level: '子项', agency: 'market', page: 1 }, ALL);
      expect(r.total).toBe(enforcementItems.filter((e) => e.level === '子项' && e.agencyId === 'market').length);
    });

    it('counts an agency’s lists and filters agencies by category and field', async () => {
      const a = await getAgency(db, 'urban');
      expect(a!.counts).toMatchObject({
        powers: powers.filter((p) => p.agencyId === 'urban').length,
        enforcementItems: enforcementItems.filter((p) => p.agencyId === 'urban').length,
        inspectionItems: inspectionItems.filter((p) => p.agencyId === 'urban').length,
        inspectors: inspectors.filter((p) => p.agencyId === 'urban').length,
        discretionItems: discretion.filter((p) => p.agencyId === 'urban').length,
      });
      const r = await listAgencies(db, { category: 'C', field: '市场监管', page: 1 });
      expect(r.total).toBe(agencies.filter((x) => x.category === 'C' && x.fields.includes('市场监管')).length);
    });
  });

  describe('inspectors', () => {
    it('returns only the public fields', async () => {
      const o = await findByCertificate(db, inspectors[0]!.certificateNo);
      expect(Object.keys(o!).sort()).toEqual(
        [
          'agencyId',
          'agencyName',
          'agencyShortName',
          'certificateNo',
          'complaintPhone',
          'displayStatus',
          'fields',
          'name',
          'status',
          'validUntil',
        ].sort(),
      );
      expect(JSON.stringify(o)).not.toContain(inspectors[0]!.id);
    });

    it('finds by certificate number however it is typed, and by name within an agency', async () => {
      const first = inspectors[0]!;
      expect((await findByCertificate(db, first.certificateNo.toLowerCase()))?.name).toBe(first.name);
      expect(await findByCertificate(db, 'ZF00000000000000')).toBeUndefined();
      const r = await listInspectors(db, { name: first.name, agency: first.agencyId, page: 1 });
      expect(r.items.map((i) => i.certificateNo)).toContain(first.certificateNo);
      const suspended = await listInspectors(db, { status: 'suspended', page: 1 }, ALL);
      expect(suspended.total).toBe(inspectors.filter((i) => i.status === 'suspended').length);
      expect(suspended.items.every((i) => i.displayStatus === 'suspended')).toBe(true);
    });
  });

  describe('statistics', () => {
    it('counts every decision that was ever public, by decision year, and leaves withdrawn ones out', async () => {
      const { trend, year } = await statistics(db, 2025, '2026-11-22');
      const counted = decisions.filter((d) => d.status !== 'withdrawn' && d.decision_date.startsWith('2025'));
      expect(year!.totals.decisions).toBe(counted.length);
      expect(year!.totals.fines).toBeCloseTo(
        counted.reduce((s, d) => s + (d.data.fineAmount ?? 0), 0),
        6,
      );
      expect(year!.totals.discretion).toBe(counted.filter((d) => d.data.discretionItemId).length);
      expect(year!.byAgency.reduce((s, a) => s + a.decisions, 0)).toBe(counted.length);
      expect(year!.byField.reduce((s, f) => s + f.decisions, 0)).toBe(counted.length);
      expect(year!.byCategory.find((c) => c.category === '罚款')!.decisions).toBe(
        counted.filter((d) => d.data.penaltyCategories.includes('罚款')).length,
      );
      const everCounted = decisions.filter((d) => d.status !== 'withdrawn');
      expect(trend.reduce((s, t) => s + t.decisions, 0)).toBe(everCounted.length);
      expect(decisions.some((d) => d.status === 'withdrawn')).toBe(true);
    });

    it('counts inspections by their start in Beijing time, without cancelled ones', async () => {
      const { year } = await statistics(db, 2025, '2026-11-22');
      const inYear = inspections.filter(
        (i) => new Date(Date.parse(i.windowStart) + 8 * 3600_000).getUTCFullYear() === 2025,
      );
      expect(year!.totals.inspections).toBe(inYear.filter((i) => i.status !== 'cancelled').length);
      expect(year!.byStatus.reduce((s, x) => s + x.n, 0)).toBe(inYear.length);
      expect(year!.bySource.reduce((s, x) => s + x.n, 0)).toBe(year!.totals.inspections);
    });

    it('defaults to the newest year, says when a year is not over, and has nothing for unknown years', async () => {
      const { trend, year } = await statistics(db, undefined, '2026-11-22');
      expect(year!.year).toBe(trend[0]!.year);
      expect(year!.asOf).toBe(year!.year === 2026 ? '2026-11-22' : undefined);
      expect((await statistics(db, 1999)).year).toBeUndefined();
    });

    it('keeps the aggregates for a minute, and recomputes them when asked for fresh ones', async () => {
      const before = (await statistics(db, 2025, '2026-11-22')).year!.totals.decisions;
      const [one] = await db.query<{ id: string }>(
        `SELECT id FROM disclosures WHERE status = 'published' AND decision_date >= '2025-01-01' AND decision_date < '2026-01-01' LIMIT 1`,
      );
      await db.query(`UPDATE disclosures SET status = 'withdrawn' WHERE id = $1`, [one!.id]);
      try {
        expect((await statistics(db, 2025, '2026-11-22')).year!.totals.decisions).toBe(before);
        expect((await statistics(db, 2025, '2026-11-22', { fresh: true })).year!.totals.decisions).toBe(before - 1);
      } finally {
        await db.query(`UPDATE disclosures SET status = 'published' WHERE id = $1`, [one!.id]);
        await statistics(db, 2025, '2026-11-22', { fresh: true });
      }
    });

    it('writes one CSV row per agency, field, penalty category, list kind, inspection source and report kind/outcome, plus the total', async () => {
      const { year } = await statistics(db, 2024, '2026-11-22');
      const rows = statisticsCsvRows(year!);
      // Reports: 6 kinds and 4 outcomes always; agencies only where reported (none in this fixture).
      expect(rows).toHaveLength(1 + agencies.length + year!.byField.length + 14 + 4 + 5 + 6 + 4);
      expect(rows[0]).toEqual([
        2024,
        '合计',
        '全区',
        year!.totals.inspections,
        year!.totals.decisions,
        year!.totals.fines,
        year!.totals.discretion,
        0,
      ]);
    });
  });
});
