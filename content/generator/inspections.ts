/**
 * 检查任务 (inspections.ndjson) and their 电子检查证 (certificates.ndjson).
 * Only certified (valid) officers of the inspecting agency, only published
 * items of that agency, two or more officers per task.
 */
import type { Certificate } from '@sunlight/domain/schemas/certificate';
import { isPublicDisclosureStatus, type DisclosureRecord } from '@sunlight/domain/schemas/disclosure';
import type { Enterprise } from '@sunlight/domain/schemas/enterprise';
import type { Inspection, InspectionResultValue } from '@sunlight/domain/schemas/inspection';
import type { InspectionItem } from '@sunlight/domain/schemas/inspection-item';
import type { Inspector } from '@sunlight/domain/schemas/inspector';
import { makeCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { addWorkingDays, isWorkingDay, weekdayOf } from '@sunlight/domain/working-days';
import { personName } from './names.ts';
import { buildInspectionCaps } from './settings.ts';
import { addDays, isoDate, pad, type Random } from './random.ts';
import type { Reference } from './reference.ts';

/** Signing-key id the sample certificates name (the real key lives with the deployment, not in content/). */
export const SAMPLE_KID = 'sample-2026-01';

/**
 * The day itself if it is a Monday–Friday working day of the calendar, else the one before it. (调休
 * weekend days are left out: the seed moves sample dates by whole weeks, and a worked Saturday would
 * land on an ordinary one.)
 */
function workingDayOn(d: Date): Date {
  let day = isoDate(d);
  while (!isWorkingDay(day) || weekdayOf(day) === 0 || weekdayOf(day) === 6) day = addWorkingDays(day, -1);
  return new Date(`${day}T00:00:00Z`);
}

/** The Saturday on or before a day. */
function previousSaturday(d: Date): Date {
  return addDays(d, -((d.getUTCDay() + 1) % 7));
}

function at(d: Date, hour: number, minute = 0): string {
  return `${isoDate(d)}T${pad(hour, 2)}:${pad(minute, 2)}:00+08:00`;
}

/** 结果说明 of each result in the sample (none for most 未发现问题). */
const RESULT_NOTES: Record<InspectionResultValue, (item: string) => string> = {
  未发现问题: () => '现场检查未发现违法违规问题。',
  发现问题已责令改正: (item) => `检查发现“${item}”方面存在问题，已当场责令改正，企业已整改到位。`,
  发现问题待后续处理: (item) => `检查发现“${item}”方面涉嫌违法，已依法立案调查，处理结果另行公示。`,
  未发现开展本次抽查涉及的经营活动: () => '现场核查时，该企业未开展本次抽查涉及的经营活动。',
  '通过登记的住所（经营场所）无法联系': () => '按登记的住所（经营场所）实地核查，无法联系到该企业。',
  不配合检查情节严重: () => '该企业拒不配合检查，情节严重，已依法处理。',
};

/** A completed task's result: the national vocabulary, the items actually inspected, the day it was done. */
function completeInspection(
  r: Random,
  inspection: Inspection,
  items: readonly InspectionItem[],
  windowStartDay: Date,
  endDate: Date,
  reference: Date,
): void {
  const result = r.weighted([
    ['未发现问题', 70],
    ['发现问题已责令改正', 20],
    ['发现问题待后续处理', 6],
    ['未发现开展本次抽查涉及的经营活动', 2],
    ['通过登记的住所（经营场所）无法联系', 1.5],
    ['不配合检查情节严重', 0.5],
  ] as const);
  const last = endDate < reference ? endDate : addDays(reference, -1);
  const span = Math.max(0, Math.round((last.getTime() - windowStartDay.getTime()) / 86_400_000));
  const inspected = items.length > 1 && r.chance(0.2) ? items.slice(0, items.length - 1) : items;
  inspection.result = result;
  inspection.completedOn = isoDate(addDays(windowStartDay, r.int(0, span)));
  inspection.inspectedItemCodes = inspected.map((x) => x.code);
  if (result !== '未发现问题' || r.chance(0.2)) inspection.resultNote = RESULT_NOTES[result](inspected[0]!.name);
}

/**
 * Some results that found a problem are followed by a penalty of the same agency: the task is pointed at
 * a sample decision's party, decided within 60 days after the inspection, and names its 决定书文号.
 */
export function linkFollowUpPenalties(
  inspections: Inspection[],
  disclosures: readonly DisclosureRecord[],
  enterprises: readonly Enterprise[],
  planted: PlantedVisits,
): number {
  const pool = new Set(enterprises.filter((e) => e.type !== '个体工商户').map((e) => e.creditCode));
  const used = new Set<string>();
  let linked = 0;
  for (const inspection of inspections) {
    if (inspection.result !== '发现问题待后续处理' || !inspection.completedOn) continue;
    // The planted visits keep their enterprise: the alerts are about who was inspected how often.
    if (planted.hotEnterprises.has(inspection.enterpriseCreditCode)) continue;
    const done = inspection.completedOn;
    const limit = isoDate(addDays(new Date(`${done}T00:00:00Z`), 60));
    const d = disclosures.find(
      (x) =>
        x.agencyId === inspection.agencyId &&
        x.partyCreditCode !== undefined &&
        pool.has(x.partyCreditCode) &&
        isPublicDisclosureStatus(x.status) &&
        x.decisionDate > done &&
        x.decisionDate <= limit &&
        !used.has(x.id),
    );
    if (!d?.partyCreditCode) continue;
    used.add(d.id);
    inspection.enterpriseCreditCode = d.partyCreditCode;
    inspection.penaltyDecisionNo = d.decisionNo;
    inspection.resultNote = `检查发现涉嫌违法，已依法立案调查并作出行政处罚（${d.decisionNo}）。`;
    linked++;
  }
  return linked;
}

/**
 * What the sample plants for the supervision workspace (issue 25): every alert rule has something true to
 * find in the three weeks before the reference date, which the seed moves to the first start's today.
 */
export interface PlantedVisits {
  /** The three "hot" enterprises: inspected 5 times each within three weeks. */
  hotEnterprises: ReadonlySet<string>;
  /** Their inspections, in visit order. */
  hotVisits: readonly string[];
  /** The agency that visits one hot enterprise three times (重复检查, over its annual cap) and the others too. */
  repeatAgency: string;
}

export interface InspectionSet {
  inspections: Inspection[];
  certificates: Certificate[];
  planted: PlantedVisits;
}

/** Hot visits: every 40th task (from the 6th) until 15, spread over ref−22 … ref−4. */
const HOT_VISITS = 15;
const hotVisitOf = (i: number): number | undefined =>
  i % 40 === 5 && Math.floor(i / 40) < HOT_VISITS ? Math.floor(i / 40) : undefined;
/**
 * Which agency makes hot visit k (enterprise k mod 3): the repeat agency R three times in a row at the
 * first enterprise (重复检查, over its cap of 2 in that field), then two others there (多头检查); R and
 * two others at the second and third (多头检查). R makes 7 of the 15 visits: its evaluations are mostly
 * businesses complaining about repeat visits (评分偏低).
 */
const HOT_AGENCY_SLOTS = ['R', 'B', 'C', 'R', 'C', 'R', 'R', 'R', 'D', 'B', 'D', 'R', 'C', 'R', 'B'] as const;

export function buildInspections(
  rng: Random,
  ref: Reference,
  enterprises: readonly Enterprise[],
  count: number,
): InspectionSet {
  const itemsByAgency = new Map<string, InspectionItem[]>();
  for (const item of ref.inspectionItems) {
    const list = itemsByAgency.get(item.agencyId);
    if (list) list.push(item);
    else itemsByAgency.set(item.agencyId, [item]);
  }
  const inspectorsByAgency = new Map<string, Inspector[]>();
  for (const p of ref.inspectors) {
    if (p.status !== 'valid') continue;
    const list = inspectorsByAgency.get(p.agencyId);
    if (list) list.push(p);
    else inspectorsByAgency.set(p.agencyId, [p]);
  }
  const agencies = [...itemsByAgency.keys()].filter((a) => (inspectorsByAgency.get(a)?.length ?? 0) >= 2);
  const weights = agencies.map((a) => [a, ref.agencyDefById.get(a)?.category === 'C' ? 4 : 1.5] as const);
  const hot = rng.sample(
    enterprises.filter((e) => e.type === '企业'),
    3,
  );
  // The repeat agency inspects in a field whose annual cap per enterprise is 2 (buildInspectionCaps).
  const capOf = new Map(buildInspectionCaps(ref).map((c) => [`${c.agencyId}|${c.field}`, c.maxPerEnterprise]));
  const cappedItems = (a: string) => (itemsByAgency.get(a) ?? []).filter((x) => capOf.get(`${a}|${x.field}`) === 2);
  const repeatAgency = rng.pick(agencies.filter((a) => cappedItems(a).length > 0));
  const repeatField = cappedItems(repeatAgency)[0]!.field;
  const [agencyB, agencyC, agencyD, bulkAgency] = rng.sample(
    agencies.filter((a) => a !== repeatAgency),
    4,
  ) as [string, string, string, string];
  const hotAgency = { R: repeatAgency, B: agencyB, C: agencyC, D: agencyD };
  // A 专项 campaign of the bulk agency: the 15 tasks every third of the last 45 are approved by one person
  // within an hour, three working days before the reference date (集中批量签发).
  const bulkVisit = (i: number) => i >= count - 45 && i % 3 === 1;
  const bulkApprover = personName(rng.fork('bulk-approver'));
  const bulkDay = workingDayOn(addDays(ref.referenceDate, -3));
  let bulkK = 0;
  const hotVisits: string[] = [];
  const start = new Date(Date.UTC(2025, 0, 2));
  const end = addDays(ref.referenceDate, 45);
  const spanDays = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  const inspections: Inspection[] = [];
  const certificates: Certificate[] = [];
  const serialByYear = new Map<number, number>();
  const drawByAgencyMonth = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const r = rng.fork(`inspection/${i}`);
    const drawnAgency = r.weighted(weights);
    const hotK = hotVisitOf(i);
    const hotVisit = hotK !== undefined;
    const bulk = bulkVisit(i);
    const repeatVisit = hotVisit && HOT_AGENCY_SLOTS[hotK] === 'R' && hotK % 3 === 0;
    const agencyId = hotVisit ? hotAgency[HOT_AGENCY_SLOTS[hotK]!] : bulk ? bulkAgency : drawnAgency;
    const items = itemsByAgency.get(agencyId) ?? [];
    const officers = inspectorsByAgency.get(agencyId) ?? [];
    const drawnSource = r.weighted([
      ['双随机', 60],
      ['投诉举报', 14],
      ['上级交办', 5],
      ['专项', 11],
      ['巡查', 10],
    ] as const);
    // Planted visits are never 双随机: a draw picks its own enterprises (draws.ts).
    const source = repeatVisit
      ? '巡查'
      : bulk
        ? '专项'
        : hotVisit
          ? r.pick(['投诉举报', '专项', '巡查'] as const)
          : drawnSource;
    const spread = addDays(start, Math.floor(((i + r.float()) * spanDays) / count));
    const windowStartDay = hotVisit
      ? workingDayOn(addDays(ref.referenceDate, -22 + Math.round((hotK * 18) / (HOT_VISITS - 1))))
      : spread;
    const days = source === '双随机' ? r.int(5, 30) : hotVisit ? r.int(0, 1) : r.int(1, 7);
    const windowStart = at(windowStartDay, 9);
    const windowEnd = at(addDays(windowStartDay, days), 17, 30);
    const enterprise = hotVisit ? (hot[hotK % hot.length] as Enterprise) : r.pick(enterprises);
    const pool = repeatVisit
      ? items.filter((x) => x.field === repeatField)
      : source === '双随机'
        ? items.filter((x) => x.random)
        : items;
    const chosenItems = r.sample(pool, r.int(1, repeatVisit ? 1 : 3));
    if (chosenItems.length === 0) chosenItems.push(r.pick(items));
    // Tasks are created 1–10 days ahead, and never after the day before the reference date.
    const ahead = addDays(windowStartDay, -r.int(1, 10));
    const lastCreated = addDays(ref.referenceDate, -1);
    // Certificates are approved on working days in office hours (working-days.ts), except a few planted
    // late-night and weekend approvals for the 非工作时间签发 alert.
    const created = bulk ? bulkDay : workingDayOn(ahead < lastCreated ? ahead : lastCreated);
    const offHours = hotVisit || bulk ? undefined : i % 60 === 23 ? 'night' : i % 60 === 53 ? 'weekend' : undefined;
    const createdDay = offHours === 'weekend' ? previousSaturday(created) : created;
    const inspection: Inspection = {
      id: `jc-${windowStartDay.getUTCFullYear()}-${pad(i + 1, 6)}`,
      source,
      agencyId,
      inspectorIds: r.sample(officers, r.chance(0.8) ? 2 : 3).map((o) => o.id),
      enterpriseCreditCode: enterprise.creditCode,
      itemCodes: chosenItems.map((x) => x.code),
      windowStart,
      windowEnd,
      approver: bulk ? bulkApprover : personName(r),
      status: 'planned',
      createdAt: bulk
        ? at(createdDay, 15, 3 * bulkK++)
        : offHours === 'night'
          ? at(createdDay, r.int(21, 23), r.int(0, 59))
          : at(createdDay, r.int(9, 16), r.int(0, 59)),
    };
    if (hotVisit) hotVisits.push(inspection.id);
    if (source === '双随机') {
      const key = `${agencyId}|${windowStartDay.toISOString().slice(0, 7)}`;
      let drawId = drawByAgencyMonth.get(key);
      if (drawId === undefined) {
        drawId = `draw-${agencyId}-${windowStartDay.toISOString().slice(0, 7)}`;
        drawByAgencyMonth.set(key, drawId);
      }
      inspection.drawId = drawId;
    }
    if (source === '投诉举报' || source === '上级交办') {
      inspection.reason =
        source === '投诉举报'
          ? `根据12345热线转办的群众投诉（工单号${windowStartDay.getUTCFullYear()}${pad(r.int(1, 99999), 5)}）实施核查。`
          : '根据区人民政府交办事项实施专项核查。';
      if (enterprise === hot[0] && r.chance(0.5)) inspection.capOverride = true;
    } else if (bulk) {
      inspection.reason = '燃气安全专项整治';
    } else if (source === '专项') {
      inspection.reason = r.pick([
        '安全生产治本攻坚专项行动',
        '校园周边食品安全专项检查',
        '燃气安全专项整治',
        '夏季夜间施工噪声专项整治',
      ]);
    }
    const endDate = addDays(windowStartDay, days);
    const reference = ref.referenceDate;
    // A few recent tasks overran their window without being closed: their certificates have expired.
    const overran = endDate < reference && addDays(endDate, 30) >= reference && r.chance(0.25) && !hotVisit;
    if (r.chance(0.03) && !hotVisit && !bulk) {
      inspection.status = 'cancelled';
    } else if (endDate < reference && !overran) {
      inspection.status = 'completed';
      completeInspection(r, inspection, chosenItems, windowStartDay, endDate, reference);
    } else if (windowStartDay <= reference) {
      inspection.status = 'in_progress';
    }
    inspections.push(inspection);

    // electronic inspection certificate for every task the system generated
    const year = createdDay.getUTCFullYear();
    const serial = (serialByYear.get(year) ?? 0) + 1;
    serialByYear.set(year, serial);
    const cert: Certificate = {
      certificateNo: makeCertificateNo(year, serial),
      inspectionId: inspection.id,
      agencyId,
      status: inspection.status === 'completed' ? 'used' : inspection.status === 'cancelled' ? 'revoked' : 'valid',
      issuedAt: inspection.createdAt,
      validFrom: windowStart,
      validUntil: windowEnd,
      kid: SAMPLE_KID,
    };
    if (inspection.status === 'cancelled') {
      cert.revokedAt = at(addDays(created, 1), 10);
      cert.revocationReason = '检查任务已取消';
    } else if (inspection.status === 'in_progress' && endDate < reference) {
      cert.status = 'expired';
    }
    certificates.push(cert);
  }
  const planted = { hotEnterprises: new Set(hot.map((e) => e.creditCode)), hotVisits, repeatAgency };
  return { inspections, certificates, planted };
}
