import path from 'node:path';
import { checkContent, formatProblems } from '../../../../content/check';
import { runGenerate } from '../../../../content/generator/generate';
import type { Command } from '../command';

export const contentCheckCommand: Command = {
  name: 'content check',
  summary: '校验内容文件与交叉引用，列出全部问题 / validate content files and cross-references (exit 1 on any error)',
  usage: 'sunlight content check [目录，默认 SUNLIGHT_CONTENT_DIR 或 content/sample] [--reference 参照目录]',
  options: { reference: { type: 'string' } },
  db: false,
  async run(ctx, args) {
    const dir = path.resolve(args.positionals[0] ?? ctx.config.contentDir);
    const reference = args.values.reference as string | undefined;
    const problems = await checkContent(dir, reference ? { referenceDir: path.resolve(reference) } : {});
    const text = formatProblems(problems);
    const failed = problems.some((p) => p.severity === 'error');
    for (const line of text.split('\n')) (failed ? ctx.err : ctx.out)(line);
    return failed ? 1 : 0;
  },
};

export const generateCommand: Command = {
  name: 'generate',
  summary: '流式生成 N 条虚构处罚公示（及对应执法对象）为 NDJSON / stream N synthetic disclosures as NDJSON',
  usage: 'sunlight generate --disclosures N --out DIR [--seed S]',
  options: { disclosures: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  db: false,
  async run(ctx, args) {
    const n = Number(args.values.disclosures);
    const out = args.values.out as string | undefined;
    if (!out || !Number.isInteger(n) || n < 0) {
      ctx.err('用法：sunlight generate --disclosures N --out DIR [--seed S]（N 为非负整数）');
      return 2;
    }
    const seed = args.values.seed as string | undefined;
    await runGenerate({ disclosures: n, out, ...(seed ? { seed } : {}) });
    return 0;
  },
};
