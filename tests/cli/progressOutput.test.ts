import { describe, expect, it } from 'vitest';
import type { Progress } from '../../app/run/styleTransferRun.js';
import { formatDuration } from '../../main/cli/formatDuration.js';
import { progressReporter } from '../../main/cli/progressReporter.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

function progressAt(iteration: number, totalIterations: number): Progress {
  return {
    scaleIndex: iteration <= 15 ? 0 : 1,
    scaleCount: 2,
    width: iteration <= 15 ? 34 : 48,
    height: iteration <= 15 ? 23 : 32,
    iteration,
    totalIterations,
    costs: { total: 1.2345, content: 0.5, style: 0.07, smoothness: 0.03 },
    iterationsPerSecond: 1.5,
    etaSeconds: 65,
    elapsedSeconds: iteration,
  };
}

describe('progress lines (stderr is not a terminal)', () => {
  it('writes one line per tenth of the run, the last at the final iteration', () => {
    const { stream, written } = fakeStream(false);
    const reporter = progressReporter(stream, { quiet: false });
    for (let i = 1; i <= 25; i++) reporter.update(progressAt(i, 25));
    reporter.stop();
    // Tenths of 25 are passed at 2.5, 5, 7.5, …: iterations 3, 5, 8, 10, 13, 15, 18, 20, 23, 25.
    expect(written.map((l) => Number(/^iteration (\d+)\//.exec(l)![1]))).toEqual([3, 5, 8, 10, 13, 15, 18, 20, 23, 25]);
    expect(written[0]).toBe('iteration 3/25 · scale 1/2 34×23 · 1.50 it/s · ETA 1m 05s · cost 1.23 (content 0.500, style 0.0700, smoothness 0.0300)\n');
    expect(written[9]).toMatch(/^iteration 25\/25 · scale 2\/2 48×32 · /);
  });

  it('writes every iteration of a run shorter than ten', () => {
    const { stream, written } = fakeStream(false);
    const reporter = progressReporter(stream, { quiet: false });
    for (let i = 1; i <= 3; i++) reporter.update(progressAt(i, 3));
    expect(written).toHaveLength(3);
  });

  it('writes nothing when quiet', () => {
    const { stream, written } = fakeStream(false);
    const reporter = progressReporter(stream, { quiet: true });
    reporter.update(progressAt(25, 25));
    reporter.stop();
    expect(written).toEqual([]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59.4, '59s'],
    [65, '1m 05s'],
    [3599, '59m 59s'],
    [3725, '1h 02m'],
    [Number.NaN, '–'],
    [-1, '–'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
