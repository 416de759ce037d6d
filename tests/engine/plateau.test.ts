import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { Adam } from '../../app/optim/adam.js';
import { Plateau, PLATEAU_WINDOW, improvementNeeded } from '../../app/run/plateau.js';
import { shareOut } from '../../app/run/scales.js';
import { MIN_SCALE_ITERATIONS, StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('wasm');

/** The iteration after which the rule ends a scale whose costs are `costs` (0 when it never does). */
function endsAt(costs: number[], minImprovement: number, minIterations = 20): number {
  const p = new Plateau(minImprovement, minIterations);
  const i = costs.findIndex((c) => p.add(c));
  return i + 1;
}

const geometric = (n: number, rate: number) => Array.from({ length: n }, (_, i) => (1 - rate) ** i);

describe('ending a scale when its cost stops falling', () => {
  it('keeps going while the cost falls faster than the threshold, stops soon after it falls slower', () => {
    // 1 % per iteration: the best of the last 10 is ~9.6 % below the best before, ~0.96 % per iteration.
    expect(endsAt(geometric(200, 0.01), 0.005)).toBe(0);
    // 0.2 % per iteration against 0.5 %: ends as soon as the minimum number has run.
    expect(endsAt(geometric(200, 0.002), 0.005)).toBe(20);
    // Fast at first, then flat after iteration 50: ends once the last 10 are all on the flat part.
    const bend = [...geometric(50, 0.03), ...Array.from({ length: 100 }, () => 0.97 ** 49)];
    expect(endsAt(bend, 0.001)).toBe(50 + PLATEAU_WINDOW);
  });

  it('uses best costs: one bad step (L-BFGS has no line search) neither ends a scale nor prolongs it', () => {
    const costs = geometric(60, 0.01);
    costs[30] = 5;
    expect(endsAt(costs, 0.005)).toBe(0);
  });

  it('asks finer scales for more improvement, in proportion to their pixels (the same gain per unit of work)', () => {
    const first = { width: 128, height: 85, iterations: 164 };
    expect(improvementNeeded(0.001, first, first)).toBe(0.001);
    // 512×341 has 16.05× the pixels of 128×85.
    expect(improvementNeeded(0.001, { width: 512, height: 341, iterations: 52 }, first)).toBeCloseTo((0.001 * 512 * 341) / (128 * 85), 15);
    expect(improvementNeeded(0, { width: 512, height: 341, iterations: 52 }, first)).toBe(0);
  });

  it('0 never ends a scale early, and no scale ends before its minimum', () => {
    expect(endsAt(Array.from({ length: 100 }, () => 1), 0)).toBe(0);
    expect(endsAt(Array.from({ length: 100 }, () => 1), 0.01, 35)).toBe(35);
  });

  it('hands the iterations a scale saved to the later scales in proportion, the remainder to the last', () => {
    // 40 saved over [92, 69, 52] (sum 213): floors 17, 12, 9 = 38; the 2 left go to the last.
    expect(shareOut([164, 50, 92, 69, 52], 1, 40)).toEqual([164, 50, 109, 81, 63]);
    expect(shareOut([10, 20], 1, 5)).toEqual([10, 20]);
    expect(shareOut([10, 20], 0, 0)).toEqual([10, 20]);
  });
});

describe('carrying the optimiser across scales', () => {
  it("Adam's moments are resized (bilinear) and its step count kept, as crowsonkb's scale_adam", () => {
    const adam = new Adam({ learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
    const x = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
    const g = tf.tensor4d(Array.from({ length: 12 }, (_, i) => i - 6), [1, 2, 2, 3]);
    const x1 = adam.step(x, g);
    const bigger = adam.resizedTo(4, 4);
    expect(bigger.iterations).toBe(1);
    // One step from zero moments: m = 0.1 g, v = 0.01 g²; bilinear from 2×2 to 4×4 with half-pixel centres
    // keeps the corners.
    const y = tf.ones([1, 4, 4, 3]) as tf.Tensor4D;
    const gy = tf.ones([1, 4, 4, 3]) as tf.Tensor4D;
    const y1 = bigger.step(y, gy);
    // At the top-left corner, channel 0: m' = 0.9·0.1·(−6) + 0.1·1, v' = 0.99·0.01·36 + 0.01·1, t = 2.
    const m = 0.9 * 0.1 * -6 + 0.1;
    const v = 0.99 * 0.01 * 36 + 0.01;
    const expected = 1 - (0.1 * (m / (1 - 0.9 ** 2))) / (Math.sqrt(v / (1 - 0.99 ** 2)) + 1e-8);
    expect(y1.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([x, g, x1, y, gy, y1]);
    adam.dispose();
    bigger.dispose();
  });
});

describe('a run whose scales end early', () => {
  const network = VggNetwork.fromWeights(syntheticVggWeights(4));
  afterAll(() => network.dispose());
  const flat = (w: number, h: number, v: number): RgbaImage => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(v) });

  it('stops each scale at the minimum when nothing counts as progress, and iterations stay an upper bound', async () => {
    const inputs = { content: flat(40, 30, 120), styles: [flat(32, 32, 200)] };
    const run = new StyleTransferRun(network, inputs, { size: 40, startSize: 28, iterations: 60, minImprovement: 0.9, optimizer: 'adam', previewSeconds: 1e9 });
    expect(run.schedule.map((s) => s.iterations)).toEqual([34, 26]);
    const tensors = tf.memory().numTensors;
    const perScale = [0, 0];
    const totals: number[] = [];
    const etas: number[] = [];
    run.on('progress', (p) => {
      perScale[p.scaleIndex]! += 1;
      totals.push(p.totalIterations);
      etas.push(p.etaSeconds);
    });
    const result = await run.start();
    expect(perScale).toEqual([MIN_SCALE_ITERATIONS, MIN_SCALE_ITERATIONS]);
    expect(result.iterations).toBe(2 * MIN_SCALE_ITERATIONS);
    // The first scale's unused 14 went to the second (budget 40), which ended at 20 too: only then does the
    // total shrink to what ran, so the last progress reads 40 / 40.
    expect(totals.slice(0, -1).every((t) => t === 60)).toBe(true);
    expect(totals.at(-1)).toBe(40);
    // And nothing is left to wait for: the plan's unused iterations are not counted in the last estimate.
    expect(etas.at(-1)).toBe(0);
    expect([result.image.width, result.image.height]).toEqual([40, 30]);
    // Adam's moments, carried to the second scale, are disposed with it.
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
