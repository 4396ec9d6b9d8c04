import { z } from 'zod';
import { EVALUATION_PROBLEMS, RATING_DIMENSIONS } from './evaluation';
import { REPORT_KINDS } from './report';
import { req, type FieldLabels } from './common';

/**
 * Configuration of the supervision workspace (执法监督工作台), content file `supervision.json`:
 * sign-in policy, the thresholds of every alert rule (智慧预警), work-order deadlines and the weights of
 * the agency assessment (评议考核). Every field has a default, so `{}` is a valid file; a deployment
 * states its own values and the basis it relies on.
 */

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: req(`应为${what}（${min}–${max}的整数）`) })
    .int(`${what}应为整数`)
    .min(min, `${what}不小于${min}`)
    .max(max, `${what}不大于${max}`);

const num = (what: string, min: number, max: number) =>
  z
    .number({ error: req(`应为${what}（${min}–${max}）`) })
    .min(min, `${what}不小于${min}`)
    .max(max, `${what}不大于${max}`);

const enabled = () => z.boolean({ error: req('应为true或false：是否启用该预警规则') }).default(true);

/** `HH:MM` on a 24-hour clock (China time). */
const clock = () =>
  z.string({ error: req('应为时刻文本，如08:30') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为24小时制的HH:MM，如08:30');

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const SessionPolicySchema = z
  .strictObject({
    /** Signed out after this many minutes without a request. */
    idleMinutes: int('空闲超时分钟数', 5, 240).default(30),
    /** Signed out this many hours after signing in, whatever happens. */
    absoluteHours: int('会话最长小时数', 1, 24).default(8),
  })
  .default({ idleMinutes: 30, absoluteHours: 8 });

/**
 * Sign-in throttling. Nothing locks an account outright (anyone could then lock a supervisor out): after
 * `maxFailures` failed sign-ins within `windowMinutes`, each further attempt must wait, starting at
 * `firstDelaySeconds` and doubling up to `lockMinutes`. Failures are counted per client address (all
 * usernames), per account (from browsers it was never signed in with) and per trusted browser; a client
 * failing with more than `usernamesPerClient` usernames in the window waits until the window has passed.
 */
export const LockoutPolicySchema = z
  .strictObject({
    /** Failed sign-ins (per client, per account) before delays begin. */
    maxFailures: int('免延迟的失败次数', 3, 20).default(5),
    /** The longest delay, in minutes. */
    lockMinutes: int('最长等待分钟数', 1, 1440).default(15),
    /** The first delay, in seconds; each further failure doubles it. */
    firstDelaySeconds: int('首次等待秒数', 1, 3600).default(30),
    /** Failures older than this are forgotten. */
    windowMinutes: int('统计分钟数', 5, 1440).default(60),
    /** Different usernames one client may fail with in the window before it must wait. */
    usernamesPerClient: int('同一来源可尝试的用户名数', 2, 100).default(10),
  })
  .default({ maxFailures: 5, lockMinutes: 15, firstDelaySeconds: 30, windowMinutes: 60, usernamesPerClient: 10 });

export const AlertRulesSchema = z
  .strictObject({
    /** An enterprise inspected by one agency in one field more often than that agency's published annual cap. */
    cap: z.strictObject({ enabled: enabled() }).default({ enabled: true }),
    /** 重复检查: one agency inspects one enterprise more than `maxInspections` times within `withinDays` days. */
    frequent: z
      .strictObject({
        enabled: enabled(),
        maxInspections: int('同一机关检查次数上限', 1, 100).default(2),
        withinDays: int('统计天数', 1, 366).default(30),
      })
      .default({ enabled: true, maxInspections: 2, withinDays: 30 }),
    /** 多头检查: more than `maxInspections` inspections of one enterprise by at least `minAgencies` agencies within `withinDays` days. */
    multiAgency: z
      .strictObject({
        enabled: enabled(),
        maxInspections: int('检查次数上限', 1, 100).default(3),
        minAgencies: int('最少机关数', 2, 20).default(2),
        withinDays: int('统计天数', 1, 366).default(30),
      })
      .default({ enabled: true, maxInspections: 3, minAgencies: 2, withinDays: 30 }),
    /** An inspection whose window ended `graceHours` ago without a check-in (事中登记). */
    noCheckin: z
      .strictObject({ enabled: enabled(), graceHours: int('宽限小时数', 0, 720).default(24) })
      .default({ enabled: true, graceHours: 24 }),
    /**
     * 冒用企业名义: someone tried to check in or rate on a genuine certificate without proving to be the
     * inspected business (the agency holds the QR token; see README, "Evaluations belong to the business").
     */
    impersonation: z.strictObject({ enabled: enabled() }).default({ enabled: true }),
    /** An evaluation reporting one of `problems`, or a check-in saying the officers did not show credentials. */
    misconduct: z
      .strictObject({
        enabled: enabled(),
        problems: z
          .array(z.enum(EVALUATION_PROBLEMS, { error: req(`应为以下之一：${EVALUATION_PROBLEMS.join('、')}`) }))
          .min(1, '至少列出1种问题')
          .refine((xs) => new Set(xs).size === xs.length, '列表中有重复项')
          .default(['no_credentials', 'solicitation', 'arbitrary', 'repeated']),
        /** Also alert on a check-in whose enterprise says the officers showed no credentials. */
        credentialsNotShown: z.boolean({ error: req('应为true或false') }).default(true),
        /** Problems that make the alert high severity. */
        highSeverity: z
          .array(z.enum(EVALUATION_PROBLEMS, { error: req(`应为以下之一：${EVALUATION_PROBLEMS.join('、')}`) }))
          .default(['solicitation']),
      })
      .default({
        enabled: true,
        problems: ['no_credentials', 'solicitation', 'arbitrary', 'repeated'],
        credentialsNotShown: true,
        highSeverity: ['solicitation'],
      }),
    /** An agency whose average rating on a dimension is below `threshold` over at least `minEvaluations` evaluations. */
    lowRating: z
      .strictObject({
        enabled: enabled(),
        threshold: num('评分阈值', 1, 5).default(3.5),
        minEvaluations: int('最少评价数', 1, 1000).default(5),
        dimensions: z
          .array(z.enum(RATING_DIMENSIONS, { error: req(`应为以下之一：${RATING_DIMENSIONS.join('、')}`) }))
          .min(1, '至少列出1个评分维度')
          .default(['overall']),
      })
      .default({ enabled: true, threshold: 3.5, minEvaluations: 5, dimensions: ['overall'] }),
    /**
     * Certificates issued outside working hours (China time) or on a day off: weekends and statutory
     * holidays come from the working-day calendar (working-days.ts and the content's calendar.json),
     * which also knows the 调休 Saturdays and Sundays that are working days.
     */
    offHours: z
      .strictObject({
        enabled: enabled(),
        workdayStart: clock().default('08:30'),
        workdayEnd: clock().default('18:00'),
        /** Saturdays and Sundays are outside working hours (except the calendar's 调休 workdays). */
        weekends: z.boolean({ error: req('应为true或false：周末是否为非工作时间') }).default(true),
      })
      .default({
        enabled: true,
        workdayStart: '08:30',
        workdayEnd: '18:00',
        weekends: true,
      }),
    /** `minReports` or more 反映问题 of the watched kinds against one agency within `withinDays` days. */
    reports: z
      .strictObject({
        enabled: enabled(),
        kinds: z
          .array(z.enum(REPORT_KINDS, { error: req(`应为以下之一：${REPORT_KINDS.join('、')}`) }))
          .min(1, '至少列出1种反映类型')
          .refine((xs) => new Set(xs).size === xs.length, '列表中有重复项')
          .default(['no_code']),
        minReports: int('反映件数', 1, 1000).default(3),
        withinDays: int('统计天数', 1, 366).default(30),
      })
      .default({ enabled: true, kinds: ['no_code'], minReports: 3, withinDays: 30 }),
    /** One approver approving more than `maxCertificates` certificates within `withinMinutes` minutes. */
    bulk: z
      .strictObject({
        enabled: enabled(),
        maxCertificates: int('检查证数量上限', 1, 10_000).default(10),
        withinMinutes: int('统计分钟数', 1, 1440).default(60),
      })
      .default({ enabled: true, maxCertificates: 10, withinMinutes: 60 }),
  })
  .superRefine((r, ctx) => {
    if (minutesOf(r.offHours.workdayEnd) <= minutesOf(r.offHours.workdayStart)) {
      ctx.addIssue({ code: 'custom', path: ['offHours', 'workdayEnd'], message: '下班时间应晚于上班时间' });
    }
  })
  .default({
    cap: { enabled: true },
    frequent: { enabled: true, maxInspections: 2, withinDays: 30 },
    multiAgency: { enabled: true, maxInspections: 3, minAgencies: 2, withinDays: 30 },
    noCheckin: { enabled: true, graceHours: 24 },
    impersonation: { enabled: true },
    misconduct: {
      enabled: true,
      problems: ['no_credentials', 'solicitation', 'arbitrary', 'repeated'],
      credentialsNotShown: true,
      highSeverity: ['solicitation'],
    },
    lowRating: { enabled: true, threshold: 3.5, minEvaluations: 5, dimensions: ['overall'] },
    offHours: { enabled: true, workdayStart: '08:30', workdayEnd: '18:00', weekends: true },
    reports: { enabled: true, kinds: ['no_code'], minReports: 3, withinDays: 30 },
    bulk: { enabled: true, maxCertificates: 10, withinMinutes: 60 },
  });

export const ASSESSMENT_COMPONENTS = ['participation', 'evaluation', 'alerts', 'overdue', 'discretion'] as const;
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];
export const assessmentComponentLabels: Readonly<Record<AssessmentComponent, string>> = {
  participation: '扫码登记率',
  evaluation: '企业评价',
  alerts: '预警情况',
  overdue: '督办超期',
  discretion: '四张清单适用',
};

const weight = (label: string) => int(`“${label}”权重`, 0, 100);

export const AssessmentSchema = z
  .strictObject({
    /** Points of each component; they add up to 100. */
    weights: z
      .strictObject({
        participation: weight(assessmentComponentLabels.participation).default(20),
        evaluation: weight(assessmentComponentLabels.evaluation).default(30),
        alerts: weight(assessmentComponentLabels.alerts).default(25),
        overdue: weight(assessmentComponentLabels.overdue).default(15),
        discretion: weight(assessmentComponentLabels.discretion).default(10),
      })
      .refine((w) => Object.values(w).reduce((s, n) => s + n, 0) === 100, '各项权重之和应为100')
      .default({ participation: 20, evaluation: 30, alerts: 25, overdue: 15, discretion: 10 }),
    /**
     * This many alerts per 100 inspections take the whole alerts component (linear deduction): alerts
     * are weighed against the agency's volume, so a small agency does not rank first for raw counts.
     */
    alertsForZero: int('扣完“预警情况”分值的每百次检查预警数', 1, 1000).default(10),
    /** Fewer inspections than this in the period: the alerts component counts as “no data” (rate unreliable). */
    minInspectionsForAlerts: int('预警情况计分所需最少检查次数', 1, 10000).default(20),
    /** This many overdue work orders take the whole overdue component. */
    overdueForZero: int('扣完“督办超期”分值的超期工单数', 1, 1000).default(3),
    /** Share of penalty decisions applying a four-list item that earns the whole component. */
    discretionTarget: num('四张清单适用率目标', 0.01, 1).default(0.2),
    /** Fewer evaluations than this: the evaluation component counts as “no data”. */
    minEvaluations: int('计分所需最少评价数', 1, 1000).default(5),
    /**
     * An agency whose components with data carry less weight than this is listed with its score but not
     * ranked (数据不足): too little was measured to compare it with the others.
     */
    minCoveredWeight: int('参加排名所需的有数据权重', 0, 100).default(50),
  })
  .default({
    weights: { participation: 20, evaluation: 30, alerts: 25, overdue: 15, discretion: 10 },
    alertsForZero: 10,
    minInspectionsForAlerts: 20,
    overdueForZero: 3,
    discretionTarget: 0.2,
    minEvaluations: 5,
    minCoveredWeight: 50,
  });

/** Fewest evaluations behind any published satisfaction figure. Never below 5. */
export const PUBLIC_MIN_EVALUATIONS = 5;

export const SupervisionSettingsSchema = z.strictObject({
  session: SessionPolicySchema,
  lockout: LockoutPolicySchema,
  alerts: AlertRulesSchema,
  cases: z
    .strictObject({
      /** Deadline proposed for a new work order, in calendar days. */
      defaultDeadlineDays: int('默认办理期限天数', 1, 365).default(15),
    })
    .default({ defaultDeadlineDays: 15 }),
  assessment: AssessmentSchema,
  publicSummary: z
    .strictObject({
      /** An agency's satisfaction figures are published only over at least this many evaluations. */
      minEvaluations: int('公开满意度所需最少评价数', PUBLIC_MIN_EVALUATIONS, 1000).default(PUBLIC_MIN_EVALUATIONS),
    })
    .default({ minEvaluations: PUBLIC_MIN_EVALUATIONS }),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettingsSchema>;
export type AlertRulesSettings = SupervisionSettings['alerts'];
export type AssessmentSettings = SupervisionSettings['assessment'];

/** The settings used when a deployment has no supervision.json. */
export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = SupervisionSettingsSchema.parse({});

export const supervisionSettingsFieldLabels: FieldLabels<SupervisionSettings> = {
  session: '会话',
  'session.idleMinutes': '空闲超时（分钟）',
  'session.absoluteHours': '会话最长时间（小时）',
  lockout: '登录限制',
  'lockout.maxFailures': '免延迟的失败次数',
  'lockout.lockMinutes': '最长等待时间（分钟）',
  'lockout.firstDelaySeconds': '首次等待时间（秒）',
  'lockout.windowMinutes': '统计时间（分钟）',
  'lockout.usernamesPerClient': '同一来源可尝试的用户名数',
  alerts: '预警规则',
  'alerts.cap': '超出年度检查上限',
  'alerts.frequent': '重复检查',
  'alerts.frequent.maxInspections': '同一机关检查次数上限',
  'alerts.frequent.withinDays': '统计天数',
  'alerts.multiAgency': '多头检查',
  'alerts.multiAgency.maxInspections': '检查次数上限',
  'alerts.multiAgency.minAgencies': '最少机关数',
  'alerts.multiAgency.withinDays': '统计天数',
  'alerts.noCheckin': '未扫码登记',
  'alerts.noCheckin.graceHours': '宽限小时数',
  'alerts.misconduct': '企业反映问题',
  'alerts.misconduct.problems': '预警的问题类型',
  'alerts.lowRating': '评分偏低',
  'alerts.lowRating.threshold': '评分阈值',
  'alerts.lowRating.minEvaluations': '最少评价数',
  'alerts.offHours': '非工作时间签发',
  'alerts.offHours.workdayStart': '上班时间',
  'alerts.offHours.workdayEnd': '下班时间',
  'alerts.reports': '反映问题集中',
  'alerts.reports.kinds': '预警的反映类型',
  'alerts.reports.minReports': '反映件数',
  'alerts.reports.withinDays': '统计天数',
  'alerts.bulk': '集中批量签发',
  'alerts.bulk.maxCertificates': '检查证数量上限',
  'alerts.bulk.withinMinutes': '统计分钟数',
  cases: '督办工单',
  'cases.defaultDeadlineDays': '默认办理期限（天）',
  assessment: '评议考核',
  'assessment.weights': '权重',
  'assessment.alertsForZero': '扣完预警分值的每百次检查预警数',
  'assessment.minInspectionsForAlerts': '预警情况计分所需最少检查次数',
  'assessment.overdueForZero': '扣完超期分值的超期工单数',
  'assessment.discretionTarget': '四张清单适用率目标',
  'assessment.minEvaluations': '计分所需最少评价数',
  'assessment.minCoveredWeight': '参加排名所需的有数据权重',
  publicSummary: '公开满意度',
  'publicSummary.minEvaluations': '公开所需最少评价数',
};
