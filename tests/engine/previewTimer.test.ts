import { describe, expect, it } from 'vitest';
import { MAX_PREVIEW_SHARE, PreviewTimer } from '../../app/run/previewTimer.js';

/** Asks the timer after each of `iterations` iterations of `iterationMs`; frames cost `frameMs`. Returns the framed iterations. */
async function framesOf(iterationMs: number, frameMs: number, iterations: number, intervalMs = 500): Promise<number[]> {
  let now = 0;
  const timer = new PreviewTimer(intervalMs, () => now);
  const framed: number[] = [];
  for (let i = 1; i <= iterations; i++) {
    now += iterationMs;
    if (timer.due()) await timer.frame(async () => void (framed.push(i), (now += frameMs)));
  }
  return framed;
}

describe('preview frames by time', () => {
  it('sends the first frame after the first iteration, then one whenever 0.5 s has passed since the last', async () => {
    expect(await framesOf(200, 0, 12)).toEqual([1, 4, 7, 10]);
    // Iterations longer than the interval: a frame after every one.
    expect(await framesOf(3500, 0, 4)).toEqual([1, 2, 3, 4]);
  });

  it('waits longer when frames are costly, so that they take at most 5 % of the time', async () => {
    // A 100 ms frame needs 100 / 0.05 = 2 s before the next: every 20th iteration of 100 ms.
    const framed = await framesOf(100, 100, 61);
    expect(framed).toEqual([1, 21, 41, 61]);
    const frameTime = framed.length * 100;
    const total = 61 * 100 + frameTime;
    expect(frameTime / total).toBeLessThanOrEqual(MAX_PREVIEW_SHARE + 100 / total);
  });

  it('0 s means a frame after every iteration', async () => {
    expect(await framesOf(10, 0, 5, 0)).toEqual([1, 2, 3, 4, 5]);
  });
});
