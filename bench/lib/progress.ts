/** A cli-progress bar on a TTY; on a pipe or in CI a line every 10% instead. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(done?: number): void;
}

export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} | eta {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update: (done) => bar.update(done),
      stop: (done) => {
        if (done !== undefined) bar.update(done);
        bar.stop();
      },
    };
  }
  let nextTenth = 1;
  const started = performance.now();
  return {
    update(done) {
      if (total > 0 && done >= (nextTenth * total) / 10) {
        process.stderr.write(
          `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
        );
        while (done >= (nextTenth * total) / 10) nextTenth++;
      }
    },
    stop(done) {
      if (done !== undefined) this.update(done);
    },
  };
}
