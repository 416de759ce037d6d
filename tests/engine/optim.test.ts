import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { Adam } from '../../app/optim/adam.js';
import { Ema, emaDecayFor } from '../../app/optim/ema.js';

await useBackend('cpu');

describe('Adam', () => {
  it('takes the bias-corrected steps of Kingma & Ba (hand computed)', () => {
    const adam = new Adam({ learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
    let x = tf.tensor1d([1, -2]);
    // Step 1, g = (0.5, -4): m̂ = g, v̂ = g², so the step is lr·sign(g).
    const x1 = adam.step(x, tf.tensor1d([0.5, -4]));
    expect(Array.from(x1.dataSync())).toEqual([expect.closeTo(0.9, 6), expect.closeTo(-1.9, 6)]);
    // Step 2, g = (1, 0): m = (0.9·0.05 + 0.1, 0.9·(−0.4)) = (0.145, −0.36); v = (0.99·0.0025 + 0.01, 0.99·0.16)
    // m̂ = m / 0.19, v̂ = v / 0.0199; x −= 0.1 · m̂ / (√v̂ + 1e-8).
    const x2 = adam.step(x1, tf.tensor1d([1, 0]));
    const step = (m: number, v: number) => (0.1 * (m / 0.19)) / (Math.sqrt(v / 0.0199) + 1e-8);
    expect(x2.dataSync()[0]).toBeCloseTo(0.9 - step(0.145, 0.012475), 5);
    expect(x2.dataSync()[1]).toBeCloseTo(-1.9 - step(-0.36, 0.1584), 5);
    expect(adam.iterations).toBe(2);
    tf.dispose([x, x1, x2]);
    adam.dispose();
  });

  it('uses the epsilon it is given (no backend-dependent default)', () => {
    const adam = new Adam({ learningRate: 1, beta1: 0.9, beta2: 0.99, epsilon: 1 });
    // g = 1 → m̂ = 1, v̂ = 1: step = 1 / (1 + ε) = 0.5.
    expect(adam.step(tf.scalar(0), tf.scalar(1)).dataSync()[0]).toBeCloseTo(-0.5, 6);
    adam.dispose();
  });

  it('frees each temporary as it goes: a step holds at most four pictures more than it is given and keeps', async () => {
    const adam = new Adam({ learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
    const x = tf.randomUniform([1, 48, 64, 3]);
    const g = tf.randomNormal([1, 48, 64, 3]);
    adam.step(x, g).dispose();
    const held = tf.memory().numBytes;
    const profile = await tf.profile(() => adam.step(x, g));
    expect(profile.peakBytes - held).toBeLessThanOrEqual(4 * x.size * 4 + 64);
    // The same result as the step written in one tf.tidy (the bias-corrected formula, hand-checked above).
    const next = profile.result as tf.Tensor;
    expect(next.shape).toEqual(x.shape);
    tf.dispose([x, g, next]);
    adam.dispose();
  });

  it('minimises a quadratic and keeps its tensor count flat', () => {
    const adam = new Adam({ learningRate: 0.05, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
    const target = tf.tensor1d([3, -1, 0.5]);
    let x: tf.Tensor = tf.zeros([3]);
    const grad = (t: tf.Tensor) => tf.tidy(() => tf.mul(tf.sub(t, target), 2));
    let count = 0;
    for (let i = 0; i < 400; i++) {
      const g = grad(x);
      const next = adam.step(x, g);
      tf.dispose([g, x]);
      x = next;
      if (i === 1) count = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(count);
    Array.from(x.dataSync()).forEach((v, i) => expect(v).toBeCloseTo([3, -1, 0.5][i]!, 1));
    adam.dispose();
  });
});

describe('Ema', () => {
  it('is the bias-corrected exponential average (hand computed)', () => {
    const ema = new Ema(0.5);
    expect(ema.value()).toBeNull();
    ema.update(tf.scalar(4));
    expect(ema.value()!.dataSync()[0]).toBeCloseTo(4, 6); // first value exactly
    ema.update(tf.scalar(0));
    // raw = 0.5·(0.5·4) + 0.5·0 = 1; corrected by 1 − 0.25 → 4/3.
    expect(ema.value()!.dataSync()[0]).toBeCloseTo(4 / 3, 6);
    ema.dispose();
  });

  it('averages over about a tenth of a scale, between 0.5 and 0.99', () => {
    expect(emaDecayFor(100)).toBeCloseTo(0.9);
    expect(emaDecayFor(5000)).toBe(0.99);
    expect(emaDecayFor(5)).toBe(0.5);
  });
});
