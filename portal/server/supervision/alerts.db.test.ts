import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SUPERVISION_SETTINGS,
  SupervisionSettingsSchema,
  type AlertRulesSettings,
} from '@sunlight/domain/schemas/supervision-settings';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../tests/helpers/databases';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { computeAlerts, episodes, isWorkingTime, type Alert, type AlertRule } from './alerts';
import { cst, enterpriseCode, insertInspection, loadSupervisionFixture } from '../../../tests/fixtures/supervision';
import { makePeriod } from './period';
import { createWorkingCalendar } from '@sunlight/domain/working-days';
import { offHoursLabel } from './alerts/rules/offHours';

const DAY = 86_400_000;
const rules = DEFAULT_SUPERVISION_SETTINGS.alerts;

describe('episodes', () => {
  const t = (xs: number[]) => xs.map((d) => ({ d }));
  const eps = (xs: number[], max: number, within = 30) =>
    episodes(
      t(xs),
      (x) => x.d * DAY,
      within * DAY,
      (s) => s.length > max,
    ).map((e) => e.map((x) => x.d));
  it('finds windows with more than N items and merges overlapping ones', () => {
    expect(eps([1, 40, 80], 2)).toEqual([]);
    expect(eps([1, 10, 20], 2)).toEqual([[1, 10, 20]]);
    expect(eps([1, 10, 30], 2)).toEqual([[1, 10, 30]]); // 1 → 30 is 29 days: three in one window
    expect(eps([1, 10, 31], 2)).toEqual([]); // the window is [d, d + 30)
    expect(eps([1, 10, 20, 35, 45], 2)).toEqual([[1, 10, 20, 35, 45]]);
    expect(eps([1, 5, 9, 100, 104, 108], 2)).toEqual([
      [1, 5, 9],
      [100, 104, 108],
    ]);
  });
});

describe('working time', () => {
  const s = SupervisionSettingsSchema.parse({}).alerts.offHours;
  const national = createWorkingCalendar();
  it('is weekdays 08:30–18:00 China time, except holidays, plus 调休 Saturdays (2026 national calendar)', () => {
    expect(isWorkingTime(cst('2026-03-02T08:30:00'), s)).toBe(true); // Monday
    expect(isWorkingTime(cst('2026-03-02T08:29:00'), s)).toBe(false);
    expect(isWorkingTime(cst('2026-03-02T17:59:00'), s)).toBe(true);
    expect(isWorkingTime(cst('2026-03-02T18:00:00'), s)).toBe(false);
    expect(isWorkingTime(cst('2026-03-07T10:00:00'), s)).toBe(false); // Saturday
    expect(isWorkingTime(cst('2026-10-01T10:00:00'), s)).toBe(false); // holiday (Thursday)
    expect(isWorkingTime(cst('2026-10-10T10:00:00'), s)).toBe(true); // 调休 Saturday
    expect(isWorkingTime(cst('2026-02-14T10:00:00'), s, national)).toBe(true); // 春节调休 Saturday
    expect(isWorkingTime(cst('2026-09-20T09:00:00'), s, national)).toBe(true); // 国庆调休 Sunday
    expect(isWorkingTime(cst('2026-02-19T10:00:00'), s, national)).toBe(false); // 春节 Thursday
    expect(isWorkingTime(cst('2026-06-19T10:00:00'), s, national)).toBe(false); // 端午 Friday
    expect(isWorkingTime(cst('2026-09-25T10:00:00'), s, national)).toBe(false); // 中秋 Friday
    expect(isWorkingTime(cst('2026-04-06T10:00:00'), s, national)).toBe(false); // 清明 Monday
    // weekends may be declared working days; holidays stay off
    const weekendsWork = { ...s, weekends: false };
    expect(isWorkingTime(cst('2026-03-07T10:00:00'), weekendsWork, national)).toBe(true);
    expect(isWorkingTime(cst('2026-10-01T10:00:00'), weekendsWork, national)).toBe(false);
  });

  it('names the day in alert texts: 周六 12:55, 国庆节 10:02, 周三 21:40', () => {
    expect(offHoursLabel(cst('2026-03-07T12:55:00'), national)).toBe('周六 12:55');
    expect(offHoursLabel(cst('2026-10-01T10:02:00'), national)).toBe('国庆节 10:02');
    expect(offHoursLabel(cst('2026-03-04T21:40:00'), national)).toBe('周三 21:40');
    // China time decides the day: 00:10 on 国庆 is still 9月30日 in UTC
    expect(offHoursLabel(cst('2026-10-01T00:10:00'), national)).toBe('国庆节 00:10');
  });

  it('2027: weekends only until the calendar knows the year; calendar.json adds its holidays and 调休 days', () => {
    expect(isWorkingTime(cst('2027-10-01T10:00:00'), s, national)).toBe(true); // a Friday, not yet known as 国庆
    expect(isWorkingTime(cst('2027-10-02T10:00:00'), s, national)).toBe(false); // Saturday
    const with2027 = createWorkingCalendar({
      holidays: [{ date: '2027-10-01', name: '国庆节' }],
      workdays: [{ date: '2027-10-09', name: '国庆节' }],
    });
    expect(isWorkingTime(cst('2027-10-01T10:00:00'), s, with2027)).toBe(false);
    expect(offHoursLabel(cst('2027-10-01T10:02:00'), with2027)).toBe('国庆节 10:02');
    expect(isWorkingTime(cst('2027-10-09T10:00:00'), s, with2027)).toBe(true); // 调休 Saturday
    expect(isWorkingTime(cst('2027-10-16T10:00:00'), s, with2027)).toBe(false); // an ordinary Saturday
  });
});

describe.each(databaseKinds())('alert rules on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let next = 1;
  /** Each test gets enterprises of its own. */
  const fresh = () => enterpriseCode(next++);
  const period = makePeriod('2026-01-01', '2026-06-30');
  const NOW = cst('2026-07-01T12:00:00');

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await tdb.open();
    await migrate(db);
    await loadSupervisionFixture(db, 200);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  const alerts = async (over: Partial<AlertRulesSettings> = {}, rule?: AlertRule) => {
    const all = await computeAlerts(db, period, { ...rules, ...over }, NOW);
    return rule ? all.filter((a) => a.rule === rule) : all;
  };
  const about = (list: Alert[], enterprise: string) => list.filter((a) => a.enterpriseCreditCode === enterprise);
  const visit = (
    agency: 'market' | 'ecology' | 'safety' | 'fire' | 'urban' | 'qingshi',
    enterprise: string,
    date: string,
    extra = {},
  ) => insertInspection(db, { agency, enterprise, start: cst(date), checkin: true, ...extra });

  it('cap: fires when one agency inspects one enterprise in its field more often than its published cap', async () => {
    const e = fresh();
    const quiet = fresh();
    const ids = [];
    for (const d of ['2026-01-12', '2026-02-16', '2026-03-16', '2026-04-13', '2026-05-18'])
      ids.push(await visit('market', e, d));
    for (const d of ['2026-01-12', '2026-02-16', '2026-03-16', '2026-04-13']) await visit('market', quiet, d);
    // cancelled inspections do not count
    await visit('market', quiet, '2026-05-18', { status: 'cancelled' });
    const list = await alerts({}, 'cap');
    const [a] = about(list, e);
    expect(a).toMatchObject({ rule: 'cap', severity: 'high', agencyIds: ['market'] });
    expect(a!.records.map((r) => (r.type === 'inspection' ? r.inspectionId : ''))).toEqual(
      ids.map((x) => x.inspectionId),
    );
    expect(a!.records[4]).toMatchObject({ note: '第5次，超出上限' });
    expect(a!.threshold).toContain('4 次');
    expect(about(list, quiet)).toEqual([]);
  });

  it('cap: an over-cap inspection with a 投诉举报 reason is still shown, at medium severity', async () => {
    const e = fresh();
    for (const d of ['2026-01-12', '2026-02-16', '2026-03-16', '2026-04-13']) await visit('ecology', e, d);
    await visit('ecology', e, '2026-05-18', { source: '投诉举报', flagged: true, reason: '群众投诉' });
    const [a] = about(await alerts({}, 'cap'), e);
    expect(a).toMatchObject({ severity: 'medium' });
    expect(a!.records[4]).toMatchObject({ flagged: true, reason: '群众投诉', note: '第5次，超出上限（已说明理由）' });
  });

  it('frequent: fires on more than 2 visits by one agency within 30 days, not on visits spread out', async () => {
    const e = fresh();
    const spread = fresh();
    for (const d of ['2026-03-02', '2026-03-10', '2026-03-25']) await visit('fire', e, d);
    for (const d of ['2026-03-02', '2026-03-20', '2026-04-06']) await visit('fire', spread, d); // 35 days
    for (const d of ['2026-03-02', '2026-03-10']) await visit('urban', spread, d); // another agency: not "repeat"
    const list = await alerts({}, 'frequent');
    expect(about(list, e)).toHaveLength(1);
    expect(about(list, e)[0]!.records).toHaveLength(3);
    expect(about(list, spread)).toEqual([]);
    // the threshold is configuration
    const stricter = await alerts({ frequent: { enabled: true, maxInspections: 1, withinDays: 30 } }, 'frequent');
    expect(about(stricter, spread).length).toBeGreaterThan(0);
    expect(about(await alerts({ frequent: { ...rules.frequent, enabled: false } }, 'frequent'), e)).toEqual([]);
  });

  it('multiAgency: fires on more than 3 inspections by at least 2 agencies within 30 days and suggests a joint inspection', async () => {
    const e = fresh();
    const three = fresh();
    const oneAgency = fresh();
    await visit('market', e, '2026-05-04');
    await visit('ecology', e, '2026-05-08');
    await visit('fire', e, '2026-05-14');
    await visit('safety', e, '2026-05-20');
    for (const [a, d] of [
      ['market', '2026-05-04'],
      ['ecology', '2026-05-08'],
      ['fire', '2026-05-14'],
    ] as const)
      await visit(a, three, d);
    await visit('safety', three, '2026-06-15'); // fourth, but 42 days after the first
    for (const d of ['2026-05-04', '2026-05-08', '2026-05-14', '2026-05-20']) await visit('urban', oneAgency, d);
    const list = await alerts({}, 'multiAgency');
    const [a] = about(list, e);
    expect(a!.agencyIds.sort()).toEqual(['ecology', 'fire', 'market', 'safety']);
    expect(a!.suggestion).toContain('联合检查');
    expect(a!.records).toHaveLength(4);
    expect(about(list, three)).toEqual([]);
    expect(about(list, oneAgency)).toEqual([]);
  });

  it('noCheckin: fires when the window ended more than the grace period ago without a check-in', async () => {
    const e = fresh();
    const done = fresh();
    const recent = fresh();
    const cancelled = fresh();
    const missed = await visit('qingshi', e, '2026-04-07', { checkin: false, status: 'in_progress' });
    await visit('qingshi', done, '2026-04-07'); // checked in
    await visit('qingshi', recent, '2026-06-30T14:00:00', { checkin: false, status: 'in_progress', hours: 4 }); // ended 6 h before NOW
    await visit('qingshi', cancelled, '2026-04-07', { checkin: false, status: 'cancelled' });
    const list = await alerts({}, 'noCheckin');
    const [a] = about(list, e);
    expect(a!.records).toEqual([expect.objectContaining({ inspectionId: missed.inspectionId, checkedIn: false })]);
    expect(about(list, done)).toEqual([]);
    expect(about(list, recent)).toEqual([]);
    expect(about(list, cancelled)).toEqual([]);
    const shorter = await alerts({ noCheckin: { enabled: true, graceHours: 1 } }, 'noCheckin');
    expect(about(shorter, recent)).toHaveLength(1);
  });

  it('misconduct: fires on 未亮证, 索拿卡要, 随意检查, 重复检查 and on a check-in without credentials; quiet otherwise', async () => {
    const cases = [
      ['no_credentials', 'medium'],
      ['solicitation', 'high'],
      ['arbitrary', 'medium'],
      ['repeated', 'medium'],
    ] as const;
    const fired: string[] = [];
    for (const [problem, severity] of cases) {
      const e = fresh();
      const x = await visit('market', e, '2026-02-03', {
        evaluation: { ratings: { overall: 2 }, problems: [problem], comment: `测试意见：${problem}` },
      });
      fired.push(x.certificateNo!);
      const [a] = about(await alerts({}, 'misconduct'), e);
      expect(a).toMatchObject({ severity });
      expect(a!.records[0]).toMatchObject({ type: 'evaluation', problems: [problem], comment: `测试意见：${problem}` });
      expect(a!.records.some((r) => r.type === 'inspection')).toBe(true);
    }
    const hidden = fresh();
    await visit('ecology', hidden, '2026-02-03', { checkin: { credentialsShown: false } });
    const quiet = fresh();
    await visit('ecology', quiet, '2026-02-03', {
      evaluation: { ratings: { courtesy: 2 }, problems: ['attitude', 'other'], comment: '态度不好' },
    });
    const list = await alerts({}, 'misconduct');
    expect(about(list, hidden)[0]!.records).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'checkin', credentialsShown: false })]),
    );
    expect(about(list, quiet)).toEqual([]);
    // 态度问题 alerts once it is configured
    const wider = await alerts(
      { misconduct: { ...rules.misconduct, problems: [...rules.misconduct.problems, 'attitude'] } },
      'misconduct',
    );
    expect(about(wider, quiet)).toHaveLength(1);
    const noCheckins = await alerts({ misconduct: { ...rules.misconduct, credentialsNotShown: false } }, 'misconduct');
    expect(about(noCheckins, hidden)).toEqual([]);
  });

  it('lowRating: fires for an agency averaging below 3.5 over at least 5 evaluations, and names the previous period', async () => {
    // 区城管执法局: five evaluations averaging 2.6; earlier (previous period) they averaged 5.
    for (let i = 0; i < 5; i++) {
      await visit('urban', fresh(), '2025-09-01', { evaluation: { at: cst('2025-09-02T10:00:00') } });
      await visit('urban', fresh(), '2026-02-02', { evaluation: { ratings: { overall: i === 0 ? 4 : 2 + (i % 2) } } });
    }
    // 青石街道: four poor evaluations only — below the minimum
    for (let i = 0; i < 4; i++)
      await visit('qingshi', fresh(), '2026-02-02', { evaluation: { ratings: { overall: 1 } } });
    const list = await alerts({}, 'lowRating');
    const urban = list.filter((a) => a.agencyIds[0] === 'urban');
    expect(urban).toHaveLength(1);
    expect(urban[0]!.detail).toMatch(/总体满意平均2\.\d\d分（上一期5\.00分）/);
    expect(urban[0]!.records.filter((r) => r.type === 'evaluation')).toHaveLength(5);
    expect(list.filter((a) => a.agencyIds[0] === 'qingshi')).toEqual([]);
    const fewer = await alerts({ lowRating: { ...rules.lowRating, minEvaluations: 4 } }, 'lowRating');
    expect(fewer.filter((a) => a.agencyIds[0] === 'qingshi')).toHaveLength(1);
    const lenient = await alerts({ lowRating: { ...rules.lowRating, threshold: 2 } }, 'lowRating');
    expect(lenient.filter((a) => a.agencyIds[0] === 'urban')).toEqual([]);
  });

  it('offHours: fires on certificates issued at night, on weekends and holidays; quiet in working hours', async () => {
    const issue = (approver: string, iso: string) =>
      visit('safety', fresh(), '2026-03-20', { approver, issuedAt: cst(iso) });
    await issue('夜审批', '2026-03-16T22:15:00');
    await issue('夜审批', '2026-03-16T23:05:00');
    await issue('周末审批', '2026-03-14T12:55:00'); // Saturday
    await issue('调休审批', '2026-02-14T10:00:00'); // 春节调休 Saturday: a working day
    await issue('假期审批', '2026-05-01T10:02:00'); // 劳动节, a Friday
    await issue('日审批', '2026-03-16T10:00:00');
    await issue('日审批', '2026-03-17T17:59:00');
    const list = await alerts({}, 'offHours');
    const night = list.filter((a) => a.title.includes('夜审批'));
    expect(night).toHaveLength(1);
    expect(night[0]!.records).toHaveLength(2);
    const weekend = list.filter((a) => a.title.includes('周末审批'));
    expect(weekend).toHaveLength(1);
    expect(weekend[0]!.title).toContain('周六 12:55');
    expect(weekend[0]!.detail).toContain('周六（休息日）');
    const holiday = list.filter((a) => a.title.includes('假期审批'));
    expect(holiday).toHaveLength(1);
    expect(holiday[0]!.detail).toContain('劳动节 10:02');
    expect(holiday[0]!.detail).toContain('劳动节放假期间');
    expect(list.filter((a) => a.title.includes('调休审批'))).toEqual([]);
    expect(list.filter((a) => a.title.includes('日审批'))).toEqual([]);
    const weekendsOk = await alerts({ offHours: { ...rules.offHours, weekends: false } }, 'offHours');
    expect(weekendsOk.filter((a) => a.title.includes('周末审批'))).toEqual([]);
  });

  it('bulk: fires when one approver signs more than 10 certificates within an hour; quiet when spread out', async () => {
    for (let i = 0; i < 11; i++) {
      await visit('fire', fresh(), '2026-06-10', {
        approver: '批量甲',
        issuedAt: cst(`2026-06-08T09:${String(i * 5).padStart(2, '0')}:00`),
      });
      await visit('fire', fresh(), '2026-06-10', {
        approver: '分散乙',
        issuedAt: cst(`2026-06-08T${String(9 + (i % 8)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00`),
      });
    }
    const list = await alerts({}, 'bulk');
    const a = list.filter((x) => x.title.includes('批量甲'));
    expect(a).toHaveLength(1);
    expect(a[0]!.records).toHaveLength(11);
    expect(list.filter((x) => x.title.includes('分散乙'))).toEqual([]);
  });

  it('every alert has a stable key and the same result on recomputation', async () => {
    const one = await alerts();
    const two = await alerts();
    expect(two.map((a) => a.key)).toEqual(one.map((a) => a.key));
    expect(new Set(one.map((a) => a.key)).size).toBe(one.length);
    for (const a of one) {
      expect(a.key).toMatch(/^[a-zA-Z]+-[0-9a-f]{16}$/);
      expect(a.records.length).toBeGreaterThan(0);
    }
  });
});
