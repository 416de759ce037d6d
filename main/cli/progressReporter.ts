import cliProgress from 'cli-progress';
import type { Progress } from '../../app/run/styleTransferRun.js';
import { formatDuration } from './formatDuration.js';

export interface ProgressReporter {
  update(p: Progress): void;
  /** Ends the bar (if any) so that later lines start on their own line. */
  stop(): void;
}

const cost = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : '–');

export function describe(p: Progress): string {
  const c = p.costs;
  return (
    `scale ${p.scaleIndex + 1}/${p.scaleCount} ${p.width}×${p.height} · ${p.iterationsPerSecond.toFixed(2)} it/s · ` +
    `ETA ${formatDuration(p.etaSeconds)} · cost ${cost(c.total)} (content ${cost(c.content)}, style ${cost(c.style)}, smoothness ${cost(c.smoothness)})`
  );
}

/** A bar redrawn in place, for terminals. */
function barReporter(stream: NodeJS.WritableStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} · {detail}', hideCursor: true, barsize: 24, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(p.totalIterations, 0, { detail: '' });
      started = true;
      bar.update(p.iteration, { detail: describe(p) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** One line per tenth of the run (and the last iteration), for logs and pipes; `prefix` tells whose run it is. */
export function lineReporter(stream: NodeJS.WritableStream, prefix = ''): ProgressReporter {
  let nextTenth = 1;
  return {
    update(p) {
      const tenth = Math.floor((p.iteration * 10) / p.totalIterations);
      if (tenth < nextTenth && p.iteration !== p.totalIterations) return;
      nextTenth = tenth + 1;
      stream.write(`${prefix}iteration ${p.iteration}/${p.totalIterations} · ${describe(p)}\n`);
    },
    stop() {},
  };
}

export const silent: ProgressReporter = { update() {}, stop() {} };

export function progressReporter(stream: NodeJS.WriteStream, options: { quiet: boolean }): ProgressReporter {
  if (options.quiet) return silent;
  return stream.isTTY ? barReporter(stream) : lineReporter(stream);
}
