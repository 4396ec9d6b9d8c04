/**
 * `sunlight content check`: validates every record of a content directory
 * against its schema, then checks the cross references between files, and
 * returns EVERY problem found (never stops at the first). The files, their
 * shapes and schemas come from the content-file registry (CONTENT_FILES);
 * what each file's records must satisfy beyond their schema is in check/records.ts.
 *
 * Direct use: npx tsx content/check.ts [DIR]   (default: content/sample)
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_FILES, type ContentFile, type ContentFileKey } from '@sunlight/domain/content-files';
import { eachLine, loadArray, loadJson, locate, type CheckOptions } from './check/files.ts';
import {
  Collector,
  fieldRef,
  formatProblems,
  isObject,
  str,
  type Problem,
  type Raw,
  type Where,
} from './check/problems.ts';
import { recordChecks, type RecordCheck } from './check/records.ts';
import { CalendarSchema, type Calendar } from '@sunlight/domain/schemas/calendar';
import { todayInChina } from '@sunlight/domain/china-time';
import { createWorkingCalendar } from '@sunlight/domain/working-days';
import { References } from './check/references.ts';
import { checkDrawReferences } from './check-draws.ts';
import { checkPenaltyReferences } from './check-results.ts';
import { checkFeedbackReferences } from './check-feedback.ts';

export type { CheckOptions } from './check/files.ts';
export { formatProblem, formatProblems, type Problem } from './check/problems.ts';

export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('./sample/', import.meta.url));

/** A JSON array of records: each validated, indexed by id (raw, so one bad field does not cascade), then checked. */
async function checkArray(path: string, file: ContentFile, out: Collector, check: RecordCheck | undefined) {
  const records = await loadArray(path, file.name, out);
  const idKey = file.idKey ?? 'id';
  const byId = new Map<string, Raw>();
  const checked: [Raw, Where, boolean][] = [];
  records.forEach((rec, index) => {
    const id = isObject(rec) ? str(rec[idKey]) : undefined;
    const w: Where = { file: file.name, index };
    if (id !== undefined) w.recordId = id;
    if (!isObject(rec)) return out.add(w, undefined, '每条记录应为JSON对象（{ ... }）');
    checked.push([rec, w, out.schema(w, file.schema, rec, file.labels)]);
    if (id === undefined) return;
    if (byId.has(id)) out.add(w, idKey, `${fieldRef(file.labels, idKey)}：“${id}”与前面的记录重复，应唯一`);
    else byId.set(id, rec);
  });
  return { byId, crossCheck: () => checked.forEach(([rec, w, valid]) => check?.(rec, w, valid)) };
}

/** An NDJSON file, streamed: each line validated and checked as it is read. */
async function checkLines(path: string, file: ContentFile, out: Collector, check: RecordCheck | undefined) {
  await eachLine(path, file.name, out, (rec, line) => {
    const w: Where = { file: file.name, line };
    if (!isObject(rec)) return out.add(w, undefined, '每行应为一个JSON对象（{ ... }）');
    const id = str(rec[file.idKey ?? 'id']);
    if (id !== undefined) w.recordId = id;
    check?.(rec, w, out.schema(w, file.schema, rec, file.labels));
  });
}

/**
 * A year the working-day calendar does not know counts weekends only: holiday certificates would not be
 * flagged and deadlines would run through 春节. A warning, not an error, so a new year does not stop start-up.
 */
export function checkCalendarCoverage(out: Collector, calendar: Calendar | undefined, now: Date): void {
  const year = Number(todayInChina(now).slice(0, 4));
  if (createWorkingCalendar(calendar).covers(year)) return;
  out.add(
    { file: CONTENT_FILES.calendar.name },
    'holidays',
    `工作日历不含${year}年的法定节假日和调休上班日：请升级 npm 包 chinese-days，或按国务院办公厅关于${year}年部分节假日安排的通知在节假日（holidays）和调休上班日（workdays）中列出当年日期`,
    'warning',
  );
}

export async function checkContent(dir: string = DEFAULT_CONTENT_DIR, opts: CheckOptions = {}): Promise<Problem[]> {
  const root = resolve(dir);
  const out = new Collector();
  const refs = new References(out);
  const checks = recordChecks(out, refs);
  // Reference records are cross-checked once all of them are loaded (a record may point to a later one).
  const pendingCrossChecks: (() => void)[] = [];
  let calendar: Calendar | undefined;
  for (const [key, file] of Object.entries(CONTENT_FILES) as [ContentFileKey, ContentFile][]) {
    if (file.shape !== 'array') pendingCrossChecks.splice(0).forEach((run) => run());
    const path = await locate(root, file, opts, out);
    if (path === undefined) continue;
    if (file.shape === 'document') {
      const data = await loadJson(path, file.name, out);
      if (data !== undefined && out.schema({ file: file.name }, file.schema, data, file.labels) && key === 'calendar')
        calendar = CalendarSchema.parse(data);
    } else if (file.shape === 'array') {
      const { byId, crossCheck } = await checkArray(path, file, out, checks[key]);
      refs.byFile.set(key, byId);
      pendingCrossChecks.push(crossCheck);
    } else await checkLines(path, file, out, checks[key]);
  }
  pendingCrossChecks.forEach((run) => run());
  checkCalendarCoverage(out, calendar, opts.now ?? new Date());
  // Cited draws exist, belong to the inspecting agency, picked the enterprise, and re-run to their results.
  out.problems.push(...(await checkDrawReferences(root)));
  // A result's follow-up penalty is a decision of the same agency.
  out.problems.push(...(await checkPenaltyReferences(root)));
  // Sample check-ins and evaluations: only in a fictional sample, by the inspected enterprise, in their periods.
  out.problems.push(...(await checkFeedbackReferences(root)));
  return out.problems;
}

/** For the CLI: prints every problem and returns the exit code (1 if any error). */
export async function runContentCheck(dir: string = DEFAULT_CONTENT_DIR, opts: CheckOptions = {}): Promise<number> {
  const problems = await checkContent(dir, opts);
  const text = formatProblems(problems);
  const hasErrors = problems.some((p) => p.severity === 'error');
  (hasErrors ? process.stderr : process.stdout).write(text + '\n');
  return hasErrors ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const refIndex = args.indexOf('--reference');
  const opts: CheckOptions = {};
  if (refIndex >= 0 && args[refIndex + 1] !== undefined) {
    opts.referenceDir = args[refIndex + 1] as string;
    args.splice(refIndex, 2);
  }
  process.exitCode = await runContentCheck(args[0] ?? DEFAULT_CONTENT_DIR, opts);
}
