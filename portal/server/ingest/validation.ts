import type { z } from 'zod';
import { describeIssue, formatPath, labelFor } from '@sunlight/domain/errors';

export interface FieldError {
  /** Dotted path of the field, e.g. `partyCreditCode` or `basisRefs[0].article`. */
  field: string;
  label: string | undefined;
  message: string;
}

/** zod issues as field errors: which field, its Chinese label, what is wrong and what a valid value looks like. */
export function fieldErrors(error: z.ZodError, labels: Readonly<Record<string, string>>): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: formatPath([...issue.path, key]),
        label: undefined,
        message: `未定义的字段“${key}”，请删除或改正拼写（字段名见接口文档）`,
      }));
    }
    const field = formatPath(issue.path) || '(整条记录)';
    return [{ field, label: labelFor(issue.path, labels), message: describeIssue(issue) }];
  });
}

export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.label ? `「${e.label}」` : ''}(${e.field})：${e.message}`).join('；');
}
