import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS, SupervisionSettingsSchema } from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { computeAlerts } from './alerts';
import { assess, assessmentCsv, rankWithin } from './assessment';
import { createCase } from './cases';
import { cst, enterpriseCode, insertInspection, loadSupervisionFixture } from '../../../tests/fixtures/supervision';
import { overview } from './overview';
import { buckets, makePeriod, parsePeriod } from './period';
import { publicSatisfaction } from './satisfaction';
import { supervisionSettings } from './settings';

describe('periods', () => {
  const NOW = Date.parse('2026-11-22T09:00:00+08:00');
  it('default to this year, name the field of a bad date, and bucket by day or month', () => {
    expect(parsePeriod(new URLSearchParams(), NOW)).toMatchObject({
      period: { from: '2026-01-01', to: '2026-11-22' },
      errors: [],
    });
    expect(parsePeriod(new URLSearchParams('from=2026-02-30&to=2026-03-01'), NOW).errors).toEqual([
      { field: 'from', message: expect.stringContaining('真实日期') },
    ]);
    expect(parsePeriod(new URLSearchParams('from=2026-03-01&to=2026-02-01'), NOW).errors[0]!.field).toBe('to');
    expect(parsePeriod(new URLSearchParams('from=2020-01-01&to=2026-01-01'), NOW).errors[0]!.message).toMatch(/最长/);
    const p = makePeriod('2026-03-01', '2026-03-31');
    expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.days).toBe(31);
    expect(buckets(p)).toMatchObject({ unit: 'day' });
    expect(buckets(p).keys).toHaveLength(31);
    expect(buckets(makePeriod('2025-11-15', '2026-02-01'))).toEqual({
      unit: 'month',
      keys: ['2025-11', '2025-12', '2026-01', '2026-02'],
    });
  });
});

describe.each(databaseKinds())('overview, assessment and the public summary on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  const period = makePeriod('2026-01-01', '2026-06-30');
  const NOW = cst('2026-07-01T12:00:00');

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadSupervisionFixture(db, 60);
    // 区市场监管局: 6 evaluated inspections (5 and 3 alternating), all checked in.
    for (let i = 0; i < 6; i++) {
      const score = i % 2 ? 3 : 5;
      await insertInspection(db, {
        agency: 'market',
        enterprise: enterpriseCode(i + 1),
        start: cst(`2026-0${1 + (i % 5)}-1${i}T09:00:00`),
        checkin: true,
        evaluation: {
          ratings: { lawfulness: score, courtesy: score, integrity: 5, efficiency: 4, overall: score },
          problems: i === 1 ? ['attitude'] : [],
          comment: `私密意见${i}：检查人员姓名不应公开`,
        },
      });
    }
    // 区生态环境局: 3 evaluations only (below 5), one inspection not checked in.
    for (let i = 0; i < 3; i++) {
      await insertInspection(db, {
        agency: 'ecology',
        enterprise: enterpriseCode(20 + i),
        start: cst(`2026-03-0${i + 2}T09:00:00`),
        checkin: true,
        evaluation: { ratings: { overall: 1 }, comment: '只有三条评价' },
      });
    }
    await insertInspection(db, {
      agency: 'ecology',
      enterprise: enterpriseCode(30),
      start: cst('2026-04-01T09:00:00'),
      checkin: false,
      status: 'in_progress',
    });
    await insertInspection(db, {
      agency: 'ecology',
      enterprise: enterpriseCode(31),
      start: cst('2026-04-02T09:00:00'),
      checkin: { credentialsShown: false },
    });
    // decisions: market 4 (1 applying a four-list item), ecology 1 withdrawn (not counted)
    for (const [i, agency, status, discretion] of [
      [1, 'market', 'published', 'BY-0001'],
      [2, 'market', 'expired', null],
      [3, 'market', 'corrected', null],
      [4, 'market', 'published', null],
      [5, 'ecology', 'withdrawn', null],
    ] as const) {
      await db.query(
        `INSERT INTO disclosures (id, agency_id, decision_no, status, decision_date, data)
         VALUES ($1, $2, $3, $4, $5::date, $6)`,
        [
          `d-${i}`,
          agency,
          `罚〔2026〕${i}号`,
          status,
          `2026-0${i}-15`,
          JSON.stringify(discretion ? { discretionItemId: discretion } : {}),
        ],
      );
    }
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('overview: counts per agency, averages per dimension and a monthly trend', async () => {
    const o = await overview(db, period);
    const market = o.agencies.find((a) => a.id === 'market')!;
    expect(market).toMatchObject({ inspections: 6, certificates: 6, checkins: 6, evaluations: 6, decisions: 4 });
    expect(market.ratings).toEqual({ lawfulness: 4, courtesy: 4, integrity: 5, efficiency: 4, overall: 4 });
    expect(market.evaluationsWithProblems).toBe(1);
    const ecology = o.agencies.find((a) => a.id === 'ecology')!;
    expect(ecology).toMatchObject({
      inspections: 5,
      checkins: 4,
      checkinsWithoutCredentials: 1,
      evaluations: 3,
      decisions: 0,
    });
    expect(o.totals.evaluations).toBe(9);
    expect(o.totals.ratings.overall).toBeCloseTo((4 * 6 + 1 * 3) / 9, 2);
    expect(o.trend.unit).toBe('month');
    expect(o.trend.points.map((p) => p.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(o.trend.points.reduce((s, p) => s + p.inspections, 0)).toBe(o.totals.inspections);
    expect(o.trend.points.reduce((s, p) => s + p.decisions, 0)).toBe(4);
    const one = await overview(db, period, 'ecology');
    expect(one.agencies.map((a) => a.id)).toEqual(['ecology']);
    expect(one.totals.inspections).toBe(5);
  });

  it('assessment: weights add up, components without data are left out, ranks and CSV follow', async () => {
    // a handful of inspections per agency here: score alerts from the first inspection on
    const settings = {
      ...DEFAULT_SUPERVISION_SETTINGS,
      assessment: { ...DEFAULT_SUPERVISION_SETTINGS.assessment, minInspectionsForAlerts: 1 },
    };
    await createCase(
      db,
      { title: '超期', description: '超期', agencyId: 'ecology', deadline: '2026-06-01' },
      { username: 't', role: 'supervisor' },
      undefined,
      cst('2026-05-20T10:00:00'),
    );
    const alerts = await computeAlerts(db, period, settings.alerts, NOW);
    const rows = await assess(db, period, settings, alerts, NOW);
    const market = rows.find((r) => r.agencyId === 'market')!;
    const ecology = rows.find((r) => r.agencyId === 'ecology')!;
    const comp = (r: typeof market, c: string) => r.components.find((x) => x.component === c)!;
    expect(comp(market, 'participation')).toMatchObject({ value: 1, points: 20 });
    expect(comp(market, 'evaluation').value).toBeCloseTo((4.2 - 1) / 4, 5); // mean of dimensions 4,4,5,4,4
    expect(comp(market, 'discretion')).toMatchObject({ value: 1, points: 10 }); // 1/4 = 25% ≥ 20% target
    expect(comp(ecology, 'evaluation')).toMatchObject({ value: null, points: null });
    expect(comp(ecology, 'evaluation').basis).toContain('评价不足 5 条');
    expect(comp(ecology, 'participation').value).toBeCloseTo(4 / 5, 5);
    expect(comp(ecology, 'overdue')).toMatchObject({ value: 1 - 1 / 3 });
    expect(comp(ecology, 'discretion').value).toBeNull();
    const ecologyAlerts = alerts.filter((a) => a.agencyIds.includes('ecology')).length;
    expect(ecologyAlerts).toBeGreaterThanOrEqual(2); // no check-in, credentials not shown
    // alerts per 100 inspections; 10 per 100 take the whole component
    const ecologyInspections = Number(/(\d+) 次检查，每百次/.exec(comp(ecology, 'alerts').basis)![1]);
    expect(ecologyInspections).toBeGreaterThan(0);
    expect(comp(ecology, 'alerts').value).toBeCloseTo(
      Math.max(0, 1 - ((ecologyAlerts / ecologyInspections) * 100) / 10),
      5,
    );
    expect(ecology.weightCovered).toBe(20 + 25 + 15);
    expect(market.score).toBeGreaterThan(ecology.score);
    expect(rows[0]!.rank).toBe(1);
    const ranked = rows.filter((r) => r.rank !== null);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score);
    expect(rankWithin(rows, 'B', 50).map((r) => r.agencyId)).toEqual(['qingshi']);
    // 区城管执法局 and others without inspections: alerts cannot be weighed per inspection (no data), only
    // work orders are measured (15 of 100), so they are not ranked
    const urban = rows.find((r) => r.agencyId === 'urban')!;
    expect(urban).toMatchObject({ weightCovered: 15, rank: null, score: 100 });
    expect(comp(urban, 'alerts')).toMatchObject({ value: null });
    expect(rows.indexOf(urban)).toBeGreaterThan(rows.indexOf(market));
    expect(rows.filter((r) => r.rank !== null).every((r) => r.weightCovered >= 50)).toBe(true);

    const csv = assessmentCsv(rows, period);
    expect(csv.startsWith('\uFEFF名次,执法主体,类别,总分,扫码登记率得分')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
    expect(csv).toContain('示例市滨江新区市场监督管理局');
    expect(csv).toContain('无数据');
    expect(csv).toContain('数据不足，不排名');

    const heavy = SupervisionSettingsSchema.parse({
      assessment: { weights: { participation: 0, evaluation: 100, alerts: 0, overdue: 0, discretion: 0 } },
    });
    const byRating = await assess(db, period, heavy, alerts, NOW);
    expect(byRating.find((r) => r.agencyId === 'market')!.score).toBeCloseTo(80, 1);
  });

  it('the public summary shows only agencies with at least 5 evaluations, and no single comment', async () => {
    const s = await publicSatisfaction(db, 2026);
    expect(s.minEvaluations).toBe(5);
    // six final evaluations publish as the oldest five (batches of 5): 5, 3, 3, 5, 3
    expect(s.agencies).toEqual([
      {
        agencyId: 'market',
        name: '示例市滨江新区市场监督管理局',
        shortName: '区市场监管局',
        evaluations: 5,
        averages: { lawfulness: 3.8, courtesy: 3.8, integrity: 5, efficiency: 4, overall: 3.8 },
      },
    ]);
    expect(s.withheldAgencies).toBe(1);
    expect(s.totalEvaluations).toBe(9);
    expect(s.shownEvaluations).toBe(5);
    // one published agency: no separate total (it would equal that agency's row anyway)
    expect(s.overall).toBeNull();
    const text = JSON.stringify(s);
    expect(text).not.toMatch(/私密意见|只有三条评价|JCZ-|problems|comment/);
    // A configuration asking for fewer than 5 is refused by the schema and never used.
    expect((await publicSatisfaction(db, 2026, 2)).minEvaluations).toBe(5);
    expect((await publicSatisfaction(db, 2025)).agencies).toEqual([]);
    // evaluations still open to revision (first 7 days) are not counted yet
    const early = await publicSatisfaction(db, 2026, 5, cst('2026-04-15T00:00:00'));
    expect(early.agencies).toEqual([]);
    expect(early.totalEvaluations).toBeLessThan(9);
  });

  it('settings fall back to the defaults without supervision.json and follow it when loaded', async () => {
    expect(await supervisionSettings(db)).toEqual(DEFAULT_SUPERVISION_SETTINGS);
    await db.query(`INSERT INTO settings (key, data) VALUES ('supervision', $1)`, [
      JSON.stringify(SupervisionSettingsSchema.parse({ lockout: { maxFailures: 3 } })),
    ]);
    expect((await supervisionSettings(db)).lockout.maxFailures).toBe(3);
  });
});
