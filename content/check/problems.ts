import type { z } from 'zod';
import { chineseErrorMap, formatIssues, formatPath } from '@sunlight/domain/errors';

export interface Problem {
  /** File name inside the content directory, e.g. `agencies.json`. */
  file: string;
  /** 1-based line of an NDJSON file. */
  line?: number;
  /** 0-based position of the record in a JSON array file. */
  index?: number;
  /** The record's id or code, when it has one. */
  recordId?: string;
  /** Dotted path of the offending field, e.g. `basis[1].article`. */
  field?: string;
  /** Chinese: names the field and says what a valid value looks like. */
  message: string;
  /** Errors fail the check; warnings (e.g. legacy credit codes not yet flagged) are reported only. */
  severity: 'error' | 'warning';
}

export type Raw = Record<string, unknown>;
export type Labels = Readonly<Record<string, string>>;

export interface Where {
  file: string;
  line?: number;
  index?: number;
  recordId?: string;
}

export const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class Collector {
  readonly problems: Problem[] = [];

  add(where: Where, field: string | undefined, message: string, severity: Problem['severity'] = 'error'): void {
    const p: Problem = { file: where.file, message, severity };
    if (where.line !== undefined) p.line = where.line;
    if (where.index !== undefined) p.index = where.index;
    if (where.recordId !== undefined) p.recordId = where.recordId;
    if (field !== undefined && field !== '') p.field = field;
    this.problems.push(p);
  }

  /**
   * Validates one record (or a whole document); reports every issue; returns whether it is valid. In a
   * document that is an array, an issue's leading index becomes the record's position and id.
   */
  schema(where: Where, schema: z.ZodType, data: unknown, labels: Labels, idKey = 'id'): boolean {
    const result = schema.safeParse(data, { error: chineseErrorMap });
    if (result.success) return true;
    const lines = formatIssues(result.error, { labels });
    result.error.issues.forEach((issue, i) => {
      const [first, ...rest] = issue.path;
      const w: Where = { ...where };
      if (typeof first === 'number' && Array.isArray(data)) {
        w.index = first;
        const id = isObject(data[first]) ? str((data[first] as Raw)[idKey]) : undefined;
        if (id !== undefined) w.recordId = id;
      }
      this.add(
        w,
        formatPath(typeof first === 'number' && Array.isArray(data) ? rest : issue.path),
        lines[i] ?? issue.message,
      );
    });
    return false;
  }
}

/** Label + path, as the domain formatter writes it, for cross-reference messages. */
export function fieldRef(labels: Labels, path: string): string {
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  const names: string[] = [];
  for (let n = 1; n <= parts.length; n++) {
    const label = labels[parts.slice(0, n).join('.')];
    if (label !== undefined) names.push(label);
  }
  return `字段「${names.length > 0 ? names.join('·') : path}」(${path})`;
}

export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `第${p.line}行` : p.index !== undefined ? `第${p.index + 1}条` : '';
  const id = p.recordId !== undefined ? `（id=${p.recordId}）` : '';
  const tag = p.severity === 'warning' ? '[警告] ' : '[错误] ';
  return `${tag}${p.file}${where || id ? ' ' : ''}${where}${id} ${p.message}`;
}

/** Terminal output: one line per problem, then a summary line. */
export function formatProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const lines = problems.map(formatProblem);
  lines.push(
    errors === 0 && warnings === 0
      ? '内容检查通过：未发现问题。'
      : `内容检查${errors > 0 ? '未通过' : '通过'}：${errors}个错误，${warnings}个警告。`,
  );
  return lines.join('\n');
}
