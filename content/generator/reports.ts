/**
 * 反映问题 of the sample (reports.ndjson): about sixty reports businesses and citizens filed in the 90 days
 * before the reference date, across the kinds and agencies (some not knowing which body came), and how far
 * the supervisors got: the newest just received, some being checked (核查中), most of the older ones
 * closed with a reply (回告), a few closed as unfounded (still counted). One agency draws several
 * 入企未亮码/未亮证 reports within a few weeks, so the `reports` alert rule has something to find; one report
 * is sent twice by the same business and joins the first one's work order.
 *
 * No reporter is anybody: there is no contact, and descriptions name places by street and trade, never a
 * person, a phone or an ID number.
 */
import { chinaInstant, chinaIso, DAY_MS } from '@sunlight/domain/china-time';
import { type ReportKind, UNKNOWN_AGENCY } from '@sunlight/domain/schemas/report';
import type { SampleReport } from '@sunlight/domain/schemas/sample-report';
import { sampleUuid } from './feedback.ts';
import { addDays, isoDate, pad, type Random } from './random.ts';
import type { Reference } from './reference.ts';

export const SAMPLE_REPORT_COUNT = 60;
/** The agency the 未亮码 cluster is about, and how many reports it gets within CLUSTER_DAYS. */
export const CLUSTER = { agencyId: 'market', reports: 4, days: 18 } as const;

const STREETS = [
  '江滨路',
  '学府路',
  '科技大道',
  '新安街',
  '长兴路',
  '滨河东路',
  '望江路',
  '云栖路',
  '临港路',
  '文昌街',
];
const TRADES = [
  '餐饮店',
  '五金店',
  '便利店',
  '汽修厂',
  '培训机构',
  '服装加工厂',
  '药店',
  '美容店',
  '物流仓库',
  '小超市',
];

const WHAT: Record<ReportKind, readonly string[]> = {
  no_code: [
    '两名检查人员进店检查，没有出示执法证，也没有电子检查证二维码，问是哪个部门的也没说清楚。',
    '来人说是例行检查，我们要求看证件和检查证，对方说不用看，直接开始翻台账。',
    '检查人员穿着便装，没有亮证，也没有让我们扫码核验，检查完就走了。',
    '三个人来查消防和卫生，只有一个人口头说了单位，没有出示任何证件和检查证。',
  ],
  repeated: [
    '同一个部门这个月已经来查过两次，检查内容一样，影响正常营业。',
    '上周刚检查过台账，今天又来查同样的事项，没有说明为什么要复查。',
  ],
  multi_agency: [
    '一周内来了三个部门，查的都是证照和台账，能不能联合检查一次。',
    '上午和下午分别来了两个单位查消防通道，问的问题基本一样。',
  ],
  arbitrary: [
    '检查人员没有说明检查依据和事项，要求查看与经营无关的员工私人物品。',
    '说是随机抽查，但没有告知抽查依据，还要求我们停业半天配合。',
  ],
  conduct: ['检查人员态度生硬，不听解释，当着顾客的面大声训斥店员。', '检查人员暗示要购买指定品牌的设备才能通过检查。'],
  other: ['检查安排在午市高峰，检查人员要求全部顾客离店，损失较大。', '检查后说会书面通知整改事项，到现在还没有收到。'],
};

const KIND_WEIGHTS: readonly (readonly [ReportKind, number])[] = [
  ['no_code', 30],
  ['repeated', 22],
  ['multi_agency', 14],
  ['arbitrary', 12],
  ['conduct', 12],
  ['other', 10],
];

const CLOSED: Record<ReportKind, { resolution: string; reply: string }> = {
  no_code: {
    resolution: '经调取检查任务和检查证签发记录，该次检查未经系统签发电子检查证，已责令该机关整改并在全区通报。',
    reply: '您反映的问题经核查属实。该机关已作出说明并整改，今后入企检查一律先签发电子检查证并亮码亮证。感谢您的监督。',
  },
  repeated: {
    resolution: '经核查，同一事项在短期内重复检查，已要求该机关将复查纳入年度检查计划并合并实施。',
    reply: '经核查，您反映的重复检查情况属实，已要求执法单位合并检查事项，避免同一事项重复入企。感谢您的监督。',
  },
  multi_agency: {
    resolution: '经核查，多个部门对同一企业的检查事项重叠，已协调相关部门改为联合检查。',
    reply: '经核查，多个部门检查事项重叠，已协调改为联合检查，今后同类事项一次查完。感谢您的监督。',
  },
  arbitrary: {
    resolution: '经核查，该次检查超出检查事项范围，已责令该机关纠正并对相关人员批评教育。',
    reply: '经核查，该次检查超出了检查事项范围，执法单位已纠正并加强人员管理。感谢您的监督。',
  },
  conduct: {
    resolution: '经核查，检查人员执法作风不规范，已约谈该机关并对相关人员批评教育。',
    reply: '您反映的执法作风问题经核查属实，已约谈执法单位并对相关人员批评教育。感谢您的监督。',
  },
  other: {
    resolution: '经核查，已要求该机关合理安排检查时间，并在检查后按时书面告知整改事项。',
    reply: '您反映的问题已转执法单位办理，执法单位已改进检查安排并补发整改告知。感谢您的监督。',
  },
};

const UNFOUNDED = {
  resolution: '经调取检查记录并核对执法记录仪视频，检查人员已出示执法证件和电子检查证，反映情况不属实。',
  reply: '经核查，您反映的检查已依法签发检查证，检查人员出示了执法证件，反映情况不属实。如有新的情况，欢迎继续反映。',
};

const at = (day: Date, hour: number, minute: number) => chinaInstant(isoDate(day), `${pad(hour, 2)}:${pad(minute, 2)}`);

export function buildReports(rng: Random, ref: Reference): SampleReport[] {
  const reference = ref.referenceDate; // UTC midnight standing for the China date
  const lastMoment = reference.getTime() - DAY_MS; // stay a day clear of the reference date
  const agencies = ref.agencies.map((a) => a.id);
  const officers = new Map<string, string[]>();
  for (const i of ref.inspectors) {
    if (i.status !== 'valid') continue;
    officers.set(i.agencyId, [...(officers.get(i.agencyId) ?? []), i.certificateNo]);
  }
  const used = new Set<string>();
  const out: SampleReport[] = [];

  const make = (n: number, r: Random, o: { kind?: ReportKind; agencyId?: string; daysAgo?: number }): SampleReport => {
    const kind = o.kind ?? r.weighted(KIND_WEIGHTS);
    const agencyId = o.agencyId ?? (r.chance(0.12) ? UNKNOWN_AGENCY : r.pick(agencies));
    const daysAgo = o.daysAgo ?? r.int(1, 90);
    const received = at(addDays(reference, -daysAgo), r.int(8, 21), r.int(0, 59));
    const occurred = new Date(
      Math.min(
        at(addDays(reference, -daysAgo - r.int(0, 3)), r.int(9, 16), r.int(0, 59)).getTime(),
        received.getTime(),
      ),
    );
    const place = `滨江新区${r.pick(STREETS)}${r.int(1, 300)}号 一家${r.pick(TRADES)}`;
    // Each report in its own words: the same words for the same body and kind would join one work order.
    let description = `${r.pick(WHAT[kind])}地点在${place.replace('滨江新区', '')}，请核实处理。`;
    while (used.has(`${kind}/${agencyId}/${description}`))
      description = description.replace(/。$/, `（检查大约持续了${r.int(10, 90)}分钟）。`);
    used.add(`${kind}/${agencyId}/${description}`);
    const staff = agencyId === UNKNOWN_AGENCY ? undefined : officers.get(agencyId);
    const report: SampleReport['report'] = {
      clientId: sampleUuid(ref.seed, `report/${n}`),
      kind,
      agencyId,
      occurredAt: chinaIso(occurred),
      place,
      description,
      // Sometimes the business noted the officer's certificate number (never a name).
      ...(kind === 'conduct' && staff?.length && r.chance(0.6) ? { officer: `执法证号 ${r.pick(staff)}` } : {}),
    };
    const record: SampleReport = { id: `rp-${pad(n, 4)}`, receivedAt: chinaIso(received), report };
    // How far the supervisors got: the older, the further.
    const stage =
      daysAgo < 4
        ? r.weighted([
            ['received', 70],
            ['verifying', 30],
          ] as const)
        : daysAgo < 20
          ? r.weighted([
              ['received', 10],
              ['verifying', 45],
              ['closed', 35],
              ['unfounded', 10],
            ] as const)
          : r.weighted([
              ['verifying', 5],
              ['closed', 78],
              ['unfounded', 17],
            ] as const);
    if (stage === 'received') return record;
    // Supervisors work office hours: checking starts within a few days, closing takes up to two weeks.
    const receivedDay = addDays(reference, -daysAgo);
    const verifying = Math.max(
      at(addDays(receivedDay, r.int(0, 3)), r.int(9, 17), r.int(0, 59)).getTime(),
      received.getTime() + 3_600_000,
    );
    if (verifying >= lastMoment) return record;
    record.verifyingAt = chinaIso(verifying);
    if (stage === 'verifying') return record;
    const closedAt = Math.min(
      at(
        addDays(new Date(Date.parse(chinaIso(verifying).slice(0, 10))), r.int(1, 12)),
        r.int(9, 17),
        r.int(0, 59),
      ).getTime(),
      lastMoment,
    );
    if (closedAt <= verifying) return record;
    const words = stage === 'unfounded' ? UNFOUNDED : CLOSED[kind];
    record.closed = { at: chinaIso(closedAt), unfounded: stage === 'unfounded', ...words };
    return record;
  };

  let n = 0;
  // The cluster: several 入企未亮码 reports against one agency within a few weeks, recently.
  const cluster = rng.fork('cluster');
  for (let k = 0; k < CLUSTER.reports; k++) {
    const daysAgo = 2 + Math.round((k * CLUSTER.days) / CLUSTER.reports) + cluster.int(0, 2);
    out.push(make(++n, cluster.fork(k), { kind: 'no_code', agencyId: CLUSTER.agencyId, daysAgo }));
  }
  const rest = rng.fork('rest');
  while (out.length < SAMPLE_REPORT_COUNT - 1) {
    const r = rest.fork(n + 1);
    out.push(make(++n, r, {}));
  }
  // One business sends the same report again the next day (a repeat: it joins the first one's work order).
  const first = out.find((x) => x.report.kind === 'repeated' && !x.closed && x.report.agencyId !== UNKNOWN_AGENCY);
  if (first) {
    const again = new Date(Date.parse(first.receivedAt) + DAY_MS);
    if (again.getTime() < lastMoment) {
      n++;
      out.push({
        id: `rp-${pad(n, 4)}`,
        receivedAt: chinaIso(again),
        report: { ...first.report, clientId: sampleUuid(ref.seed, `report/${n}`) },
      });
    }
  }
  return out.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
}
