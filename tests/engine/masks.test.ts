import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { maskedGram } from '../../app/costs/maskedGram.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { MaskImage } from '../../app/image/maskImage.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { gradientError, randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('wasm');

function image(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...f(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

function mask(width: number, height: number, on: (x: number, y: number) => boolean): MaskImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = on(x, y) ? 255 : 0;
  return { width, height, data };
}

/** Mean absolute difference (0–255) between two images over the pixels where `where` holds. */
function meanDifference(a: RgbaImage, b: RgbaImage, where: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      if (!where(x, y)) continue;
      for (let c = 0; c < 3; c++) sum += Math.abs(a.data[(y * a.width + x) * 4 + c]! - b.data[(y * a.width + x) * 4 + c]!);
      n += 3;
    }
  return sum / n;
}

describe('masked Gram matrix', () => {
  it('averages over the masked positions only (hand computed)', () => {
    // Positions (1, 2) and (3, 4); the mask keeps the first fully and the second not at all.
    const f = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]);
    const m = tf.tensor4d([1, 0], [1, 2, 1, 1]);
    Array.from(maskedGram(f, m).dataSync()).forEach((v, i) => expect(v).toBeCloseTo([1, 2, 2, 4][i]!, 4));
  });

  it('has the gradient that finite differences give', () => {
    const m = tf.tensor4d(randomValues(12, 3, 0, 1), [1, 3, 4, 1]);
    const x = tf.tensor4d(randomValues(1 * 3 * 4 * 5, 4), [1, 3, 4, 5]);
    const weights = tf.tensor2d(randomValues(25, 5), [5, 5]);
    expect(gradientError((t) => tf.sum(tf.mul(maskedGram(t as tf.Tensor4D, m), weights)) as tf.Scalar, x)).toBeLessThan(2e-3);
  });
});

describe('masks in a run', () => {
  const network = VggNetwork.fromWeights(syntheticVggWeights(4));
  const W = 40;
  const H = 32;
  const content = image(W, H, (x, y) => [80 + 3 * x, 90 + 2 * y, 120]);
  const stripes = image(32, 32, (x, y) => ((x + y) % 6 < 3 ? [240, 200, 20] : [20, 40, 200]));
  const dots = image(32, 32, (x, y) => ((x % 4) + (y % 4) < 2 ? [250, 20, 20] : [20, 20, 20]));
  const left = (x: number) => x < W / 2;

  it("keeps the content's pixels where the keep mask is on, and stylises the rest", async () => {
    const keepMask = mask(W, H, (x) => left(x));
    const run = new StyleTransferRun(network, { content, styles: [stripes], keepMask }, { size: W, startSize: W, iterations: 25, optimizer: 'adam', learningRate: 0.05 });
    const result = (await run.start()).image;
    expect(meanDifference(result, content, (x) => x < W / 2 - 1)).toBeLessThan(1);
    expect(meanDifference(result, content, (x) => x > W / 2 + 1)).toBeGreaterThan(10);
  });

  it('gives each region its own style', async () => {
    const styleMasks = [mask(W, H, (x) => left(x)), mask(W, H, (x) => !left(x))];
    const run = new StyleTransferRun(network, { content, styles: [stripes, dots], styleMasks }, { size: W, startSize: W, iterations: 40, optimizer: 'adam', learningRate: 0.05 });
    const result = (await run.start()).image;
    // The dots style is mostly dark red/black: its region ends up darker and redder than the stripes' region.
    const channelMean = (c: number, where: (x: number) => boolean) => {
      let s = 0;
      let n = 0;
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (where(x)) (s += result.data[(y * W + x) * 4 + c]!), n++;
      return s / n;
    };
    const blueLeft = channelMean(2, (x) => x < W / 2 - 2);
    const blueRight = channelMean(2, (x) => x > W / 2 + 2);
    expect(blueLeft - blueRight).toBeGreaterThan(20);
  });

  it('rejects masks that do not fit', () => {
    expect(() => new StyleTransferRun(network, { content, styles: [stripes], styleMasks: [] })).toThrow('1 style images but 0 style masks');
    expect(() => new StyleTransferRun(network, { content, styles: [stripes], keepMask: { width: 4, height: 4, data: new Uint8Array(3) } })).toThrow(
      'keep mask: expected 16 bytes (one per pixel), got 3',
    );
  });
});
