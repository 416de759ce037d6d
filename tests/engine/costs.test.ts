import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { gramMatrix } from '../../app/costs/gram.js';
import { contentCost } from '../../app/costs/contentCost.js';
import { styleCost, styleLayerCost } from '../../app/costs/styleCost.js';
import { totalVariation, totalVariationWithGradient } from '../../app/costs/totalVariation.js';
import { gradientError, randomValues } from './numeric.js';

await useBackend('cpu');

describe('Gram matrix', () => {
  it('is FᵀF divided by the number of positions (hand computed)', () => {
    // 1×2×1×2 feature map: positions p1 = (1, 2), p2 = (3, 4).
    const f = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]);
    // FᵀF = [[1+9, 2+12], [2+12, 4+16]] = [[10, 14], [14, 20]]; / 2 positions.
    expect(Array.from(gramMatrix(f).dataSync())).toEqual([5, 7, 7, 10]);
  });

  it('does not change when the same texture covers a larger area', () => {
    const small = tf.tensor4d(randomValues(2 * 2 * 3, 1), [1, 2, 2, 3]);
    const tiled = tf.concat([tf.concat([small, small], 1), tf.concat([small, small], 1)], 2) as tf.Tensor4D;
    const a = gramMatrix(small).dataSync();
    const b = gramMatrix(tiled).dataSync();
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
  });

  it('has the gradient that finite differences give', () => {
    const x = tf.tensor4d(randomValues(1 * 3 * 4 * 5, 2), [1, 3, 4, 5]);
    const weights = tf.tensor2d(randomValues(25, 3), [5, 5]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(gramMatrix(t as tf.Tensor4D), weights)) as tf.Scalar;
    expect(gradientError(f, x)).toBeLessThan(2e-3);
  });
});

describe('content cost', () => {
  it('is the squared error relative to the target energy (hand computed)', () => {
    const target = tf.tensor4d([1, 2, 0, 2], [1, 2, 2, 1]);
    const features = tf.tensor4d([2, 2, 1, 0], [1, 2, 2, 1]);
    // Σ(F−P)² = 1 + 0 + 1 + 4 = 6; Σ P² = 1 + 4 + 0 + 4 = 9.
    expect(contentCost(features, target).dataSync()[0]).toBeCloseTo(6 / 9, 6);
    expect(contentCost(target, target).dataSync()[0]).toBe(0);
  });

  it('has the gradient that finite differences give', () => {
    const target = tf.tensor4d(randomValues(2 * 3 * 4, 4), [1, 2, 3, 4]);
    const x = tf.tensor4d(randomValues(2 * 3 * 4, 5), [1, 2, 3, 4]);
    expect(gradientError((t) => contentCost(t, target), x)).toBeLessThan(2e-3);
  });
});

describe('style cost', () => {
  it('is the squared Gram distance relative to the target Gram (hand computed)', () => {
    const f = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]); // Gram [[5, 7], [7, 10]]
    const target = tf.tensor2d([4, 7, 7, 12], [2, 2]);
    // Σ(G−A)² = 1 + 0 + 0 + 4 = 5; Σ A² = 16 + 49 + 49 + 144 = 258.
    expect(styleLayerCost(f, target).dataSync()[0]).toBeCloseTo(5 / 258, 6);
  });

  it('averages the layers with normalised weights', () => {
    const f1 = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]);
    const f2 = tf.tensor4d([1, 0, 0, 1], [1, 2, 1, 2]); // Gram [[0.5, 0], [0, 0.5]]
    const t1 = tf.tensor2d([4, 7, 7, 12], [2, 2]); // cost 5/258
    const t2 = tf.tensor2d([1, 0, 0, 1], [2, 2]); // Σ(G−A)² = 0.25 + 0.25 = 0.5; Σ A² = 2 → 0.25
    const cost = styleCost([f1, f2], [
      { gram: t1, weight: 3 },
      { gram: t2, weight: 1 },
    ]).dataSync()[0]!;
    expect(cost).toBeCloseTo(0.75 * (5 / 258) + 0.25 * 0.25, 6);
  });

  it('has the gradient that finite differences give', () => {
    const target = tf.tensor2d(randomValues(16, 6, 0, 1), [4, 4]);
    const x = tf.tensor4d(randomValues(1 * 3 * 3 * 4, 7), [1, 3, 3, 4]);
    expect(gradientError((t) => styleLayerCost(t as tf.Tensor4D, target), x)).toBeLessThan(2e-3);
  });
});

describe('total variation', () => {
  it('is the mean squared difference of neighbours (hand computed)', () => {
    // 2×2 single-channel image [[0, 1], [3, 1]].
    const img = tf.tensor4d([0, 1, 3, 1], [1, 2, 2, 1]);
    // vertical pairs: (0,3) → 9, (1,1) → 0: mean 4.5; horizontal pairs: (0,1) → 1, (3,1) → 4: mean 2.5.
    expect(totalVariation(img).dataSync()[0]).toBeCloseTo(7, 6);
  });

  it('is zero for a flat image and has the gradient that finite differences give', () => {
    expect(totalVariation(tf.fill([1, 4, 4, 3], 0.3) as tf.Tensor4D).dataSync()[0]).toBe(0);
    const x = tf.tensor4d(randomValues(1 * 4 * 5 * 3, 8, 0, 1), [1, 4, 5, 3]);
    expect(gradientError((t) => totalVariation(t as tf.Tensor4D), x)).toBeLessThan(2e-3);
  });

  it('comes with its gradient written out: the same value and the gradient tf.grad takes, times the scale', () => {
    // 2×2 single-channel [[0, 1], [3, 1]] by hand: ∂/∂a of (c−a)²/2 + (b−a)²/2 = −(3 − 0) − (1 − 0) = −4 at a = 0.
    const small = tf.tensor4d([0, 1, 3, 1], [1, 2, 2, 1]);
    const byHand = totalVariationWithGradient(small, 1);
    expect(byHand.value.dataSync()[0]).toBeCloseTo(7, 6);
    expect(Array.from(byHand.grad.dataSync())).toEqual([-4, 1, 5, -2].map((v) => expect.closeTo(v, 6)));
    for (const shape of [[1, 7, 5, 3], [1, 1, 6, 3], [1, 6, 1, 2]] as const) {
      const x = tf.tensor4d(randomValues(shape[1] * shape[2] * shape[3], 11, 0, 1), [...shape]);
      const { value, grad } = totalVariationWithGradient(x, 2.5);
      const expected = tf.grad((t: tf.Tensor) => tf.mul(totalVariation(t as tf.Tensor4D), 2.5))(x);
      expect(value.dataSync()[0]).toBeCloseTo(totalVariation(x).dataSync()[0]!, 6);
      expect(tf.max(tf.abs(tf.sub(grad, expected))).dataSync()[0]).toBeLessThan(1e-6);
    }
  });

  it("holds at most five pictures at its peak, its result among them (tf.grad's tape holds about twenty)", async () => {
    const x = tf.randomUniform([1, 64, 96, 3]) as tf.Tensor4D;
    const held = tf.memory().numBytes;
    const profile = await tf.profile(() => {
      const { value, grad } = totalVariationWithGradient(x, 1);
      return [value, grad];
    });
    const picture = x.size * 4;
    expect(profile.peakBytes - held).toBeLessThanOrEqual(5 * picture + 64);
    const tape = await tf.profile(() => tf.grad((t: tf.Tensor) => totalVariation(t as tf.Tensor4D))(x));
    expect(tape.peakBytes - held).toBeGreaterThan(10 * picture);
    tf.dispose(profile.result as tf.Tensor[]);
    (tape.result as tf.Tensor).dispose();
    x.dispose();
  });
});
