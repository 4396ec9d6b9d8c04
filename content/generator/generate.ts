/**
 * `sunlight generate --disclosures N --out DIR [--seed S]`: streams N synthetic
 * disclosures to DIR/disclosures.ndjson and the enterprises they introduce to
 * DIR/enterprises.ndjson, in constant memory, awaiting 'drain' on both files.
 *
 * Direct use: npx tsx content/generator/generate.ts --disclosures 1000000 --out /tmp/gen
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { NdjsonWriter } from './ndjson.ts';
import { SAMPLE_SEED } from './reference.ts';
import { generateDisclosures } from './stream.ts';

export interface GenerateOptions {
  disclosures: number;
  out: string;
  seed?: string;
  /** Progress output (default: process.stderr). A TTY gets a bar, anything else periodic lines. */
  progressStream?: NodeJS.WriteStream;
  /** Where the final summary line goes (default: process.stdout). */
  summaryStream?: NodeJS.WritableStream;
  /** Suppress progress and summary output. */
  quiet?: boolean;
}

export interface GenerateSummary {
  disclosures: number;
  enterprises: number;
  seconds: number;
  /** Peak resident set size of the process, in MiB (process.resourceUsage().maxRSS). */
  peakRssMiB: number;
  files: { disclosures: string; enterprises: string };
}

export async function runGenerate(opts: GenerateOptions): Promise<GenerateSummary> {
  const total = Math.floor(opts.disclosures);
  if (!Number.isFinite(total) || total < 0)
    throw new RangeError(`--disclosures 应为非负整数，当前为“${opts.disclosures}”`);
  const outDir = resolve(opts.out);
  const files = { disclosures: join(outDir, 'disclosures.ndjson'), enterprises: join(outDir, 'enterprises.ndjson') };
  const progressStream = opts.progressStream ?? process.stderr;
  const quiet = opts.quiet === true;
  const started = process.hrtime.bigint();

  const disclosures = await NdjsonWriter.open(files.disclosures);
  const enterprises = await NdjsonWriter.open(files.enterprises);

  const tty = !quiet && progressStream.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          stream: progressStream,
          format: '生成处罚公示 [{bar}] {percentage}% | {value}/{total} | {speed}条/秒 | 剩余{eta_formatted}',
          fps: 5,
          etaBuffer: 200,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(total, 0, { speed: 0 });
  const step = Math.max(1, Math.floor(total / 10));
  let n = 0;
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;

  try {
    for (const { enterprise, disclosure } of generateDisclosures({ count: total, seed: opts.seed ?? SAMPLE_SEED })) {
      if (enterprise) await enterprises.write(enterprise);
      await disclosures.write(disclosure);
      n += 1;
      if (bar && (n & 1023) === 0) bar.update(n, { speed: Math.round(n / Math.max(elapsed(), 0.001)) });
      else if (!tty && !quiet && (n % step === 0 || n === total)) {
        progressStream.write(
          `生成处罚公示：${n}/${total}（${Math.round((n / Math.max(total, 1)) * 100)}%），${elapsed().toFixed(1)}秒\n`,
        );
      }
    }
  } finally {
    await disclosures.close();
    await enterprises.close();
    if (bar) {
      bar.update(n, { speed: Math.round(n / Math.max(elapsed(), 0.001)) });
      bar.stop();
    }
  }

  const summary: GenerateSummary = {
    disclosures: disclosures.count,
    enterprises: enterprises.count,
    seconds: Math.round(elapsed() * 10) / 10,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    files,
  };
  if (!quiet) {
    (opts.summaryStream ?? process.stdout).write(
      `已生成${summary.disclosures}条处罚公示、${summary.enterprises}个执法对象，用时${summary.seconds}秒，峰值内存${summary.peakRssMiB} MiB → ${outDir}\n`,
    );
  }
  return summary;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      disclosures: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (values.disclosures === undefined || values.out === undefined) {
    process.stderr.write('用法：npx tsx content/generator/generate.ts --disclosures N --out DIR [--seed S]\n');
    process.exitCode = 2;
  } else {
    await runGenerate({
      disclosures: Number(values.disclosures),
      out: values.out,
      ...(values.seed ? { seed: values.seed } : {}),
    });
  }
}
