import { z } from 'zod';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true或false',
  array: '列表',
  object: '对象',
  date: '日期',
  bigint: '整数',
  null: 'null',
  undefined: '空',
};
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: '带时区的ISO 8601时间，如2025-03-18T09:30:00+08:00',
  date: 'YYYY-MM-DD格式的日期',
  regex: '规定格式的文本',
  jwt: 'JWT令牌',
};

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

function defaultMessage(issue: Pick<RawIssue, 'code'> & Record<string, unknown>, missing: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? '必填，不能缺少' : `应为${TYPE_NAMES[String(issue['expected'])] ?? String(issue['expected'])}`;
    case 'invalid_value': {
      const values = (issue['values'] as unknown[] | undefined) ?? [];
      return values.length === 1
        ? `应为${JSON.stringify(values[0])}`
        : `应为以下之一：${values.map(String).join('、')}`;
    }
    case 'too_small': {
      const n = String(issue['minimum']);
      const origin = issue['origin'];
      if (origin === 'string') return `至少${n}个字符`;
      if (origin === 'array' || origin === 'set') return `至少${n}项`;
      return `应${issue['inclusive'] === false ? '大于' : '不小于'}${n}`;
    }
    case 'too_big': {
      const n = String(issue['maximum']);
      const origin = issue['origin'];
      if (origin === 'string') return `不超过${n}个字符`;
      if (origin === 'array' || origin === 'set') return `不超过${n}项`;
      return `应${issue['inclusive'] === false ? '小于' : '不大于'}${n}`;
    }
    case 'invalid_format':
      return `应为${FORMAT_NAMES[String(issue['format'])] ?? String(issue['format'])}`;
    case 'not_multiple_of':
      return `应为${String(issue['divisor'])}的倍数`;
    case 'unrecognized_keys':
      return `有未定义的字段：${((issue['keys'] as string[] | undefined) ?? []).join('、')}`;
    case 'invalid_union':
      return '不符合任何一种允许的形式';
    case 'invalid_key':
    case 'invalid_element':
      return '包含无效的键或值';
    default:
      return '无效';
  }
}

/**
 * zod error map producing Chinese messages for issues whose schema gave no custom message.
 * Pass it per parse (`schema.safeParse(data, { error: chineseErrorMap })`) or install it globally with `useChineseErrors()`.
 */
export const chineseErrorMap: z.core.$ZodErrorMap = (issue) =>
  defaultMessage(
    issue as RawIssue & Record<string, unknown>,
    issue.code === 'invalid_type' && issue.input === undefined,
  );

/** Makes Chinese the default for every zod schema in this JavaScript realm (a global setting: call it once at start-up). */
export function useChineseErrors(): void {
  z.config({ customError: chineseErrorMap });
}

/** An issue's message in Chinese: custom (already Chinese) messages are kept, zod defaults are translated. */
export function describeIssue(issue: Issue): string {
  if (hasChinese(issue.message)) return issue.message;
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return defaultMessage(issue as Issue & Record<string, unknown>, missing);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** Label for a path: tries the dotted path without array indices, then shorter prefixes (`basis.lawCode`, then `basis`). */
export function labelFor(
  path: readonly PropertyKey[],
  labels: Readonly<Record<string, string>> = {},
): string | undefined {
  const keys = path.filter((p): p is string => typeof p === 'string');
  for (let n = keys.length; n > 0; n--) {
    const label = labels[keys.slice(0, n).join('.')];
    if (label !== undefined) return label;
  }
  return undefined;
}

/** Closest known field name to a misspelt one (edit distance ≤ 3). */
export function suggestField(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const k of known) {
    const d = editDistance(unknown.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** One problem with one field of a JSON body: the `errors` entries of a problem+json answer, and form messages. */
export interface FieldError {
  /** Dotted path of the field, e.g. `partyCreditCode` or `basisRefs[0].article`; `(整条记录)` for the whole body. */
  field: string;
  label: string | undefined;
  message: string;
}

/** One problem with one query parameter (problem+json `errors` of a GET). */
export interface ParameterError {
  parameter: string;
  label?: string | undefined;
  message: string;
}

export const WHOLE_RECORD = '(整条记录)';

/**
 * zod issues as field errors: which field, its Chinese label, what is wrong and what a valid value looks
 * like (zod's English defaults translated). An unknown key is one error of its own.
 */
export function fieldErrors(
  error: z.ZodError,
  labels: Readonly<Record<string, string>> = {},
  unknownKey: (key: string) => string = (key) => `未定义的字段“${key}”，请删除或改正拼写（字段名见接口文档）`,
): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: formatPath([...issue.path, key]),
        label: undefined,
        message: unknownKey(key),
      }));
    }
    return [
      {
        field: formatPath(issue.path) || WHOLE_RECORD,
        label: labelFor(issue.path, labels),
        message: describeIssue(issue),
      },
    ];
  });
}

/** zod issues of a query (URL parameters) as parameter errors, one per parameter at fault. */
export function parameterErrors(error: z.ZodError, labels: Readonly<Record<string, string>> = {}): ParameterError[] {
  return fieldErrors(error, labels, (key) => `不支持的参数：${key}`).map((e) => ({
    parameter: e.field === WHOLE_RECORD ? 'query' : (e.field.split(/[.[]/)[0] ?? e.field),
    label: e.label,
    message: e.message,
  }));
}

/** The `detail` of a problem with field or parameter errors: `「label」(field)：message；…`. */
export function describeFieldErrors(
  errors: readonly ({ label?: string | undefined; message: string } & ({ field: string } | { parameter: string }))[],
): string {
  return errors
    .map((e) => `${e.label ? `「${e.label}」` : ''}(${'field' in e ? e.field : e.parameter})：${e.message}`)
    .join('；');
}

export interface IssueLocation {
  /** File the record came from, e.g. content/sample/agencies.json. */
  file?: string;
  /** 1-based record number (shown as 第N条) or a ready-made locator such as "第12行". */
  record?: string | number;
  /** The record's id or code, shown as （id=…）. */
  id?: string;
  /** Field labels of the record type, e.g. agencyFieldLabels. */
  labels?: Readonly<Record<string, string>>;
}

function locationPrefix(where: IssueLocation): string {
  const record = typeof where.record === 'number' ? `第${where.record}条` : (where.record ?? '');
  const id = where.id !== undefined ? `（id=${where.id}）` : '';
  const locator = `${record}${id}`;
  if (where.file === undefined) return locator;
  return locator === '' ? `${where.file} ` : `${where.file} ${locator}`;
}

function unknownKeysMessage(issue: Issue, labels: Readonly<Record<string, string>>): string {
  if (issue.code !== 'unrecognized_keys') return describeIssue(issue);
  const prefix = issue.path.filter((p): p is string => typeof p === 'string').join('.');
  const siblings = Object.keys(labels)
    .filter((k) =>
      prefix === '' ? !k.includes('.') : k.startsWith(`${prefix}.`) && !k.slice(prefix.length + 1).includes('.'),
    )
    .map((k) => (prefix === '' ? k : k.slice(prefix.length + 1)));
  const hints = issue.keys.map((k) => {
    const s = suggestField(k, siblings);
    const label = s === undefined ? undefined : labels[prefix === '' ? s : `${prefix}.${s}`];
    return s === undefined ? `“${k}”` : `“${k}”（是否应为“${s}”${label ? `，即「${label}」` : ''}？）`;
  });
  return `有未定义的字段${hints.join('、')}，请删除或改正拼写`;
}

/**
 * One Chinese line per issue, naming the file, the record and the field (Chinese label and path) and saying
 * what a valid value looks like, e.g.
 * `content/sample/agencies.json 第3条（id=scjgj）字段「统一社会信用代码」(creditCode)：统一社会信用代码应为18位…`.
 */
export function formatIssues(error: z.ZodError, where: IssueLocation = {}): string[] {
  const labels = where.labels ?? {};
  const prefix = locationPrefix(where);
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const message = unknownKeysMessage(issue, labels);
    if (path === '') return `${prefix}记录：${message}`;
    const label = labelFor(issue.path, labels);
    return `${prefix}字段「${label ?? path}」(${path})：${message}`;
  });
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; messages: string[]; error: z.ZodError };

/** Parses with Chinese default messages and formats every problem (not just the first). */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  where: IssueLocation = {},
): ValidationResult<z.infer<S>> {
  const result = schema.safeParse(data, { error: chineseErrorMap });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, messages: formatIssues(result.error, where), error: result.error };
}
