import type { Db } from '../db/types';
import type { AlertRule } from './alerts';
import { AGENCIES, enterpriseCode, insertInspection, loadSupervisionFixture, type AgencyId } from './fixture';
import { mulberry32 } from '@sunlight/domain/mulberry32';
import { chinaDate, chinaInstant, chinaWeekday } from '@sunlight/domain/china-time';

/**
 * A generated half-year of inspections (seeded, reproducible) in which every kind of abuse the alerts
 * look for is planted on purpose — repeat inspections (the 326-inspections gas company, scaled down),
 * 多头检查, reported misconduct, inspections nobody checked in, an agency rated poorly, certificates
 * signed at night and in bulk — among ordinary inspections built to stay under every threshold.
 * `plantAbuse` returns what was planted, so a test can check the alerts find each case and nothing else.
 */

export interface PlantedCase {
  /** What a supervisor should find. */
  description: string;
  rule: AlertRule;
  agencyIds: AgencyId[];
  enterpriseCreditCode?: string;
  /** Inspections or certificates that must be among the alert's records. */
  inspectionIds: string[];
  certificateNos: string[];
}

export interface PlantedSet {
  /** The period to compute alerts for. */
  from: string;
  to: string;
  now: Date;
  background: number;
  planted: PlantedCase[];
}

/** A seeded generator, enough for reproducible test data. */
function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

const DAY = 86_400_000;
const at = (date: string, hhmm = '09:00') => chinaInstant(date, hhmm);

/** A weekday at or after the given time (China). */
function weekday(t: number): string {
  for (;;) {
    const wd = chinaWeekday(t);
    if (wd !== 0 && wd !== 6) return chinaDate(t);
    t += DAY;
  }
}

export async function plantAbuse(db: Db, seed = 20260630): Promise<PlantedSet> {
  const r = rng(seed);
  const ENTERPRISES = 400;
  await loadSupervisionFixture(db, ENTERPRISES);
  const from = '2026-01-01';
  const to = '2026-06-30';
  const now = at('2026-07-01', '12:00');
  const start = at(from).getTime();

  // ---- Background: enterprises 1–300, each inspected at most twice, at least 60 days apart, by
  // agencies that never crowd (so no threshold is reached), every visit checked in and rated well.
  let background = 0;
  const quietAgencies = AGENCIES.map((a) => a.id).filter((id) => id !== 'urban');
  const approvers = ['赵审批', '钱审批', '孙审批', '李审批', '周审批', '吴审批'];
  for (let e = 1; e <= 300; e++) {
    const visits = r.int(0, 2);
    let t = start + r.int(0, 40) * DAY;
    for (let v = 0; v < visits; v++) {
      const day = weekday(t);
      const agency = r.pick(quietAgencies);
      const good = () => r.int(4, 5);
      await insertInspection(db, {
        agency,
        enterprise: enterpriseCode(e),
        start: at(day, '09:00'),
        hours: 8,
        approver: r.pick(approvers),
        issuedAt: at(
          weekday(at(day).getTime() - 3 * DAY),
          `${10 + r.int(0, 6)}:${String(r.int(0, 59)).padStart(2, '0')}`,
        ),
        checkin: true,
        ...(r.next() < 0.7
          ? {
              evaluation: {
                ratings: {
                  lawfulness: good(),
                  courtesy: good(),
                  integrity: good(),
                  efficiency: good(),
                  overall: good(),
                },
                // Problems nobody is alerted on by default (态度问题, 其他) still occur in ordinary data.
                problems: r.next() < 0.1 ? [r.pick(['attitude', 'other'] as const)] : [],
                ...(r.next() < 0.2 ? { comment: '检查人员讲解清楚，效率较高。' } : {}),
              },
            }
          : {}),
      });
      background++;
      t += r.int(60, 80) * DAY;
    }
  }

  const planted: PlantedCase[] = [];
  const ids = async (list: Promise<{ inspectionId: string; certificateNo: string | null }>[]) => Promise.all(list);

  // ---- 1. Repeat inspections: the gas company (enterprise 301), inspected by 区应急管理局 seven times in
  // about two months — over the annual cap of 4 and more than twice within 30 days.
  const gas = enterpriseCode(301);
  const gasVisits = await ids(
    [0, 8, 16, 24, 35, 44, 52].map((d) =>
      insertInspection(db, {
        agency: 'safety',
        enterprise: gas,
        start: at(weekday(at('2026-03-02').getTime() + d * DAY)),
        source: d > 30 ? '投诉举报' : '专项',
        ...(d > 30 ? { flagged: true, reason: '群众投诉燃气泄漏隐患' } : {}),
        approver: '钱审批',
        issuedAt: at(weekday(at('2026-03-02').getTime() + d * DAY - 2 * DAY), '11:00'),
        checkin: true,
      }),
    ),
  );
  planted.push({
    description: '燃气公司被区应急管理局一年内检查7次，超出年度上限4次',
    rule: 'cap',
    agencyIds: ['safety'],
    enterpriseCreditCode: gas,
    inspectionIds: gasVisits.map((x) => x.inspectionId),
    certificateNos: [],
  });
  planted.push({
    description: '燃气公司在30天内被同一机关反复检查',
    rule: 'frequent',
    agencyIds: ['safety'],
    enterpriseCreditCode: gas,
    inspectionIds: gasVisits.slice(0, 4).map((x) => x.inspectionId),
    certificateNos: [],
  });

  // ---- 2. Repeat inspections below the cap: enterprise 302, three 区市场监管局 visits in ten days.
  const repeat = enterpriseCode(302);
  const repeatVisits = await ids(
    ['2026-04-06', '2026-04-09', '2026-04-15'].map((d) =>
      insertInspection(db, { agency: 'market', enterprise: repeat, start: at(d), approver: '孙审批', checkin: true }),
    ),
  );
  planted.push({
    description: '同一企业10天内被区市场监管局检查3次（未超年度上限）',
    rule: 'frequent',
    agencyIds: ['market'],
    enterpriseCreditCode: repeat,
    inspectionIds: repeatVisits.map((x) => x.inspectionId),
    certificateNos: [],
  });

  // ---- 3. 多头检查: enterprise 303, five inspections by four agencies within three weeks.
  const multi = enterpriseCode(303);
  const multiVisits = await ids(
    (
      [
        ['market', '2026-05-11'],
        ['ecology', '2026-05-14'],
        ['fire', '2026-05-19'],
        ['safety', '2026-05-25'],
        ['ecology', '2026-05-29'],
      ] as const
    ).map(([agency, d]) => insertInspection(db, { agency, enterprise: multi, start: at(d), checkin: true })),
  );
  planted.push({
    description: '同一企业三周内被4个机关检查5次，应组织联合检查',
    rule: 'multiAgency',
    agencyIds: ['market', 'ecology', 'fire', 'safety'],
    enterpriseCreditCode: multi,
    inspectionIds: multiVisits.map((x) => x.inspectionId),
    certificateNos: [],
  });

  // ---- 4. Reported misconduct: 索拿卡要, 未亮证, 随意检查 in evaluations; a check-in without credentials.
  const misconduct: [AgencyId, number, string, ('solicitation' | 'no_credentials' | 'arbitrary')[], string][] = [
    ['fire', 304, '2026-02-10', ['solicitation'], '检查人员暗示购买指定厂家的灭火器。'],
    ['market', 305, '2026-03-17', ['no_credentials'], '未出示执法证，也没有让我们扫码。'],
    ['ecology', 306, '2026-06-08', ['arbitrary'], ''],
  ];
  for (const [agency, n, d, problems, comment] of misconduct) {
    const x = await insertInspection(db, {
      agency,
      enterprise: enterpriseCode(n),
      start: at(d),
      checkin: true,
      evaluation: {
        ratings: { overall: 2, integrity: problems.includes('solicitation') ? 1 : 3 },
        problems,
        ...(comment ? { comment } : {}),
      },
    });
    planted.push({
      description: `企业反映${agency}检查中的问题：${problems.join('、')}`,
      rule: 'misconduct',
      agencyIds: [agency],
      enterpriseCreditCode: enterpriseCode(n),
      inspectionIds: [x.inspectionId],
      certificateNos: [x.certificateNo!],
    });
  }
  const hidden = await insertInspection(db, {
    agency: 'qingshi',
    enterprise: enterpriseCode(307),
    start: at('2026-04-21'),
    checkin: { credentialsShown: false },
  });
  planted.push({
    description: '企业登记时反映青石街道检查人员未出示执法证件',
    rule: 'misconduct',
    agencyIds: ['qingshi'],
    enterpriseCreditCode: enterpriseCode(307),
    inspectionIds: [hidden.inspectionId],
    certificateNos: [hidden.certificateNo!],
  });

  // ---- 5. No check-in: a 区城管执法局 inspection whose window ended in May, never registered.
  const unregistered = await insertInspection(db, {
    agency: 'urban',
    enterprise: enterpriseCode(308),
    start: at('2026-05-06'),
    status: 'in_progress',
    checkin: false,
  });
  planted.push({
    description: '检查结束后企业没有扫码登记',
    rule: 'noCheckin',
    agencyIds: ['urban'],
    enterpriseCreditCode: enterpriseCode(308),
    inspectionIds: [unregistered.inspectionId],
    certificateNos: [],
  });

  // ---- 6. Low ratings: 区城管执法局's six evaluated inspections average 2 on 总体满意.
  const urbanLow: string[] = [];
  for (let i = 0; i < 6; i++) {
    const x = await insertInspection(db, {
      agency: 'urban',
      enterprise: enterpriseCode(310 + i),
      start: at(weekday(at('2026-02-02').getTime() + i * 14 * DAY)),
      checkin: true,
      evaluation: { ratings: { overall: 2, courtesy: 2, efficiency: 3 }, problems: ['attitude'] },
    });
    urbanLow.push(x.certificateNo!);
  }
  planted.push({
    description: '区城管执法局企业评价总体满意平均分低于阈值',
    rule: 'lowRating',
    agencyIds: ['urban'],
    inspectionIds: [],
    certificateNos: urbanLow,
  });

  // ---- 7. A certificate signed at 23:40 on a weekday.
  const night = await insertInspection(db, {
    agency: 'qingshi',
    enterprise: enterpriseCode(320),
    start: at('2026-03-25'),
    approver: '王夜批',
    issuedAt: at('2026-03-23', '23:40'),
    checkin: true,
  });
  planted.push({
    description: '青石街道审批人深夜签发检查证',
    rule: 'offHours',
    agencyIds: ['qingshi'],
    inspectionIds: [],
    certificateNos: [night.certificateNo!],
  });

  // ---- 8. Bulk approval: one 区生态环境局 approver signs 12 certificates within 25 minutes.
  const bulk: string[] = [];
  for (let i = 0; i < 12; i++) {
    const x = await insertInspection(db, {
      agency: 'ecology',
      enterprise: enterpriseCode(330 + i),
      start: at(weekday(at('2026-06-01').getTime() + (i % 5) * DAY)),
      approver: '冯批量',
      issuedAt: at('2026-05-27', `14:${String(5 + i * 2).padStart(2, '0')}`),
      checkin: true,
    });
    bulk.push(x.certificateNo!);
  }
  planted.push({
    description: '区生态环境局同一审批人25分钟内签发12张检查证',
    rule: 'bulk',
    agencyIds: ['ecology'],
    inspectionIds: [],
    certificateNos: bulk,
  });

  return { from, to, now, background, planted };
}
