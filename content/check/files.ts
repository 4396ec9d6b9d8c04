import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ContentFile } from '@sunlight/domain/content-files';
import type { Collector } from './problems';

export interface CheckOptions {
  /**
   * Where to load reference files (agencies, laws, powers, …) that `dir` does not contain, e.g. when checking
   * the output of `sunlight generate`, which holds only disclosures and enterprises. Default: none (missing
   * reference files are errors).
   */
  referenceDir?: string;
  /** The clock for the calendar-coverage warning (default: now). */
  now?: Date;
}

/** What `sunlight generate` writes; the other activity files are simply absent from a generated set. */
const GENERATED = new Set(['enterprises.ndjson', 'disclosures.ndjson']);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Where the file is: in `dir`, or (reference files only) in the reference directory; reports a missing file. */
export async function locate(
  dir: string,
  spec: ContentFile,
  opts: CheckOptions,
  out: Collector,
): Promise<string | undefined> {
  const here = join(dir, spec.name);
  if (await exists(here)) return here;
  if (opts.referenceDir !== undefined && spec.activity) {
    if (!GENERATED.has(spec.name)) return undefined;
  } else if (opts.referenceDir !== undefined) {
    const there = join(opts.referenceDir, spec.name);
    if (await exists(there)) return there;
  }
  if (!spec.optional)
    out.add(
      { file: spec.name },
      undefined,
      `缺少文件${spec.name}：内容目录必须包含该文件（可运行 npx tsx content/generator/sample.ts 生成示例）`,
    );
  return undefined;
}

/** Loads a JSON file; reports a parse error and returns undefined on failure. */
export async function loadJson(path: string, file: string, out: Collector): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    out.add({ file }, undefined, `无法读取文件：${(e as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    out.add({ file }, undefined, `不是有效的JSON：${(e as Error).message}；文件应为一个JSON数组或对象`);
    return undefined;
  }
}

export async function loadArray(path: string, file: string, out: Collector): Promise<unknown[]> {
  const data = await loadJson(path, file, out);
  if (data === undefined) return [];
  if (!Array.isArray(data)) {
    out.add({ file }, undefined, '文件内容应为JSON数组（[ {...}, {...} ]），每个元素是一条记录');
    return [];
  }
  return data;
}

/** Streams an NDJSON file line by line (constant memory); malformed lines are reported and skipped. */
export async function eachLine(
  path: string,
  file: string,
  out: Collector,
  fn: (record: unknown, line: number) => void,
): Promise<void> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line += 1;
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      out.add(
        { file, line },
        undefined,
        `第${line}行不是有效的JSON（${(e as Error).message}）；NDJSON文件每行应为一个完整的JSON对象`,
      );
      continue;
    }
    fn(record, line);
  }
}
