/**
 * 事中登记 and 事后评价 of the sample (feedback.ndjson): what the inspected businesses said, as the sample
 * business identity of each inspected enterprise. Agencies differ on purpose — a few are noticeably better or
 * worse (ratings, problems reported, officers showing their credentials, how often businesses bother) — so
 * the supervision overview, the assessment and the public satisfaction figures have something to tell apart.
 * Everything happens before the reference date, inside the periods the portal accepts (check-ins during the
 * window, evaluations from the window's start until 30 days after its end); only started, not cancelled tasks.
 */
import { createHash } from 'node:crypto';
import { chinaInstant, chinaIso, DAY_MS } from '@sunlight/domain/china-time';
import type { Certificate } from '@sunlight/domain/schemas/certificate';
import type { EvaluationProblem, RatingDimension } from '@sunlight/domain/schemas/evaluation';
import type { Inspection } from '@sunlight/domain/schemas/inspection';
import { SAMPLE_SUBJECT_PREFIX, type SampleFeedback } from '@sunlight/domain/schemas/sample-feedback';
import { addDays, isoDate, pad, type Random } from './random.ts';
import type { PlantedVisits } from './inspections.ts';
import type { Reference } from './reference.ts';

/** How an agency's inspections go down with the businesses it inspects. */
interface Conduct {
  /** Mean rating before per-evaluation noise. */
  mean: number;
  checkIn: number;
  evaluate: number;
  credentialsShown: number;
  /** Chance that an evaluation reports a problem. */
  problem: number;
}

const CONDUCT: Record<'good' | 'usual' | 'poor', Conduct> = {
  good: { mean: 4.7, checkIn: 0.9, evaluate: 0.8, credentialsShown: 0.99, problem: 0.02 },
  usual: { mean: 4.2, checkIn: 0.75, evaluate: 0.65, credentialsShown: 0.96, problem: 0.08 },
  poor: { mean: 3.1, checkIn: 0.55, evaluate: 0.6, credentialsShown: 0.85, problem: 0.35 },
};

const PRAISE = [
  '检查人员主动亮证，讲解清楚，指出的问题很有帮助。',
  '检查规范，没有影响正常营业。',
  '整改要求讲得明白，还留了联系方式方便咨询。',
  '提前告知了检查事项，配合起来很顺利。',
  '态度很好，耐心解答了我们关于台账的问题。',
  '检查效率高，半小时就结束了。',
];
const NEUTRAL = ['总体还可以，希望整改期限能宽一些。', '检查要求较多，希望能提前发一份自查清单。', '流程正常。'];
const CRITICAL: Record<EvaluationProblem, readonly string[]> = {
  attitude: ['态度生硬，不听我们解释。', '检查人员说话很冲，态度生硬。'],
  repeated: ['同一个月内已经被检查过两次，重复检查，影响正常经营。', '上周刚查过同样的内容，这次又来，属于重复检查。'],
  arbitrary: ['没有说明检查依据和事项，随意翻看与检查无关的资料。'],
  no_credentials: ['进门时没有出示执法证，也没有让我们扫码核验。'],
  multi_agency: ['一周内来了三个部门查差不多的内容，能不能联合检查一次。'],
  solicitation: ['检查人员暗示要购买指定的灭火器才能通过检查。'],
  other: ['检查时间安排在营业高峰，影响了顾客。'],
};
/** Problems a dissatisfied business reports, most often first (solicitation stays rare). */
const PROBLEM_WEIGHTS: readonly (readonly [EvaluationProblem, number])[] = [
  ['attitude', 30],
  ['repeated', 25],
  ['arbitrary', 14],
  ['other', 12],
  ['multi_agency', 10],
  ['no_credentials', 6],
  ['solicitation', 1],
];
const DIMENSIONS: readonly RatingDimension[] = ['lawfulness', 'courtesy', 'integrity', 'efficiency', 'overall'];

/** A stable UUID (version 4 layout) for a sample submission's client id. */
export function sampleUuid(seed: string, key: string): string {
  const h = createHash('sha256').update(`${seed}/client/${key}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const DAY = DAY_MS;
/** Instant of `d` (a UTC midnight standing for a China date) at hour:minute China time. */
const chinaAt = (d: Date, hour: number, minute: number) =>
  chinaInstant(isoDate(d), `${pad(hour, 2)}:${pad(minute, 2)}`);
const clamp = (n: number) => Math.max(1, Math.min(5, n));

export function buildFeedback(
  rng: Random,
  ref: Reference,
  inspections: readonly Inspection[],
  certificates: readonly Certificate[],
  planted: PlantedVisits,
): SampleFeedback[] {
  // Each agency's conduct, fixed by its id: about one in five noticeably better, one in five worse.
  const conduct = new Map<string, Conduct>();
  for (const a of ref.agencies) {
    const r = rng.fork(`conduct/${a.id}`);
    conduct.set(
      a.id,
      CONDUCT[
        r.weighted([
          ['good', 22],
          ['usual', 58],
          ['poor', 20],
        ] as const)
      ],
    );
  }
  const certByInspection = new Map(certificates.map((c) => [c.inspectionId, c]));
  const byId = new Map(inspections.map((i) => [i.id, i]));
  /** What a hot enterprise complains of at a planted visit: the visits before it (planted.ts). */
  const complaint = (inspection: Inspection): EvaluationProblem | undefined => {
    const k = planted.hotVisits.indexOf(inspection.id);
    if (k < 0) return undefined;
    const before = planted.hotVisits
      .slice(0, k)
      .map((id) => byId.get(id)!)
      .filter((x) => x.enterpriseCreditCode === inspection.enterpriseCreditCode);
    if (before.some((x) => x.agencyId === inspection.agencyId)) return 'repeated';
    return before.length > 0 ? 'multi_agency' : undefined;
  };
  // The repeat agency's second visit to the first hot enterprise: it tries to rate its own inspection with
  // the certificate's QR token (冒用企业名义) before the business does.
  const impostorTarget = planted.hotVisits.find(
    (id, k) => k > 0 && byId.get(id)?.agencyId === planted.repeatAgency && complaint(byId.get(id)!) === 'repeated',
  );
  const today = ref.referenceDate.getTime(); // China midnight of the reference date is 8 h earlier; stay a day clear
  const lastMoment = today - DAY;
  const out: SampleFeedback[] = [];
  for (const inspection of inspections) {
    const cert = certByInspection.get(inspection.id);
    if (!cert || cert.status === 'revoked' || inspection.status === 'cancelled') continue;
    const from = Date.parse(cert.validFrom);
    const until = Date.parse(cert.validUntil);
    if (from >= lastMoment) continue;
    const hot = planted.hotVisits.includes(inspection.id);
    const c = conduct.get(inspection.agencyId) ?? CONDUCT.usual;
    const r = rng.fork(`feedback/${inspection.id}`);
    const startDay = new Date(`${cert.validFrom.slice(0, 10)}T00:00:00Z`);
    const windowDays = Math.floor((until - from) / DAY);
    // The visit: on one of the first days of the window, in working hours.
    const visit = chinaAt(addDays(startDay, r.int(0, Math.min(windowDays, 3))), r.int(9, 16), r.int(0, 59));
    const record: SampleFeedback = {
      id: `fb-${inspection.id}`,
      inspectionId: inspection.id,
      subjectId: `${SAMPLE_SUBJECT_PREFIX}${inspection.enterpriseCreditCode}`,
    };
    const visitAt = Math.min(visit.getTime() + r.int(0, 20) * 60_000, until - 3_600_000);
    let shown = true;
    if ((hot || r.chance(c.checkIn)) && visitAt < lastMoment && visitAt >= from) {
      shown = hot || r.chance(c.credentialsShown);
      record.checkIn = {
        clientId: sampleUuid(ref.seed, `checkin/${inspection.id}`),
        at: chinaIso(new Date(visitAt)),
        credentialsShown: shown,
      };
    }
    if (inspection.id === impostorTarget) {
      record.impostor = { action: 'evaluation', at: chinaIso(new Date(Math.max(visitAt, from) + 2 * 3_600_000)) };
    }
    if (inspection.status === 'completed' && (hot || r.chance(c.evaluate))) {
      // Rated the same evening or within a few days of the visit; never after the evaluation period.
      const day = addDays(new Date(`${chinaIso(new Date(visitAt)).slice(0, 10)}T00:00:00Z`), r.int(0, 6));
      let at = chinaAt(day, r.int(12, 21), r.int(0, 59)).getTime();
      at = Math.max(at, visitAt + 30 * 60_000);
      at = Math.min(at, until + 20 * DAY);
      if (at < lastMoment) {
        const problems = new Set<EvaluationProblem>();
        if (!shown) problems.add('no_credentials');
        const complained = complaint(inspection);
        if (complained) problems.add(complained);
        else if (r.chance(c.problem) && !hot) problems.add(r.weighted(PROBLEM_WEIGHTS));
        if (problems.size > 0 && !hot && r.chance(0.2)) problems.add(r.weighted(PROBLEM_WEIGHTS));
        // A reported problem pulls the ratings down; a good agency's evaluations cluster at 5.
        const mean = c.mean - problems.size * 1.1;
        const ratings = Object.fromEntries(
          DIMENSIONS.map((d) => [d, clamp(Math.round(mean + (r.float() + r.float() - 1) * 1.2))]),
        ) as Record<RatingDimension, number>;
        const list = [...problems].sort();
        let comment: string | undefined;
        if (list.length > 0) comment = r.pick(CRITICAL[list[0]!]);
        else if (r.chance(0.35)) comment = ratings.overall >= 4 ? r.pick(PRAISE) : r.pick(NEUTRAL);
        record.evaluation = {
          clientId: sampleUuid(ref.seed, `evaluation/${inspection.id}`),
          at: chinaIso(new Date(at)),
          ratings,
          problems: list,
          ...(comment ? { comment } : {}),
        };
      }
    }
    if (record.checkIn || record.evaluation || record.impostor) out.push(record);
  }
  return out;
}
