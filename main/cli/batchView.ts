import cliProgress from 'cli-progress';
import { describe, lineReporter, silent, type ProgressReporter } from './progressReporter.js';

/**
 * The progress output of a batch, where several photos paint at once: on a terminal one bar per running
 * photo, each labelled with the photo ([2/5] name), with messages printed above the bars; in logs and
 * pipes one line per tenth of each photo's run, starting with the same label.
 */
export interface BatchView {
  /** A message, left out with --quiet. */
  say(line: string): void;
  /** An error, always shown. */
  error(line: string): void;
  /** The progress of the photo labelled `tag`. */
  photo(tag: string): ProgressReporter;
  close(): void;
}

function barView(stream: NodeJS.WriteStream): BatchView {
  const bars = new cliProgress.MultiBar(
    { stream, format: '{tag} {bar} {value}/{total} · {detail}', hideCursor: true, barsize: 16, fps: 5, autopadding: true },
    cliProgress.Presets.shades_classic,
  );
  // Drawn at once (not at the next redraw), so that no message is lost when the last bar goes.
  const line = (text: string) => {
    bars.log(`${text}\n`);
    bars.update();
  };
  return {
    say: line,
    error: line,
    photo(tag) {
      let bar: cliProgress.SingleBar | undefined;
      let last = '';
      return {
        update(p) {
          bar ??= bars.create(p.totalIterations, 0, { tag, detail: '' });
          last = `iteration ${p.iteration}/${p.totalIterations} · ${describe(p)}`;
          bar.update(p.iteration, { tag, detail: describe(p) });
        },
        stop() {
          if (!bar) return;
          bars.remove(bar);
          line(`${tag} · ${last}`);
          bar = undefined;
        },
      };
    },
    close: () => bars.stop(),
  };
}

function lineView(stream: NodeJS.WriteStream, quiet: boolean): BatchView {
  const write = (text: string) => stream.write(`${text}\n`);
  return {
    say: (text) => quiet || write(text),
    error: write,
    photo: (tag) => (quiet ? silent : lineReporter(stream, `${tag} · `)),
    close() {},
  };
}

export function batchView(stream: NodeJS.WriteStream, options: { quiet: boolean }): BatchView {
  return stream.isTTY && !options.quiet ? barView(stream) : lineView(stream, options.quiet);
}
